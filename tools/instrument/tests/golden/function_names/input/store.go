package store

import (
	"context"
	"errors"
)

//trace:span
func Unnamed(context.Context, int) (int, error) {
	return 0, errors.New("x")
}

//trace:span
func Blank(_ context.Context, id string) error {
	return nil
}

//trace:span
func Single(ctx context.Context) error { return nil }

//trace:span
func Named(ctx context.Context) (n int, err error) { return 0, nil }

//trace:span
func NoError(ctx context.Context) int { return 0 }

//trace:span
func Parenthesized(ctx context.Context) (error) { return nil }

//trace:span
func UsesCtx(context.Context) (err error) {
	ctx := 1
	_ = ctx
	return
}

func Outer(ctx context.Context) {
	//trace:span closure
	inner := func(context.Context) error { return nil }
	_ = inner(ctx)
	go func() {}()
}
