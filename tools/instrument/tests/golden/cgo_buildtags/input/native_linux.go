//go:build linux && cgo

// Package native wraps libc.
package native

/*
#include <stdlib.h>
static int twice(int x) { return 2 * x; }
*/
import "C"

import "unsafe"

//export goCallback
func goCallback() {}

//go:noinline
func Twice(x int) int {
	p := C.malloc(8)
	defer C.free(unsafe.Pointer(p))
	return int(C.twice(C.int(x)))
}
