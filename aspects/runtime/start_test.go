package runtime

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	coltrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"
)

// The tests below run this test binary again as a small program (helpers[NAME])
// because Start changes process-wide state once: globals, signal handlers, exit.
const helperEnv = "RGI_RUNTIME_HELPER"

var helpers = map[string]func(){
	// A span, then os.Exit through the runtime: skips deferred calls, still exported.
	"exit": func() {
		Start()
		_, span := StartSpan(nil, "before-exit")
		span.End()
		Exit(3)
	},
	// A span, then SIGNAL (TERM or INT) that nobody in the program handles.
	"unhandled-signal": func() {
		Start()
		_, span := StartSpan(nil, "before-signal")
		span.End()
		_ = syscall.Kill(os.Getpid(), signalNamed(os.Getenv("SIGNAL")))
		time.Sleep(3 * time.Second)
		fmt.Println("still running")
	},
	// The program handles SIGTERM itself: it goes on and ends normally.
	"sigterm-handled": func() {
		defer Start()()
		signals := make(chan os.Signal, 1)
		Notify(signals, syscall.SIGTERM)
		_, span := StartSpan(nil, "before-sigterm")
		span.End()
		_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
		fmt.Println("handled", <-signals)
		_, span = StartSpan(nil, "after-sigterm")
		span.End()
	},
	// Reports which tracer provider is global after Start.
	"provider": func() {
		if os.Getenv("OWN_PROVIDER") != "" {
			otel.SetTracerProvider(sdktrace.NewTracerProvider())
		}
		defer Start()()
		fmt.Printf("%T\n", otel.GetTracerProvider())
	},
	// Reports the header fields of the global propagator.
	"propagator": func() {
		defer Start()()
		fmt.Println(strings.Join(otel.GetTextMapPropagator().Fields(), ","))
	},
}

func TestMain(m *testing.M) {
	if name := os.Getenv(helperEnv); name != "" {
		helpers[name]()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// receiver is an OTLP/HTTP endpoint that keeps the span names it is sent.
type receiver struct {
	mu    sync.Mutex
	names []string
	attrs []string
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	var export coltrace.ExportTraceServiceRequest
	if req.URL.Path != "/v1/traces" || proto.Unmarshal(body, &export) != nil {
		http.Error(w, "bad export", http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, rs := range export.ResourceSpans {
		for _, attr := range rs.Resource.Attributes {
			r.attrs = append(r.attrs, attr.Key+"="+attr.Value.GetStringValue())
		}
		for _, ss := range rs.ScopeSpans {
			for _, span := range ss.Spans {
				r.names = append(r.names, span.Name)
			}
		}
	}
	w.Header().Set("Content-Type", "application/x-protobuf")
	out, _ := proto.Marshal(&coltrace.ExportTraceServiceResponse{})
	_, _ = w.Write(out)
}

func (r *receiver) spans() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.names...)
}

// runHelper runs helpers[name] with OTLP/HTTP (the default exporter) pointed at
// a fresh receiver.
func runHelper(t *testing.T, name string, env ...string) (*receiver, string, error) {
	t.Helper()
	r := &receiver{}
	server := httptest.NewServer(r)
	t.Cleanup(server.Close)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+name, "OTEL_EXPORTER_OTLP_ENDPOINT="+server.URL,
		"OTEL_TRACES_EXPORTER=", "OTEL_SDK_DISABLED=", "OTEL_SERVICE_NAME=helper-"+name)
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	return r, string(out), err
}

func TestExitFlushesOverOTLPHTTPByDefault(t *testing.T) {
	r, out, err := runHelper(t, "exit")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("helper exit = %v, want status 3; output:\n%s", err, out)
	}
	if got := r.spans(); len(got) != 1 || got[0] != "before-exit" {
		t.Errorf("exported spans = %v, want [before-exit]", got)
	}
	if !strings.Contains(strings.Join(r.attrs, " "), "service.name=helper-exit") {
		t.Errorf("resource = %v, want service.name=helper-exit", r.attrs)
	}
}

func signalNamed(name string) syscall.Signal {
	if name == "INT" {
		return syscall.SIGINT
	}
	return syscall.SIGTERM
}

