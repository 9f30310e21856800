package cli

import (
	"fmt"
	"net/http"
); import otel "go.opentelemetry.io/otel"

func Get(u string) {
	r, _ := http.Get(u)
	fmt.Println(r)
	otel.Wrap("__instr_imp_0000_000000000000__", http.StatusOK, /*line app/cli.go:11:2*/fmt.Println("__instr_imp_0000_000000000000__", http.StatusOK))
}
