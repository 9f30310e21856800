package wa

import "fmt"

func P(args []any) {
	fmt.Println(redact(/*line app/sp.go:6:14*/args)/*line app/sp.go:6:18*/...)
	fmt.Println("a", redact(/*line app/sp.go:7:19*/args)/*line app/sp.go:7:23*/)
}
