package gen

import "example.com/app/generic"

func Use(xs []int) {
	_ = generic.Map[int, string](clone(/*line app/use.go:6:31*/xs)/*line app/use.go:6:33*/, nil)
	_ = generic.Map(clone(/*line app/use.go:7:18*/xs)/*line app/use.go:7:20*/, func(int) string { return "" })
	_ = (/*line app/use.go:8:6*/generic.Identity[int](1) + 0)
}
