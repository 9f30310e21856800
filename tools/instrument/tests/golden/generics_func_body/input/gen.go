package gen

import "context"

//trace:span
func Map[T, U any](ctx context.Context, xs []T, f func(T) U) ([]U, error) {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out, nil
}

//trace:span
func Zero[T comparable]() (t T) { return }
