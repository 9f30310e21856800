package gd

import "fmt"

func F() {
	defer fmt.Println("done")
	go fmt.Println("async")
	fmt.Println("sync")
}
