package srv

import (
	"net/http"
	"os"
); import otelhttp "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

func Serve(h http.Handler) error {
	s := &http.Server{Addr: ":8080", Handler: otelhttp.NewHandler(/*line app/srv.go:9:44*/h, "server")/*line app/srv.go:9:45*/}
	t := http.Server{Handler: otelhttp.NewHandler(http.DefaultServeMux, "server")/*line app/srv.go:10:31*/}
	_ = t
	http.DefaultClient.Timeout = 0
	return s.ListenAndServe() // serve
}

func Env() string {
	return os.Getenv("HOME" + "")
}
