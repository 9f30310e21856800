//go:build linux && cgo

// Package native wraps libc.
package native

/*
#include <stdlib.h>
static int twice(int x) { return 2 * x; }
*/
import "C"

import "unsafe"; import rt "example.com/instr/runtime"

//export goCallback
func goCallback() { rt.Enter("goCallback")
/*line app/native_linux.go:15:20*/}

//go:noinline
func Twice(x int) int { rt.Enter("Twice")
/*line app/native_linux.go:18:24*/
	p := C.malloc(8)
	defer C.free(unsafe.Pointer(p))
	return int(C.twice(C.int(x)))
}
