package wa

import "fmt"

func P(a, b, c int) {
	fmt.Printf("%d %d\n", a, b)
	fmt.Printf("x")
}
