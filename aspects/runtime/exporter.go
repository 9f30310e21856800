package runtime

import (
	"context"
	"fmt"
	"os"
	"strings"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// newExporter chooses the span exporter as contrib's autoexport does for traces,
// except that `console` writes to stderr; nil for `none`. autoexport itself is
// not imported: it links the metrics and logs SDKs and their exporters
// (Prometheus included) as well, about 70 packages that every instrumented build
// compiled for nothing (`make bench`, P1).
//   - OTEL_TRACES_EXPORTER: `otlp` (the default), `console`, `none`.
//   - OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL:
//     `http/protobuf` (the default) or `grpc`; the endpoint, headers, timeout and
//     TLS come from the exporters' own OTEL_EXPORTER_OTLP_* variables.
func newExporter(ctx context.Context) (sdktrace.SpanExporter, error) {
	switch name := strings.TrimSpace(os.Getenv("OTEL_TRACES_EXPORTER")); name {
	case "", "otlp":
		return newOTLPExporter(ctx)
	case "console":
		return stdouttrace.New(stdouttrace.WithWriter(os.Stderr))
	case "none":
		return nil, nil
	default:
		return nil, fmt.Errorf("OTEL_TRACES_EXPORTER=%q: want otlp, console or none", name)
	}
}

func newOTLPExporter(ctx context.Context) (sdktrace.SpanExporter, error) {
	protocol := strings.TrimSpace(os.Getenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"))
	if protocol == "" {
		protocol = strings.TrimSpace(os.Getenv("OTEL_EXPORTER_OTLP_PROTOCOL"))
	}
	switch protocol {
	case "", "http/protobuf":
		return otlptracehttp.New(ctx)
	case "grpc":
		return otlptracegrpc.New(ctx)
	default:
		return nil, fmt.Errorf("OTEL_EXPORTER_OTLP_PROTOCOL=%q: want http/protobuf or grpc", protocol)
	}
}
