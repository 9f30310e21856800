package runtime

import (
	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"google.golang.org/grpc"
)

// GRPCServerOption is appended to grpc.NewServer's options: otelgrpc's server
// stats handler, one server span per RPC ("pkg.Service/Method", rpc.system.name,
// rpc.method, rpc.response.status_code, server.address); no metadata or messages.
func GRPCServerOption() grpc.ServerOption {
	return grpc.StatsHandler(otelgrpc.NewServerHandler())
}

// GRPCDialOption is appended to grpc.NewClient / Dial / DialContext options:
// otelgrpc's client stats handler, one client span per RPC, and the trace
// context in the outgoing metadata.
func GRPCDialOption() grpc.DialOption {
	return grpc.WithStatsHandler(otelgrpc.NewClientHandler())
}

// NoServerOption is what the rules append to grpc.NewServer calls that already
// set a stats handler: grpc's own no-op option, so nothing is traced twice.
func NoServerOption() grpc.ServerOption { return grpc.EmptyServerOption{} }

// NoDialOption is NoServerOption for clients.
func NoDialOption() grpc.DialOption { return grpc.EmptyDialOption{} }
