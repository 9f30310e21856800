// Command handwired is P5's HTTP service (../service) with OpenTelemetry wired by
// hand, the way its documentation shows: an SDK tracer provider with a batching
// exporter chosen by the OTEL_* variables, and the mux wrapped in otelhttp.NewHandler.
package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"go.opentelemetry.io/contrib/exporters/autoexport"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	exporter, err := autoexport.NewSpanExporter(ctx)
	if err != nil {
		log.Fatal(err)
	}
	provider := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter))
	otel.SetTracerProvider(provider)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", item)
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stdout, "listening on %s\n", listener.Addr())
	server := &http.Server{Handler: otelhttp.NewHandler(mux, "http.server")}
	go func() {
		<-ctx.Done()
		server.Close()
	}()
	if err := server.Serve(listener); err != http.ErrServerClosed {
		log.Fatal(err)
	}
	// Flush the spans still queued, as the instrumented build does on SIGTERM.
	if err := provider.Shutdown(context.Background()); err != nil {
		log.Fatal(err)
	}
}

func item(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, "{\"id\": %q, \"price\": 1250}\n", r.PathValue("id"))
}
