// Package runtime is what code injected by rules_go_instrument calls: it starts
// the OpenTelemetry SDK from the standard OTEL_* environment variables at the top
// of main, flushes it when the program ends (main returns, os.Exit, log.Fatal*,
// SIGINT/SIGTERM), and gives the rule files one call per integration (net/http,
// database/sql, gRPC) built on OpenTelemetry's own contrib wrappers.
//
// It holds only what the OpenTelemetry API and contrib packages lack; the
// exporters (chosen as autoexport does), propagators (autoprop), sampler and
// batch processor are OpenTelemetry's, configured by their environment variables.
package runtime

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"time"

	"go.opentelemetry.io/contrib/propagators/autoprop"
	"go.opentelemetry.io/otel"
	sdkresource "go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
)

// InstrumentationName is the instrumentation scope of spans opened here.
const InstrumentationName = "github.com/rules-go-instrument/rules_go_instrument/aspects/runtime"

// flushTimeout bounds how long the end of the program waits for the exporter:
// a collector that is down must not keep a finished program alive.
const flushTimeout = 5 * time.Second

var (
	startOnce sync.Once
	// installed is the SDK provider Start installed, nil when it installed none
	// (disabled, exporter "none", or the program brought its own).
	installed   *sdktrace.TracerProvider
	installedMu sync.Mutex
)

// Start installs OpenTelemetry's SDK as the global tracer provider and returns
// the function that flushes and shuts it down. It is injected at the top of main
// as `defer runtime.Start()()`; calling it again returns the same shutdown.
//
//   - OTEL_SDK_DISABLED=true: nothing is installed.
//   - OTEL_TRACES_EXPORTER: `otlp` (the default, OTEL_EXPORTER_OTLP_* incl.
//     _PROTOCOL http/protobuf or grpc), `console` (JSON lines on stderr, so the
//     program's stdout stays its own), `none`: autoexport's choices (exporter.go).
//   - OTEL_PROPAGATORS (autoprop), OTEL_TRACES_SAMPLER[_ARG] and OTEL_BSP_* (the
//     SDK), OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME (service.name defaults
//     to the executable's name; both variables override it).
//   - A tracer provider or propagator the program installed before main keeps
//     its place; one it installs later takes over from the SDK started here.
func Start() func() {
	startOnce.Do(func() {
		if err := start(context.Background()); err != nil {
			fmt.Fprintf(os.Stderr, "rules_go_instrument: tracing disabled: %v\n", err)
		}
	})
	return shutdown
}

func start(ctx context.Context) error {
	if sdkDisabled() {
		return nil
	}
	if isDefaultGlobal(otel.GetTextMapPropagator()) {
		otel.SetTextMapPropagator(autoprop.NewTextMapPropagator())
	}
	if !isDefaultGlobal(otel.GetTracerProvider()) {
		return nil
	}
	exporter, err := newExporter(ctx)
	if err != nil {
		return err
	}
	if exporter == nil { // OTEL_TRACES_EXPORTER=none
		return nil
	}
	provider := sdktrace.NewTracerProvider(
		sdktrace.WithResource(newResource(ctx)),
		sdktrace.WithBatcher(redactingExporter{exporter}),
	)
	installedMu.Lock()
	installed = provider
	installedMu.Unlock()
	otel.SetTracerProvider(&yieldingProvider{sdk: provider})
	listenForSignals()
	return nil
}

func sdkDisabled() bool {
	return strings.EqualFold(strings.TrimSpace(os.Getenv("OTEL_SDK_DISABLED")), "true")
}

// isDefaultGlobal reports whether v is the API's own delegating global (nothing
// installed yet) rather than something the program set.
func isDefaultGlobal(v any) bool {
	t := reflect.TypeOf(v)
	if t == nil {
		return true
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.PkgPath() == "go.opentelemetry.io/otel/internal/global"
}

// newResource: service.name is the executable's name unless
// OTEL_RESOURCE_ATTRIBUTES or OTEL_SERVICE_NAME (later detectors win) say otherwise.
func newResource(ctx context.Context) *sdkresource.Resource {
	resource, err := sdkresource.New(ctx,
		sdkresource.WithAttributes(semconv.ServiceName(executableName())),
		sdkresource.WithTelemetrySDK(),
		sdkresource.WithFromEnv(),
	)
	if err != nil {
		fmt.Fprintf(os.Stderr, "rules_go_instrument: resource: %v\n", err)
	}
	if resource == nil {
		return sdkresource.Default()
	}
	return resource
}

func executableName() string {
	if len(os.Args) == 0 {
		return "unknown_service:go"
	}
	return os.Args[0][strings.LastIndex(os.Args[0], "/")+1:]
}

// shutdown flushes and stops the SDK provider Start installed (at most once).
func shutdown() {
	installedMu.Lock()
	provider := installed
	installed = nil
	installedMu.Unlock()
	if provider == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), flushTimeout)
	defer cancel()
	_ = provider.Shutdown(ctx)
}

// flush exports what has ended so far and keeps the SDK running.
func flush() {
	installedMu.Lock()
	provider := installed
	installedMu.Unlock()
	if provider == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), flushTimeout)
	defer cancel()
	_ = provider.ForceFlush(ctx)
}
