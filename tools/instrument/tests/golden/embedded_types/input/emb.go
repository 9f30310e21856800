package emb

import "net/http"

type Wrapper struct {
	http.Server
	Name string
}

func New() *Wrapper {
	return &Wrapper{
		Server: http.Server{Addr: ":1"},
		Name:   "w",
	}
}
