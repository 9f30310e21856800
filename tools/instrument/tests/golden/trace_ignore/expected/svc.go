package svc

import "context"

//trace:span
func Traced(ctx context.Context) { _ = "Traced"
/*line app/svc.go:6:35*/
	inner := func() { _ = ""
/*line app/svc.go:7:19*/}
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

var _ = 0
