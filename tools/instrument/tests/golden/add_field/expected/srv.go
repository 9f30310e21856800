package srv

import (
	"crypto/tls"
	"net/http"
); import otelhttp "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

func Servers(h http.Handler) []*http.Server {
	return []*http.Server{
		{Addr: ":1"},
		&http.Server{Handler: otelhttp.NewHandler(http.DefaultServeMux, "srv.go"),/*line app/srv.go:11:16*/Addr: ":2"},
		&http.Server{
			Addr:    ":3",
			Handler: h,
		},
		&http.Server{Handler: otelhttp.NewHandler(http.DefaultServeMux, "srv.go"),/*line app/srv.go:16:16*/},
		&http.Server{Handler: otelhttp.NewHandler(http.DefaultServeMux, "srv.go"),/*line app/srv.go:17:16*/ // comment after brace
			Addr: ":4",
		},
	}
}

func Plain() http.Server { return http.Server{Handler: otelhttp.NewHandler(http.DefaultServeMux, "srv.go"),/*line app/srv.go:23:47*/TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12,/*line app/srv.go:23:70*/}} }
