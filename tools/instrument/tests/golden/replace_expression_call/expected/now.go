package re

import "time"; import rt "example.com/instr/rt"

func Stamp() int64 {
	t := rt.Now()
	return t.Unix() + rt.Now()/*line app/now.go:7:30*/.Unix()
}
