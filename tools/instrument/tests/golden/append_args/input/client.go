package client

import "google.golang.org/grpc"

func Dial(target string, extra []grpc.DialOption) (*grpc.ClientConn, error) {
	if len(extra) > 0 {
		return grpc.Dial(target, extra...)
	}
	c, err := grpc.Dial(
		target,
		grpc.WithBlock(),
	)
	_ = c
	return grpc.Dial(target)
}

func NoArgs() { grpc.NewServer() }
