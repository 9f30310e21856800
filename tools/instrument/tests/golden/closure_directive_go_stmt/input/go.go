package cl

import "context"

func Run(ctx context.Context) {
	//trace:span worker
	go func(ctx context.Context) {
		_ = ctx
	}(ctx)

	//trace:span deferred
	defer func() {}()

	// not a directive: blank line below

	f := func(context.Context) {}
	f(ctx)
}
