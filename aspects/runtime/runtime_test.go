package runtime

import (
	"context"
	"errors"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	sdkresource "go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
)

// exported holds what an SDK provider exported through the runtime's redactor.
type exported struct{ *tracetest.InMemoryExporter }

// Ended returns the exported spans in the order they ended.
func (e exported) Ended() []sdktrace.ReadOnlySpan { return e.GetSpans().Snapshots() }

// recording returns an SDK provider that exports synchronously, as the runtime
// does (through redactingExporter), to memory.
func recording(t testing.TB) (*sdktrace.TracerProvider, exported) {
	t.Helper()
	memory := tracetest.NewInMemoryExporter()
	provider := sdktrace.NewTracerProvider(sdktrace.WithSyncer(redactingExporter{memory}))
	t.Cleanup(func() { _ = provider.Shutdown(context.Background()) })
	return provider, exported{memory}
}

func TestSpansNestAndRecordErrors(t *testing.T) {
	provider, recorder := recording(t)
	tracer := provider.Tracer(InstrumentationName)

	ctx, parent := tracer.Start(context.Background(), "parent")
	_, child := tracer.Start(ctx, "child")
	failure := errors.New("boom")
	EndSpan(child, &failure)
	var ok error
	EndSpan(parent, &ok)

	spans := recorder.Ended()
	if len(spans) != 2 {
		t.Fatalf("got %d ended spans, want 2", len(spans))
	}
	childSpan, parentSpan := spans[0], spans[1]
	if childSpan.Parent().SpanID() != parentSpan.SpanContext().SpanID() {
		t.Errorf("child's parent = %v, want %v", childSpan.Parent().SpanID(), parentSpan.SpanContext().SpanID())
	}
	if childSpan.Status().Code != codes.Error || childSpan.Status().Description != "boom" {
		t.Errorf("child status = %+v, want Error(boom)", childSpan.Status())
	}
	if len(childSpan.Events()) != 1 || childSpan.Events()[0].Name != "exception" {
		t.Errorf("child events = %+v, want one exception", childSpan.Events())
	}
	if parentSpan.Status().Code != codes.Unset {
		t.Errorf("parent status = %+v, want Unset", parentSpan.Status())
	}
}

func serviceName(r *sdkresource.Resource) string {
	value, _ := r.Set().Value(semconv.ServiceNameKey)
	return value.AsString()
}

func TestServiceNameDefaultsToTheExecutableAndYieldsToTheEnvironment(t *testing.T) {
	t.Setenv("OTEL_SERVICE_NAME", "")
	t.Setenv("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test")
	r := newResource(context.Background())
	if got, want := serviceName(r), executableName(); got != want || want == "" {
		t.Errorf("service.name = %q, want the executable's name %q", got, want)
	}
	if value, _ := r.Set().Value("deployment.environment.name"); value.AsString() != "test" {
		t.Errorf("OTEL_RESOURCE_ATTRIBUTES lost: %v", r)
	}

	t.Setenv("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes,team=x")
	if got := serviceName(newResource(context.Background())); got != "from-attributes" {
		t.Errorf("service.name = %q, want the one OTEL_RESOURCE_ATTRIBUTES sets", got)
	}

	t.Setenv("OTEL_SERVICE_NAME", "from-service-name")
	if got := serviceName(newResource(context.Background())); got != "from-service-name" {
		t.Errorf("service.name = %q, want OTEL_SERVICE_NAME's", got)
	}
}

func TestRedactURLDropsQueryFragmentAndUserInfo(t *testing.T) {
	for raw, want := range map[string]string{
		"https://user:pw@api.example.com/v1/items?token=s3cret#frag": "https://api.example.com/v1/items",
		"http://example.com/a?":           "http://example.com/a",
		"http://example.com/plain":        "http://example.com/plain",
		"http://[::1%zone/x?token=s3cret": "REDACTED",
	} {
		if got, _ := redactURL(raw); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", raw, got, want)
		}
	}
}

func names(spans []sdktrace.ReadOnlySpan) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = s.Name()
	}
	return out
}

func TestStartSpanFollowsTheGlobalProviderWhenItChanges(t *testing.T) {
	first, firstSpans := recording(t)
	second, secondSpans := recording(t)
	useGlobal(t, first)
	_, span := StartSpan(nil, "one")
	span.End()
	otel.SetTracerProvider(second)
	_, span = StartSpan(nil, "two")
	span.End()
	if got := names(firstSpans.Ended()); len(got) != 1 || got[0] != "one" {
		t.Errorf("first provider's spans = %v, want [one]", got)
	}
	if got := names(secondSpans.Ended()); len(got) != 1 || got[0] != "two" {
		t.Errorf("second provider's spans = %v, want [two]", got)
	}
}
