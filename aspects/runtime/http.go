package runtime

import (
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
	"go.opentelemetry.io/otel/trace"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

// HTTPHandler wraps h in otelhttp's server handler: one server span per
// request, named "METHOD route" (the ServeMux pattern) with the semantic
// conventions' request and response attributes (method, route, url.path,
// status code; never the query string, headers, cookies or bodies). A nil h is
// http.DefaultServeMux, as for http.ListenAndServe and http.Server.
func HTTPHandler(h http.Handler) http.Handler {
	if h == nil {
		h = http.DefaultServeMux
	}
	return otelhttp.NewHandler(routeRecorder{h}, "http.server")
}

// routeRecorder adds http.route once the handler has run: a ServeMux sets the
// request's Pattern ("GET example.com/items/{id}") only while routing.
type routeRecorder struct{ next http.Handler }

func (h routeRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.next.ServeHTTP(w, r)
	if slash := strings.IndexByte(r.Pattern, '/'); slash >= 0 {
		trace.SpanFromContext(r.Context()).SetAttributes(semconv.HTTPRoute(r.Pattern[slash:]))
	}
}

// HTTPTransport wraps base in otelhttp's client transport: one client span per
// request and the trace context in its headers. A nil base is
// http.DefaultTransport, read at each request so that a program that replaces
// http.DefaultTransport later still gets its own. A base that already is an
// otelhttp transport is returned as it is (never two spans for one request).
func HTTPTransport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		return tracedDefault()
	}
	switch base.(type) {
	case *otelhttp.Transport, defaultTransport:
		return base
	}
	return newTransport(base)
}

// HTTPDo is c.Do(req) through a traced transport, for a client the rewritten code
// did not build (held in a struct field, returned by a constructor, made with
// new(http.Client)): injected at `(*http.Client).Do` calls resolved by type facts.
// c itself is never modified (other goroutines may use it); a client already
// sending through otelhttp gets no second span. A nil c panics as c.Do does.
func HTTPDo(c *http.Client, req *http.Request) (*http.Response, error) {
	traced := *c
	traced.Transport = doTransport(c.Transport)
	return traced.Do(req)
}

// tracedDefault is the one traced wrapper of http.DefaultTransport: it reads
// http.DefaultTransport at each request, so one serves every caller.
var tracedDefault = sync.OnceValue(func() http.RoundTripper {
	return defaultTransport{traced: newTransport(untracedDefault{})}
})

// maxWrapped bounds the transports HTTPDo keeps alive through its cache: a program
// that makes a transport per request gets a new wrapper per request, as without it.
const maxWrapped = 64

var (
	wrapped      sync.Map // base transport (a pointer) -> its traced wrapper
	wrappedCount atomic.Int32
)

// doTransport is HTTPTransport(base), made once per base transport rather than per
// request (BenchmarkHTTPDo: an otelhttp transport is 15 allocations). Only pointer
// bases are cached: any other value may hold something unhashable.
func doTransport(base http.RoundTripper) http.RoundTripper {
	if base == nil || reflect.TypeOf(base).Kind() != reflect.Pointer {
		return HTTPTransport(base)
	}
	if traced, ok := wrapped.Load(base); ok {
		return traced.(http.RoundTripper)
	}
	traced := HTTPTransport(base)
	if wrappedCount.Load() < maxWrapped {
		if previous, loaded := wrapped.LoadOrStore(base, traced); loaded {
			return previous.(http.RoundTripper)
		}
		wrappedCount.Add(1)
	}
	return traced
}

// newTransport names client spans by the method alone, as the HTTP semantic
// conventions ask when the route is unknown (otelhttp's default is "HTTP GET").
func newTransport(base http.RoundTripper) *otelhttp.Transport {
	return otelhttp.NewTransport(base, otelhttp.WithSpanNameFormatter(
		func(_ string, r *http.Request) string { return r.Method }))
}

// InstrumentDefaultHTTPClient gives http.DefaultClient (so http.Get, Head,
// Post, PostForm and http.DefaultClient.Do everywhere in the program) a traced
// transport, unless the program already set one. Injected at the top of main.
func InstrumentDefaultHTTPClient() {
	if http.DefaultClient.Transport == nil {
		http.DefaultClient.Transport = HTTPTransport(nil)
	}
}

// defaultTransport sends through otelhttp, unless the program itself made
// http.DefaultTransport an otelhttp transport.
type defaultTransport struct{ traced *otelhttp.Transport }

func (t defaultTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if _, ok := http.DefaultTransport.(*otelhttp.Transport); ok {
		return http.DefaultTransport.RoundTrip(r)
	}
	return t.traced.RoundTrip(r)
}

// CloseIdleConnections keeps http.Client.CloseIdleConnections working.
func (defaultTransport) CloseIdleConnections() { closeIdle(http.DefaultTransport) }

type untracedDefault struct{}

func (untracedDefault) RoundTrip(r *http.Request) (*http.Response, error) {
	return http.DefaultTransport.RoundTrip(r)
}

func (untracedDefault) CloseIdleConnections() { closeIdle(http.DefaultTransport) }

func closeIdle(rt http.RoundTripper) {
	if c, ok := rt.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
