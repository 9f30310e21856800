package res

import "context"; import rt "example.com/instr/rt"

//trace:span
func Three(ctx context.Context) (_ /*line app/res.go:6:34*/int, _ /*line app/res.go:6:39*/string, err /*line app/res.go:6:47*/error) { ctx, span := rt.Start(ctx, "Three")
 defer span.End(err)
/*line app/res.go:6:55*/
	return 0, "", nil
}

//trace:span
func ErrNotLast(ctx context.Context) (err /*line app/res.go:11:39*/error, _ /*line app/res.go:11:46*/int) { ctx, span := rt.Start(ctx, "ErrNotLast")
 defer span.End(err)
/*line app/res.go:11:52*/
	return nil, 0
}

//trace:span
func TwoErrors(ctx context.Context) (_ /*line app/res.go:16:38*/error, err /*line app/res.go:16:45*/error) { ctx, span := rt.Start(ctx, "TwoErrors")
 defer span.End(err)
/*line app/res.go:16:53*/ return nil, nil }
