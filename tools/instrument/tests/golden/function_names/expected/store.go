package store

import (
	"context"
	"errors"
); import rt "example.com/instr/rt"

//trace:span
func Unnamed(ctx /*line app/store.go:9:14*/context.Context, _ /*line app/store.go:9:31*/int) (_ /*line app/store.go:9:37*/int, err /*line app/store.go:9:42*/error) { ctx, span := rt.Start(ctx, "Unnamed")
 defer span.End(err)
/*line app/store.go:9:50*/
	return 0, errors.New("x")
}

//trace:span
func Blank(ctx/*line app/store.go:14:13*/ context.Context, id string) (err /*line app/store.go:14:42*/error)/*line app/store.go:14:47*/ { ctx, span := rt.Start(ctx, "Blank")
 defer span.End(err)
/*line app/store.go:14:49*/
	return nil
}

//trace:span
func Single(ctx context.Context) (err /*line app/store.go:19:34*/error)/*line app/store.go:19:39*/ { ctx, span := rt.Start(ctx, "Single")
 defer span.End(err)
/*line app/store.go:19:41*/ return nil }

//trace:span
func Named(ctx context.Context) (n int, err error) { ctx, span := rt.Start(ctx, "Named")
 defer span.End(err)
/*line app/store.go:22:53*/ return 0, nil }

//trace:span
func NoError(ctx context.Context) int { ctx, span := rt.Start(ctx, "NoError")
 defer span.End(nil)
/*line app/store.go:25:40*/ return 0 }

//trace:span
func Parenthesized(ctx context.Context) (err /*line app/store.go:28:42*/error) { ctx, span := rt.Start(ctx, "Parenthesized")
 defer span.End(err)
/*line app/store.go:28:50*/ return nil }

//trace:span
func UsesCtx(__instr_ctx /*line app/store.go:31:14*/context.Context) (err error) { __instr_ctx, span := rt.Start(__instr_ctx, "UsesCtx")
 defer span.End(err)
/*line app/store.go:31:44*/
	ctx := 1
	_ = ctx
	return
}

func Outer(ctx context.Context) {
	//trace:span closure
	inner := func(ctx /*line app/store.go:39:16*/context.Context) (err /*line app/store.go:39:33*/error)/*line app/store.go:39:38*/ { ctx, span := rt.Start(ctx, "closure")
 defer span.End(err)
/*line app/store.go:39:40*/ return nil }
	_ = inner(ctx)
	go func() {}()
}
