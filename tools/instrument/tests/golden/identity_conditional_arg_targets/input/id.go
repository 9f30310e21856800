package id

import (
	"net/http"

	"example.com/instr/rt"
)

func Serve(h http.Handler) {
	_ = http.ListenAndServe(":1", rt.Wrap(h))
	_ = http.ListenAndServe(":2", h)
	_ = http.ListenAndServe(":3", http.HandlerFunc(nil))
}
