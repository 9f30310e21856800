package gen

import "example.com/app/generic"

func Use(xs []int) {
	_ = generic.Map[int, string](xs, nil)
	_ = generic.Map(xs, func(int) string { return "" })
	_ = generic.Identity[int](1)
}
