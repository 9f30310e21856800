package main

import (
	"net/http"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
); import rt "github.com/rules-go-instrument/rules_go_instrument/aspects/runtime"

var shared = &http.Client{Transport: rt.HTTPTransport(nil),/*line app/client.go:10:27*/Timeout: 5 * time.Second}

func clients(base http.RoundTripper) []*http.Client {
	custom := &http.Client{Transport: rt.HTTPTransport(/*line app/client.go:13:36*/base)/*line app/client.go:13:40*/, Timeout: time.Second}
	traced := &http.Client{Transport: otelhttp.NewTransport(base)}
	empty := http.Client{Transport: rt.HTTPTransport(nil),/*line app/client.go:15:23*/}
	return []*http.Client{shared, custom, traced, &empty}
}

func main() { rt.InstrumentDefaultHTTPClient()
/*line app/client.go:19:14*/
	resp, err := http.Get("https://example.com/")
	if err == nil {
		resp.Body.Close()
	}
	_ = clients(nil)
}
