package wa

import "fmt"

func P(a, b, c int) {
	fmt.Printf("%d %d\n", int64(/*line app/wa.go:6:24*/a)/*line app/wa.go:6:25*/, b)
	fmt.Printf("x")
}
