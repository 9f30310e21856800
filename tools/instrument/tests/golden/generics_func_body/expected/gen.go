package gen

import "context"; import rt "example.com/instr/rt"

//trace:span
func Map[T, U any](ctx context.Context, xs []T, f func(T) U) (_ /*line app/gen.go:6:63*/[]U, err /*line app/gen.go:6:68*/error) { ctx, span := rt.Start(ctx, "Map")
 defer span.End(err)
/*line app/gen.go:6:76*/
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out, nil
}

//trace:span
func Zero[T comparable]() (t T) { span := rt.Start(nil, "Zero")
 defer span.End(nil)
/*line app/gen.go:15:34*/ return }
