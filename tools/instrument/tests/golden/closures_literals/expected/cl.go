package cl

func Outer() func() int { _ = "Outer" //  
/*line app/cl.go:3:26*/
	n := 0
	inc := func() int { _ = "" //  
/*line app/cl.go:5:21*/
		n++
		return n
	}
	defer func() { _ = "" //  
/*line app/cl.go:9:16*/ _ = inc() }()
	return func() int { _ = "" //  
/*line app/cl.go:10:21*/
		return inc() + func() int { _ = "" //  
/*line app/cl.go:11:30*/ return 1 }()
	}
}
