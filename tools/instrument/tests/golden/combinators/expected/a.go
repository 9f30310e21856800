package comb

func A() { println("A")
/*line app/a.go:3:11*/}
func B() {}
func TestLike() {}
