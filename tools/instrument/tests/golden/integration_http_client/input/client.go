package main

import (
	"net/http"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

var shared = &http.Client{Timeout: 5 * time.Second}

func clients(base http.RoundTripper) []*http.Client {
	custom := &http.Client{Transport: base, Timeout: time.Second}
	traced := &http.Client{Transport: otelhttp.NewTransport(base)}
	empty := http.Client{}
	return []*http.Client{shared, custom, traced, &empty}
}

func main() {
	resp, err := http.Get("https://example.com/")
	if err == nil {
		resp.Body.Close()
	}
	_ = clients(nil)
}
