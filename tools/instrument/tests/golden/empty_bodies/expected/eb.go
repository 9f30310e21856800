package eb

func A() { defer println("A")
/*line app/eb.go:3:11*/}

func B() { defer println("B")
/*line app/eb.go:5:11*/
}

func C() { defer println("C")
/*line app/eb.go:8:11*/ /* only a comment */ }

func D() { defer println("D")
/*line app/eb.go:10:11*/ // a trailing comment
}
