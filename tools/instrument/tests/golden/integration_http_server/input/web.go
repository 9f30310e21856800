package main

import (
	"log"
	"net"
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

func serve(mux *http.ServeMux, l net.Listener) {
	go http.ListenAndServe(":8080", mux)
	go http.ListenAndServe(":8081", nil)
	go http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", mux)
	go http.Serve(l, mux)
	go http.ServeTLS(l, mux, "cert.pem", "key.pem")
	// Already instrumented by hand: left alone.
	go http.ListenAndServe(":8082", otelhttp.NewHandler(mux, "api"))

	srv := &http.Server{Addr: ":9090", Handler: mux}
	plain := http.Server{Addr: ":9091"}
	own := &http.Server{Handler: otelhttp.NewHandler(mux, "own")}
	log.Println(srv, &plain, own)
}

// Opted out.
//
//trace:ignore
func internalOnly(mux *http.ServeMux) error {
	return http.ListenAndServe("127.0.0.1:6060", mux)
}
