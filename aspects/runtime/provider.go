package runtime

import (
	"context"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/embedded"
)

// yieldingProvider is the global tracer provider Start installs. It hands out
// tracers that start spans in the SDK provider while it is the global one, and
// in whatever provider the program installs later (otel.SetTracerProvider) from
// then on: tracers obtained before that (package variables, contrib wrappers
// built early) follow the program's choice, so a program that installs its own
// TracerProvider keeps it.
type yieldingProvider struct {
	embedded.TracerProvider
	sdk *sdktrace.TracerProvider
}

func (p *yieldingProvider) Tracer(name string, opts ...trace.TracerOption) trace.Tracer {
	return &yieldingTracer{provider: p, name: name, opts: opts, own: p.sdk.Tracer(name, opts...)}
}

type yieldingTracer struct {
	embedded.Tracer
	provider *yieldingProvider
	name     string
	opts     []trace.TracerOption
	own      trace.Tracer
}

func (t *yieldingTracer) Start(ctx context.Context, name string, opts ...trace.SpanStartOption) (context.Context, trace.Span) {
	if global := otel.GetTracerProvider(); global != trace.TracerProvider(t.provider) {
		return global.Tracer(t.name, t.opts...).Start(ctx, name, opts...)
	}
	return t.own.Start(ctx, name, opts...)
}
