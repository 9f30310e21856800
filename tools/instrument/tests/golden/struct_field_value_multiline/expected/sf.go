package sf

import "net/http"; import otelhttp "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

func S(mux *http.ServeMux) *http.Server {
	return &http.Server{
		Handler: otelhttp.NewHandler(/*line app/sf.go:7:12*/http.HandlerFunc(
			func(w http.ResponseWriter, r *http.Request) {
				mux.ServeHTTP(w, r)
			},
		), "server")/*line app/sf.go:11:4*/,
	}
}
