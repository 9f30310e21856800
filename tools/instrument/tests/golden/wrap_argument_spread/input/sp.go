package wa

import "fmt"

func P(args []any) {
	fmt.Println(args...)
	fmt.Println("a", args)
}
