package runtime

import (
	"context"
	"reflect"
	"sync/atomic"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// StartSpan opens a span named name as a child of any span in ctx. Injected at
// the top of functions marked `//trace:span` together with a deferred EndSpan.
func StartSpan(ctx context.Context, name string) (context.Context, trace.Span) {
	if ctx == nil {
		ctx = context.Background()
	}
	return tracer().Start(ctx, name)
}

// providerTracer is the runtime's tracer of one tracer provider.
type providerTracer struct {
	provider trace.TracerProvider
	tracer   trace.Tracer
}

var lastTracer atomic.Pointer[providerTracer]

// tracer is otel.Tracer(InstrumentationName) without the provider's lock and map
// lookup on every span (BenchmarkStartSpan), for as long as the global provider
// stays the same one. Only pointer providers are compared: == on any other value
// may panic.
func tracer() trace.Tracer {
	provider := otel.GetTracerProvider()
	if last := lastTracer.Load(); last != nil && reflect.TypeOf(provider).Kind() == reflect.Pointer && last.provider == provider {
		return last.tracer
	}
	t := provider.Tracer(InstrumentationName)
	lastTracer.Store(&providerTracer{provider, t})
	return t
}

// EndSpan ends span, recording *err as the span's error status when it is set.
// Injected as `defer runtime.EndSpan(span, &err)` in functions whose last
// result is an error (the instrumenter names it when it is unnamed).
func EndSpan(span trace.Span, err *error) {
	if err != nil && *err != nil {
		span.RecordError(*err)
		span.SetStatus(codes.Error, (*err).Error())
	}
	span.End()
}
