package res

import "context"; import rt "example.com/instr/rt"

//trace:span
func Blank(ctx context.Context) (n int, err/*line app/blank.go:6:42*/ error) { ctx, span := rt.Start(ctx, "Blank")
 defer span.End(err)
/*line app/blank.go:6:51*/
	return 1, nil
}

//trace:span
func Grouped(ctx context.Context) (a, b int, err error) { ctx, span := rt.Start(ctx, "Grouped")
 defer span.End(err)
/*line app/blank.go:11:58*/ return }
