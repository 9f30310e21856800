package runtime

import (
	"context"

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
	return otel.Tracer(InstrumentationName).Start(ctx, name)
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
