package web

import (
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

func Routes(mux *http.ServeMux, h http.Handler, hs ...http.Handler) {
	http.Handle("/a", h)
	http.Handle("/b", otelhttp.NewHandler(h, "b"))
	http.Handle(
		"/c",
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}),
	)
	http.Handle("/d", hs[0])
	register(hs...)
	register()
}

func register(hs ...http.Handler) {}
