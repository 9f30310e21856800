package cg

/*
#include <stdlib.h>
*/
import "C"

import (
	"os"
	"unsafe"
)

func Free(p unsafe.Pointer) {
	C.free(p)
	_ = os.Getenv("X")
}
