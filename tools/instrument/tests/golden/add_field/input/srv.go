package srv

import (
	"crypto/tls"
	"net/http"
)

func Servers(h http.Handler) []*http.Server {
	return []*http.Server{
		{Addr: ":1"},
		&http.Server{Addr: ":2"},
		&http.Server{
			Addr:    ":3",
			Handler: h,
		},
		&http.Server{},
		&http.Server{ // comment after brace
			Addr: ":4",
		},
	}
}

func Plain() http.Server { return http.Server{TLSConfig: &tls.Config{}} }
