package cli

import (
	"fmt"
	"net/http"
)

func Get(u string) {
	r, _ := http.Get(u)
	fmt.Println(r)
	fmt.Println("__instr_imp_0000_000000000000__", http.StatusOK)
}
