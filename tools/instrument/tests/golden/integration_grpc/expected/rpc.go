package rpc

import (
	"context"

	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
); import rt "github.com/rules-go-instrument/rules_go_instrument/aspects/runtime"; import __instr_grpc "google.golang.org/grpc"

func servers(opts []grpc.ServerOption) []*grpc.Server {
	return []*grpc.Server{
		grpc.NewServer(rt.GRPCServerOption()/*line app/rpc.go:13:18*/),
		grpc.NewServer(grpc.MaxRecvMsgSize(1 << 20), rt.GRPCServerOption()/*line app/rpc.go:14:46*/),
		grpc.NewServer(append(append([]__instr_grpc.ServerOption(nil), /*line app/rpc.go:15:18*/opts...), rt.GRPCServerOption()).../*line app/rpc.go:15:25*/),
		// Already instrumented by hand: gets grpc's no-op option.
		grpc.NewServer(grpc.StatsHandler(otelgrpc.NewServerHandler()), rt.NoServerOption()/*line app/rpc.go:17:64*/),
	}
}

func clients(ctx context.Context, target string) error {
	creds := grpc.WithTransportCredentials(insecure.NewCredentials())
	if _, err := grpc.NewClient(target, creds, rt.GRPCDialOption()/*line app/rpc.go:23:43*/); err != nil {
		return err
	}
	if _, err := grpc.DialContext(ctx, target, creds, grpc.WithStatsHandler(otelgrpc.NewClientHandler()), rt.NoDialOption()/*line app/rpc.go:26:102*/); err != nil {
		return err
	}
	_, err := grpc.Dial(target, creds, rt.GRPCDialOption()/*line app/rpc.go:29:35*/)
	return err
}
