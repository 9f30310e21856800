// Command app is a sample.
package main

import "fmt"; import rt "example.com/instr/runtime"; import _ "example.com/instr/autostart"

func main() { defer rt.Start()()
/*line app/main.go:6:14*/
	fmt.Println(greet("world"))
}
