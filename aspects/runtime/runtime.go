// Package runtime is what code injected by rules_go_instrument calls: it starts
// the OpenTelemetry SDK from the standard OTEL_* environment variables in main,
// flushes it on exit, and opens spans for instrumented functions.
//
// It holds only what the OpenTelemetry API and contrib wrappers lack; injected
// code uses those directly where they exist.
package runtime

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	sdkresource "go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
	"go.opentelemetry.io/otel/trace"
)

// InstrumentationName is the instrumentation scope of spans opened here.
const InstrumentationName = "github.com/rules-go-instrument/rules_go_instrument/aspects/runtime"

var (
	startOnce sync.Once
	shutdown  = func() {}
)

// Start installs a tracer provider chosen by OTEL_TRACES_EXPORTER ("console"
// writes spans as JSON lines to stderr; "none" or unset keeps the no-op
// provider) and returns the function that flushes it. Injected at the top of
// main as `defer runtime.Start()()`; calling it twice starts the SDK once.
func Start() func() {
	startOnce.Do(func() {
		exporter, err := newExporter(os.Getenv("OTEL_TRACES_EXPORTER"), os.Stderr)
		if err != nil {
			fmt.Fprintf(os.Stderr, "rules_go_instrument: tracing disabled: %v\n", err)
			return
		}
		if exporter == nil {
			return
		}
		provider := sdktrace.NewTracerProvider(
			sdktrace.WithSyncer(exporter),
			sdktrace.WithResource(newResource()),
		)
		otel.SetTracerProvider(provider)
		otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(
			propagation.TraceContext{}, propagation.Baggage{}))
		shutdown = func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = provider.Shutdown(ctx)
		}
	})
	return func() { shutdown() }
}

func newExporter(name string, console io.Writer) (sdktrace.SpanExporter, error) {
	switch strings.TrimSpace(name) {
	case "", "none":
		return nil, nil
	case "console":
		return stdouttrace.New(stdouttrace.WithWriter(console))
	default:
		return nil, fmt.Errorf("OTEL_TRACES_EXPORTER=%q is not supported (use console or none)", name)
	}
}

func newResource() *sdkresource.Resource {
	service := os.Getenv("OTEL_SERVICE_NAME")
	if service == "" && len(os.Args) > 0 {
		service = os.Args[0][strings.LastIndex(os.Args[0], "/")+1:]
	}
	resource, err := sdkresource.Merge(sdkresource.Default(),
		sdkresource.NewSchemaless(semconv.ServiceName(service)))
	if err != nil {
		return sdkresource.Default()
	}
	return resource
}

// StartSpan opens a span named name as a child of any span in ctx. Injected at
// the top of instrumented functions together with `defer span.End()`.
func StartSpan(ctx context.Context, name string) (context.Context, trace.Span) {
	if ctx == nil {
		ctx = context.Background()
	}
	return otel.Tracer(InstrumentationName).Start(ctx, name)
}

// EndSpan ends span, recording *err as the span's error status when it is set.
// Injected as `defer runtime.EndSpan(span, &err)` in functions whose last
// result is a named error.
func EndSpan(span trace.Span, err *error) {
	if err != nil && *err != nil {
		span.RecordError(*err)
		span.SetStatus(codes.Error, (*err).Error())
	}
	span.End()
}
