package crlf

import "context"; import rt "example.com/instr/rt"

//trace:span
func F(ctx context.Context) (err /*line app/crlf.go:6:29*/error)/*line app/crlf.go:6:34*/ { ctx, span := rt.Start(ctx, "F")
 defer span.End(err)
/*line app/crlf.go:6:36*/
	return nil
}
