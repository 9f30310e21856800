package main

import "os"; import rt "example.com/instr/rt"

func main() { shutdown := rt.Init()
 defer shutdown()
/*line app/main.go:5:14*/
	defer println("unreached on exit")
	rt.Exit/*line app/main.go:7:9*/(run())
}

func run() int { return 0 }

var _ = os.Exit
