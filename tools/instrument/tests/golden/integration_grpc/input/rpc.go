package rpc

import (
	"context"

	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func servers(opts []grpc.ServerOption) []*grpc.Server {
	return []*grpc.Server{
		grpc.NewServer(),
		grpc.NewServer(grpc.MaxRecvMsgSize(1 << 20)),
		grpc.NewServer(opts...),
		// Already instrumented by hand: gets grpc's no-op option.
		grpc.NewServer(grpc.StatsHandler(otelgrpc.NewServerHandler())),
	}
}

func clients(ctx context.Context, target string) error {
	creds := grpc.WithTransportCredentials(insecure.NewCredentials())
	if _, err := grpc.NewClient(target, creds); err != nil {
		return err
	}
	if _, err := grpc.DialContext(ctx, target, creds, grpc.WithStatsHandler(otelgrpc.NewClientHandler())); err != nil {
		return err
	}
	_, err := grpc.Dial(target, creds)
	return err
}
