// Command smoke proves the chain go_binary -> go_library -> an external Go module.
package main

import (
	"context"
	"fmt"
	"os"

	"example.com/smoke/greet"
)

func main() {
	name := "bazel"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	fmt.Println(greet.Message(context.Background(), name))
}
