package runtime

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

const secret = "s3cret-value"

// useGlobal makes provider and W3C propagation the process's globals for one test.
func useGlobal(t testing.TB, provider trace.TracerProvider) {
	t.Helper()
	previous, previousProp := otel.GetTracerProvider(), otel.GetTextMapPropagator()
	otel.SetTracerProvider(provider)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	t.Cleanup(func() {
		otel.SetTracerProvider(previous)
		otel.SetTextMapPropagator(previousProp)
	})
}

// attributeText is every attribute and event of spans, as one string to search.
func attributeText(spans []sdktrace.ReadOnlySpan) string {
	var b strings.Builder
	for _, span := range spans {
		b.WriteString(span.Name() + "\n")
		for _, attr := range span.Attributes() {
			b.WriteString(string(attr.Key) + "=" + attr.Value.Emit() + "\n")
		}
		for _, event := range span.Events() {
			for _, attr := range event.Attributes {
				b.WriteString(string(attr.Key) + "=" + attr.Value.Emit() + "\n")
			}
		}
	}
	return b.String()
}

func TestHTTPClientAndServerSpansShareATraceAndLeakNothing(t *testing.T) {
	provider, recorder := recording(t)
	useGlobal(t, provider)

	mux := http.NewServeMux()
	mux.HandleFunc("POST /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_, _ = w.Write(append([]byte("got "), body...))
	})
	server := httptest.NewServer(HTTPHandler(mux))
	defer server.Close()

	client := &http.Client{Transport: HTTPTransport(nil)}
	req, _ := http.NewRequest("POST", server.URL+"/items/7?token="+secret+"#"+secret,
		strings.NewReader("body-"+secret))
	req.SetBasicAuth("user", secret)
	req.Header.Set("X-Api-Key", secret)
	req.AddCookie(&http.Cookie{Name: "session", Value: secret})
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.ReadAll(resp.Body)
	resp.Body.Close()

	spans := recorder.Ended()
	if len(spans) != 2 {
		t.Fatalf("got spans %v, want one server and one client span", names(spans))
	}
	serverSpan, clientSpan := spans[0], spans[1]
	if serverSpan.SpanKind() != trace.SpanKindServer || serverSpan.Name() != "POST /items/{id}" {
		t.Errorf("server span = %s %q, want server \"POST /items/{id}\"", serverSpan.SpanKind(), serverSpan.Name())
	}
	if clientSpan.SpanKind() != trace.SpanKindClient || clientSpan.Name() != "POST" {
		t.Errorf("client span = %s %q, want client \"POST\"", clientSpan.SpanKind(), clientSpan.Name())
	}
	if serverSpan.Parent().SpanID() != clientSpan.SpanContext().SpanID() ||
		serverSpan.SpanContext().TraceID() != clientSpan.SpanContext().TraceID() {
		t.Errorf("server span is not the client span's child: trace context was not propagated")
	}
	text := attributeText(spans)
	if strings.Contains(text, secret) {
		t.Errorf("a secret from the query, fragment, basic auth, a header, a cookie or the body "+
			"reached a span attribute:\n%s", text)
	}
	for _, want := range []string{"http.route=/items/{id}", "http.response.status_code=200",
		"url.full=" + server.URL + "/items/7\n", "url.path=/items/7"} {
		if !strings.Contains(text, want) {
			t.Errorf("span attributes lack %q:\n%s", want, text)
		}
	}
}

// DefaultServeMux is process-wide: register the probe once, even under -count=N.
var registerDefaultMuxProbe sync.Once

func TestHTTPHandlerNilIsTheDefaultServeMux(t *testing.T) {
	provider, recorder := recording(t)
	useGlobal(t, provider)
	registerDefaultMuxProbe.Do(func() {
		http.HandleFunc("/default-mux-probe", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, "default mux")
		})
	})
	server := httptest.NewServer(HTTPHandler(nil))
	defer server.Close()
	resp, err := http.Get(server.URL + "/default-mux-probe")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "default mux" || len(recorder.Ended()) != 1 {
		t.Errorf("body %q, spans %v; want the DefaultServeMux's answer and one span", body, names(recorder.Ended()))
	}
}

func TestHTTPTransportNeverWrapsTwice(t *testing.T) {
	traced := otelhttp.NewTransport(http.DefaultTransport)
	if got := HTTPTransport(traced); got != http.RoundTripper(traced) {
		t.Errorf("HTTPTransport(otelhttp transport) wrapped it again")
	}

	provider, recorder := recording(t)
	useGlobal(t, provider)
	server := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer server.Close()
	previous := http.DefaultTransport
	http.DefaultTransport = otelhttp.NewTransport(previous)
	defer func() { http.DefaultTransport = previous }()
	client := &http.Client{Transport: HTTPTransport(nil)}
	resp, err := client.Get(server.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := names(recorder.Ended()); len(got) != 1 {
		t.Errorf("client spans = %v, want one (the program's own otelhttp DefaultTransport)", got)
	}
}

func TestInstrumentDefaultHTTPClientKeepsAProgramsTransport(t *testing.T) {
	previous := http.DefaultClient.Transport
	defer func() { http.DefaultClient.Transport = previous }()

	own := &http.Transport{}
	http.DefaultClient.Transport = own
	InstrumentDefaultHTTPClient()
	if http.DefaultClient.Transport != http.RoundTripper(own) {
		t.Errorf("the program's DefaultClient transport was replaced")
	}
	http.DefaultClient.Transport = nil
	InstrumentDefaultHTTPClient()
	if _, ok := http.DefaultClient.Transport.(defaultTransport); !ok {
		t.Errorf("DefaultClient transport = %T, want the traced default", http.DefaultClient.Transport)
	}
}

func TestHTTPDoTracesAClientOnceAndLeavesItAlone(t *testing.T) {
	provider, recorder := recording(t)
	useGlobal(t, provider)
	server := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer server.Close()

	plain := new(http.Client) // a client nobody instrumented
	traced := &http.Client{Transport: HTTPTransport(nil)}
	defaulted := &http.Client{Transport: defaultTransport{traced: newTransport(untracedDefault{})}}
	for _, c := range []*http.Client{plain, traced, defaulted} {
		req, _ := http.NewRequest("GET", server.URL, nil)
		resp, err := HTTPDo(c, req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if got := names(recorder.Ended()); len(got) != 3 {
		t.Errorf("client spans = %v, want one per request", got)
	}
	if plain.Transport != nil {
		t.Errorf("HTTPDo modified the client: Transport = %T", plain.Transport)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestHTTPDoWrapsEachTransportOnce(t *testing.T) {
	base := &http.Transport{}
	if first, again := doTransport(base), doTransport(base); first != again {
		t.Errorf("a transport was wrapped twice: %p, %p", first, again)
	}
	if doTransport(nil) != doTransport(nil) {
		t.Error("the default transport was wrapped twice")
	}
	// A func value is unhashable: it must be wrapped per call, not panic in the cache.
	fn := roundTripFunc(http.DefaultTransport.RoundTrip)
	if _, ok := doTransport(fn).(*otelhttp.Transport); !ok {
		t.Errorf("doTransport(func) = %T, want an otelhttp transport", doTransport(fn))
	}
}
