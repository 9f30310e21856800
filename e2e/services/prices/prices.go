// Package prices is the gRPC contract between the frontend and the backend:
// a hand-written grpc.ServiceDesc (what protoc-gen-go-grpc would generate) whose
// messages are protobuf's well-known wrapper types, so no generated code is
// needed.
package prices

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// Server is the backend's implementation of the prices.Prices service.
type Server interface {
	// Lookup returns the price of an item in cents.
	Lookup(ctx context.Context, item *wrapperspb.StringValue) (*wrapperspb.Int64Value, error)
	// Audit returns the number of audited sales.
	Audit(ctx context.Context, req *wrapperspb.StringValue) (*wrapperspb.Int64Value, error)
}

// Register registers impl on s.
func Register(s *grpc.Server, impl Server) {
	s.RegisterService(&serviceDesc, impl)
}

var serviceDesc = grpc.ServiceDesc{
	ServiceName: "prices.Prices",
	HandlerType: (*Server)(nil),
	Methods: []grpc.MethodDesc{
		{MethodName: "Lookup", Handler: unary("Lookup", Server.Lookup)},
		{MethodName: "Audit", Handler: unary("Audit", Server.Audit)},
	},
	Metadata: "prices.proto",
}

type method func(Server, context.Context, *wrapperspb.StringValue) (*wrapperspb.Int64Value, error)

func unary(name string, call method) func(any, context.Context, func(any) error, grpc.UnaryServerInterceptor) (any, error) {
	return func(srv any, ctx context.Context, decode func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
		in := new(wrapperspb.StringValue)
		if err := decode(in); err != nil {
			return nil, err
		}
		if interceptor == nil {
			return call(srv.(Server), ctx, in)
		}
		info := &grpc.UnaryServerInfo{Server: srv, FullMethod: "/prices.Prices/" + name}
		return interceptor(ctx, in, info, func(ctx context.Context, req any) (any, error) {
			return call(srv.(Server), ctx, req.(*wrapperspb.StringValue))
		})
	}
}

// Client calls the prices.Prices service.
type Client struct{ conn grpc.ClientConnInterface }

// NewClient returns a client that calls through conn.
func NewClient(conn grpc.ClientConnInterface) Client { return Client{conn: conn} }

// Lookup returns the price of item in cents.
func (c Client) Lookup(ctx context.Context, item string) (int64, error) {
	out := new(wrapperspb.Int64Value)
	err := c.conn.Invoke(ctx, "/prices.Prices/Lookup", wrapperspb.String(item), out)
	return out.GetValue(), err
}

// Audit returns the number of audited sales.
func (c Client) Audit(ctx context.Context) (int64, error) {
	out := new(wrapperspb.Int64Value)
	err := c.conn.Invoke(ctx, "/prices.Prices/Audit", wrapperspb.String(""), out)
	return out.GetValue(), err
}
