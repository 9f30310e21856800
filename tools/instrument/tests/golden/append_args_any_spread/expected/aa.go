package aa

import "fmt"

func P(args []any) {
	fmt.Println(append(append([]any(nil), /*line app/aa.go:6:14*/args...), "traced", 6).../*line app/aa.go:6:21*/)
	fmt.Println("traced", 7/*line app/aa.go:7:14*/)
	fmt.Println("x",
		"y", "traced", 8/*line app/aa.go:9:6*/,
	)
}
