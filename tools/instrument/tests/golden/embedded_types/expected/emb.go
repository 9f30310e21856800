package emb

import "net/http"

type Wrapper struct {
	http.Server
	Name string
}

func New() *Wrapper {
	return &Wrapper{
		Server: http.Server{Handler: http.DefaultServeMux,/*line app/emb.go:12:23*/Addr: ":1"},
		Name:   "w-" + /*line app/emb.go:13:11*/"w",
	}
}
