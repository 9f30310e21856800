package client

import "google.golang.org/grpc"; import otelgrpc "go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"; import __instr_grpc "google.golang.org/grpc"

func Dial(target string, extra []grpc.DialOption) (*grpc.ClientConn, error) {
	if len(extra) > 0 {
		return grpc.Dial(target, append(append([]__instr_grpc.DialOption(nil), /*line app/client.go:7:28*/extra...), grpc.WithStatsHandler(otelgrpc.NewClientHandler())).../*line app/client.go:7:36*/)
	}
	c, err := grpc.Dial(
		target,
		grpc.WithBlock(), grpc.WithStatsHandler(otelgrpc.NewClientHandler())/*line app/client.go:11:19*/,
	)
	_ = c
	return grpc.Dial(target, grpc.WithStatsHandler(otelgrpc.NewClientHandler())/*line app/client.go:14:25*/)
}

func NoArgs() { grpc.NewServer(grpc.StatsHandler(otelgrpc.NewServerHandler())/*line app/client.go:17:32*/) }
