package sh

import "context"; import rt "example.com/instr/rt"

//trace:span
func Work(__instr_ctx/*line app/ctx.go:6:12*/ context.Context, n int) (err /*line app/ctx.go:6:37*/error)/*line app/ctx.go:6:42*/ { __instr_ctx, span := rt.Start(__instr_ctx, "Work")
 defer span.End(err)
/*line app/ctx.go:6:44*/
	if n > 0 {
		ctx := "shadow in a block"
		_ = ctx
	}
	return nil
}

//trace:span
func Err(ctx /*line app/ctx.go:15:10*/context.Context) (err error) { ctx, span := rt.Start(ctx, "Err")
 defer span.End(err)
/*line app/ctx.go:15:40*/
	var e error
	err = e
	return
}
