package rf

import . "net/http"; import rt "example.com/instr/rt"

func G(u string) {
	_, _ = rt.HTTPGet/*line app/dot.go:6:12*/(u)
}

var _ = Get
