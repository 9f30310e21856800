package cl

import "context"; import rt "example.com/instr/rt"

func Run(ctx context.Context) {
	//trace:span worker
	go func(ctx context.Context) { ctx, span := rt.Start(ctx, "worker")
 defer span.End(nil)
/*line app/go.go:7:32*/
		_ = ctx
	}(ctx)

	//trace:span deferred
	defer func() { span := rt.Start(nil, "")
 defer span.End(nil)
/*line app/go.go:12:16*/}()

	// not a directive: blank line below

	f := func(context.Context) {}
	f(ctx)
}
