package web

import (
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
); import __instr_otelhttp "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

func Routes(mux *http.ServeMux, h http.Handler, hs ...http.Handler) {
	http.Handle("/a", __instr_otelhttp.NewHandler(/*line app/web.go:10:20*/h, "/a")/*line app/web.go:10:21*/)
	http.Handle("/b", otelhttp.NewHandler(h, "b"))
	http.Handle(
		"/c",
		__instr_otelhttp.NewHandler(/*line app/web.go:14:3*/http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), "/c")/*line app/web.go:14:68*/,
	)
	http.Handle("/d", __instr_otelhttp.NewHandler(/*line app/web.go:16:20*/hs[0], "/d")/*line app/web.go:16:25*/)
	register(wrapAll(/*line app/web.go:17:11*/hs)/*line app/web.go:17:13*/...)
	register()
}

func register(hs ...http.Handler) {}
