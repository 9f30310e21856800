// Command native prints the C-computed checksum of each argument.
package main

import (
	"context"
	"fmt"
	"os"

	"example.com/app/native"
)

func main() {
	for _, arg := range os.Args[1:] {
		fmt.Printf("%s %d\n", arg, native.Checksum(context.Background(), arg))
	}
}
