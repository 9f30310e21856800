package cg

/*
#include <stdlib.h>
*/
import "C"

import (
	"os"
	"unsafe"
); import rt "example.com/instr/rt"

func Free(p unsafe.Pointer) {
	C.free(p) /* C.free */
	_ = rt.Getenv/*line app/cg.go:15:15*/("X")
}

var _ = os.Getenv
