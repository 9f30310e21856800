// Package greet builds the smoke app's message inside an OpenTelemetry span.
package greet

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
)

// Message starts a span through the global (no-op) tracer provider, so the
// OpenTelemetry module is really linked and called, and describes it.
func Message(ctx context.Context, name string) string {
	var span trace.Span
	_, span = otel.Tracer("example.com/smoke/greet").Start(ctx, "Message")
	defer span.End()
	return fmt.Sprintf("hello, %s (go.opentelemetry.io/otel %s, recording=%t)",
		name, otel.Version(), span.IsRecording())
}
