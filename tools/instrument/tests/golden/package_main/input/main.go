// Command app is a sample.
package main

import "fmt"

func main() {
	fmt.Println(greet("world"))
}
