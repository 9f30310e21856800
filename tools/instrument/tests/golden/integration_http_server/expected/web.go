package main

import (
	"log"
	"net"
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
); import rt "github.com/rules-go-instrument/rules_go_instrument/aspects/runtime"

func serve(mux *http.ServeMux, l net.Listener) {
	go http.ListenAndServe(":8080", rt.HTTPHandler(/*line app/web.go:12:34*/mux)/*line app/web.go:12:37*/)
	go http.ListenAndServe(":8081", rt.HTTPHandler(/*line app/web.go:13:34*/nil)/*line app/web.go:13:37*/)
	go http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", rt.HTTPHandler(/*line app/web.go:14:60*/mux)/*line app/web.go:14:63*/)
	go http.Serve(l, rt.HTTPHandler(/*line app/web.go:15:19*/mux)/*line app/web.go:15:22*/)
	go http.ServeTLS(l, rt.HTTPHandler(/*line app/web.go:16:22*/mux)/*line app/web.go:16:25*/, "cert.pem", "key.pem")
	// Already instrumented by hand: left alone.
	go http.ListenAndServe(":8082", otelhttp.NewHandler(mux, "api"))

	srv := &http.Server{Addr: ":9090", Handler: rt.HTTPHandler(/*line app/web.go:20:46*/mux)/*line app/web.go:20:49*/}
	plain := http.Server{Handler: rt.HTTPHandler(nil),/*line app/web.go:21:23*/Addr: ":9091"}
	own := &http.Server{Handler: otelhttp.NewHandler(mux, "own")}
	log.Println(srv, &plain, own)
}

// Opted out.
//
//trace:ignore
func internalOnly(mux *http.ServeMux) error {
	return http.ListenAndServe("127.0.0.1:6060", mux)
}
