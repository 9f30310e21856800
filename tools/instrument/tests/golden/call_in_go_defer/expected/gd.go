package gd

import "fmt"; import rt "example.com/instr/rt"

func F() {
	defer rt.Call(func() { /*line app/gd.go:6:8*/fmt.Println("done") })
	go rt.Call(func() { /*line app/gd.go:7:5*/fmt.Println("async") })
	rt.Call(func() { /*line app/gd.go:8:2*/fmt.Println("sync") })
}
