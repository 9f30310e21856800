package cl

import "context"; import rt "example.com/instr/rt"

//trace:span handler
var Handler = func(ctx context.Context, id string) (err /*line app/var.go:6:52*/error)/*line app/var.go:6:57*/ { ctx, span := rt.Start(ctx, "handler")
 defer span.End(err)
/*line app/var.go:6:59*/
	return nil
}

var plain = func() {}
