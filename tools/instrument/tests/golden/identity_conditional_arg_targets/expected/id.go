package id

import (
	"net/http"

	"example.com/instr/rt"
); import __instr_rt "example.com/instr/rt"

func Serve(h http.Handler) {
	_ = http.ListenAndServe(":1", rt.Wrap(h))
	_ = http.ListenAndServe(":2", __instr_rt.Wrap(/*line app/id.go:11:32*/h)/*line app/id.go:11:33*/)
	_ = http.ListenAndServe(":3", __instr_rt.Wrap(/*line app/id.go:12:32*/http.HandlerFunc(nil))/*line app/id.go:12:53*/)
}
