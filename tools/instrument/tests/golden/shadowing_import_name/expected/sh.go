package sh

import "net/http"; import __instr_rt "example.com/instr/rt"; import __instr_otel "go.opentelemetry.io/otel"

func Get(url string) {
	otel := "a local variable named like the rule's import"
	_ = otel
	r, _ := __instr_otel.W(__instr_rt.X(/*line app/sh.go:8:10*/http.Get(url)))
	_ = r
}
