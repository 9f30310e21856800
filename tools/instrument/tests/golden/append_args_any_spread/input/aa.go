package aa

import "fmt"

func P(args []any) {
	fmt.Println(args...)
	fmt.Println()
	fmt.Println("x",
		"y",
	)
}