// A signal the program does not handle is flushed on and then ends it as it
// would have; one the program was started ignoring (nohup) stays ignored (child
// processes inherit ignored signals). Only SIGINT under `bazel test`: rules_go's
// test main registers a SIGTERM handler of its own (bzltestutil's timeout
// handler), outside any rewritten code, so this test binary does handle SIGTERM.
func TestUnhandledSignalFlushesThenKeepsItsDefaultEffect(t *testing.T) {
	names := []string{"TERM", "INT"}
	if os.Getenv("TEST_TARGET") != "" {
		names = []string{"INT"}
	}
	for _, name := range names {
		sig := signalNamed(name)
		r, out, err := runHelper(t, "unhandled-signal", "SIGNAL="+name)
		if got := r.spans(); len(got) != 1 || got[0] != "before-signal" {
			t.Errorf("SIG%s: exported spans = %v, want [before-signal]", name, got)
		}
		if signal.Ignored(sig) {
			if err != nil || !strings.Contains(out, "still running") {
				t.Errorf("SIG%s was ignored, yet the helper ended with %v:\n%s", name, err, out)
			}
			continue
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("SIG%s: helper ended with %v, want killed by it; output:\n%s", name, err, out)
		}
		if status := exit.Sys().(syscall.WaitStatus); !status.Signaled() || status.Signal() != sig {
			t.Errorf("helper status = %v, want killed by SIG%s", status, name)
		}
		if strings.Contains(out, "still running") {
			t.Errorf("helper ran on after SIG%s", name)
		}
	}
}

func TestSIGTERMTheProgramHandlesStaysItsOwn(t *testing.T) {
	r, out, err := runHelper(t, "sigterm-handled")
	if err != nil || !strings.Contains(out, "handled terminated") {
		t.Fatalf("helper = %v, want a normal end after its own handler; output:\n%s", err, out)
	}
	if got := r.spans(); len(got) != 2 || got[0] != "before-sigterm" || got[1] != "after-sigterm" {
		t.Errorf("exported spans = %v, want before-sigterm and after-sigterm", got)
	}
}

func TestStartKeepsOffWhenDisabledOrProvidedOrNone(t *testing.T) {
	for _, tc := range []struct {
		env  []string
		want string
	}{
		{nil, "*runtime.yieldingProvider"},
		{[]string{"OTEL_SDK_DISABLED=true"}, "*global.tracerProvider"},
		{[]string{"OTEL_TRACES_EXPORTER=none"}, "*global.tracerProvider"},
		{[]string{"OWN_PROVIDER=1"}, "*trace.TracerProvider"},
	} {
		_, out, err := runHelper(t, "provider", tc.env...)
		if err != nil || strings.TrimSpace(out) != tc.want {
			t.Errorf("with %v: provider = %q (%v), want %s", tc.env, out, err, tc.want)
		}
	}
	_, out, err := runHelper(t, "provider", "OTEL_TRACES_EXPORTER=zipkin")
	if err != nil || !strings.Contains(out, "rules_go_instrument: tracing disabled") ||
		!strings.Contains(out, "*global.tracerProvider") {
		t.Errorf("unknown exporter: %q (%v), want one warning and the no-op provider", out, err)
	}
}

func TestSamplerAndPropagatorsComeFromTheEnvironment(t *testing.T) {
	r, out, err := runHelper(t, "exit", "OTEL_TRACES_SAMPLER=always_off")
	if got := r.spans(); len(got) != 0 {
		t.Errorf("OTEL_TRACES_SAMPLER=always_off: exported %v (%v, %s)", got, err, out)
	}
	// A composite propagator's fields come from a set: compare them as one.
	for env, want := range map[string]string{
		"OTEL_PROPAGATORS=":   "baggage,traceparent,tracestate",
		"OTEL_PROPAGATORS=b3": "b3", // single-header B3, the spec's `b3`
	} {
		_, out, err := runHelper(t, "propagator", env)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		fields := strings.Split(lines[len(lines)-1], ",")
		sort.Strings(fields)
		if err != nil || strings.Join(fields, ",") != want {
			t.Errorf("%s: propagator fields %q (%v), want %s", env, out, err, want)
		}
	}
}
