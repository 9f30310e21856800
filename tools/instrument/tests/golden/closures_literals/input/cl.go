package cl

func Outer() func() int {
	n := 0
	inc := func() int {
		n++
		return n
	}
	defer func() { _ = inc() }()
	return func() int {
		return inc() + func() int { return 1 }()
	}
}
