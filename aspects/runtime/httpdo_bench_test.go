package runtime

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkHTTPDo compares HTTPDo on a client whose transport it must wrap per call
// (nil, the client's own) with one already sending through otelhttp (nothing to wrap),
// which is the cost a cache of wrapped transports could at best save.
func BenchmarkHTTPDo(b *testing.B) {
	provider, _ := recording(b)
	useGlobal(b, provider)
	server := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer server.Close()
	clients := []struct {
		name   string
		client *http.Client
	}{
		{"nil_transport", new(http.Client)},
		{"own_transport", &http.Client{Transport: &http.Transport{}}},
		{"already_traced", &http.Client{Transport: HTTPTransport(&http.Transport{})}},
	}
	for _, c := range clients {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				req, _ := http.NewRequest(http.MethodGet, server.URL, nil)
				resp, err := HTTPDo(c.client, req)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
}
