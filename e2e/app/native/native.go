// Package native sums bytes in C, so the app has a cgo package to instrument.
package native

/*
#include <stdlib.h>

static int sum_bytes(const char *s, int n) {
	int total = 0;
	for (int i = 0; i < n; i++) total += (unsigned char)s[i];
	return total;
}
*/
import "C"

import (
	"context"
	"unsafe"
)

// Checksum returns the sum of the bytes of s, computed in C.
//
//trace:span native.Checksum
func Checksum(ctx context.Context, s string) int {
	if len(s) == 0 {
		return 0
	}
	data := C.CString(s)
	defer C.free(unsafe.Pointer(data))
	return int(C.sum_bytes(data, C.int(len(s))))
}
