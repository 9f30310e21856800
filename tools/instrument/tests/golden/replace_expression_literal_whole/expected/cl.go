package re

import "net/http"; import rt "example.com/instr/rt"

var c = rt.NewClient(0)

func Make() *http.Client {
	return rt.NewClient(0)
}
