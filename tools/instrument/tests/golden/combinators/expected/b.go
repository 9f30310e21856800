package comb

func C() { println("C")
/*line app/b.go:3:11*/}
