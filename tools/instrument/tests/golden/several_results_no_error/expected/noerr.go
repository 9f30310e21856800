package res

import "context"; import rt "example.com/instr/rt"

//trace:span
func NoErr(ctx context.Context) (int, bool) { ctx, span := rt.Start(ctx, "NoErr")
 defer span.End(nil)
/*line app/noerr.go:6:46*/
	return 0, false
}

//trace:span
func NoCtx() { span := rt.Start(nil, "NoCtx")
 defer span.End(nil)
/*line app/noerr.go:11:15*/}
