package server

import "net/http"; import rt "example.com/instr/runtime"; import otelhttp "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

type Config struct {
	Name string
}

func New(mux *http.ServeMux) *http.Server {
	cfg := (/*line app/server.go:10:9*/Config{Name: "svc"})
	_ = cfg
	plain := rt.Track(/*line app/server.go:12:11*/http.Server{Addr: ":8080"})
	_ = plain
	return rt.Track(/*line app/server.go:14:9*/&http.Server{
		Addr:    ":8080",
		Handler: otelhttp.NewHandler(/*line app/server.go:16:12*/mux, ":8080")/*line app/server.go:16:15*/,
	})
}
