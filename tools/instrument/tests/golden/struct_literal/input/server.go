package server

import "net/http"

type Config struct {
	Name string
}

func New(mux *http.ServeMux) *http.Server {
	cfg := Config{Name: "svc"}
	_ = cfg
	plain := http.Server{Addr: ":8080"}
	_ = plain
	return &http.Server{
		Addr:    ":8080",
		Handler: mux,
	}
}
