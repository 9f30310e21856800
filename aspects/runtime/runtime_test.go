package runtime

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

func TestNewExporterChoosesByName(t *testing.T) {
	for _, name := range []string{"", "none"} {
		if exporter, err := newExporter(name, nil); exporter != nil || err != nil {
			t.Errorf("newExporter(%q) = %v, %v; want no exporter", name, exporter, err)
		}
	}
	var out bytes.Buffer
	if exporter, err := newExporter("console", &out); exporter == nil || err != nil {
		t.Errorf("newExporter(console) = %v, %v", exporter, err)
	}
	if _, err := newExporter("zipkin", nil); err == nil || !strings.Contains(err.Error(), "zipkin") {
		t.Errorf("newExporter(zipkin) error = %v; want one naming the exporter", err)
	}
}

func TestSpansNestAndRecordErrors(t *testing.T) {
	recorder := tracetest.NewSpanRecorder()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(recorder)))

	ctx, parent := StartSpan(context.Background(), "parent")
	_, child := StartSpan(ctx, "child")
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
	if parentSpan.Status().Code != codes.Unset {
		t.Errorf("parent status = %+v, want Unset", parentSpan.Status())
	}
}
