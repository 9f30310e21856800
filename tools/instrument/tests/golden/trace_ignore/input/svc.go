package svc

import "context"

//trace:span
func Traced(ctx context.Context) {
	inner := func() {}
	inner()
}

// Hot is called in a tight loop.
//
//trace:ignore
func Hot(ctx context.Context) {
	work := func() {}
	work()
}

//trace:ignore
//trace:span
func Both(ctx context.Context) {}
