package runtime

import (
	"context"
	"net"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
)

func TestGRPCOptionsGiveClientAndServerSpansInOneTrace(t *testing.T) {
	provider, recorder := recording(t)
	useGlobal(t, provider)

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer(GRPCServerOption())
	healthpb.RegisterHealthServer(server, health.NewServer())
	go func() { _ = server.Serve(listener) }()
	defer server.Stop()

	conn, err := grpc.NewClient(listener.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()), GRPCDialOption())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+secret)
	if _, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{Service: secret}); err == nil {
		t.Fatal("Check of an unknown service succeeded; want NotFound")
	}

	spans := recorder.Ended()
	if len(spans) != 2 {
		t.Fatalf("spans = %v, want a server and a client span", names(spans))
	}
	serverSpan, clientSpan := spans[0], spans[1]
	if serverSpan.SpanKind() == trace.SpanKindClient {
		serverSpan, clientSpan = clientSpan, serverSpan
	}
	for _, span := range spans {
		if span.Name() != "grpc.health.v1.Health/Check" {
			t.Errorf("span name %q, want grpc.health.v1.Health/Check", span.Name())
		}
	}
	if serverSpan.SpanKind() != trace.SpanKindServer || clientSpan.SpanKind() != trace.SpanKindClient {
		t.Errorf("kinds = %s, %s; want server, client", serverSpan.SpanKind(), clientSpan.SpanKind())
	}
	if serverSpan.Parent().SpanID() != clientSpan.SpanContext().SpanID() {
		t.Errorf("server span's parent is not the client span: trace context was not propagated")
	}
	text := attributeText(spans)
	if strings.Contains(text, secret) {
		t.Errorf("metadata or a message reached a span:\n%s", text)
	}
	for _, want := range []string{"rpc.system.name=grpc", "rpc.method=grpc.health.v1.Health/Check",
		"rpc.response.status_code=NOT_FOUND"} {
		if !strings.Contains(text, want) {
			t.Errorf("span attributes lack %q:\n%s", want, text)
		}
	}
}
