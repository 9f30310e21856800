package ti

func F() { _ = "F" //  
/*line app/ti.go:3:11*/
	//trace:ignore
	hot := func() {
		inner := func() {}
		inner()
	}
	hot()
	cold := func() { _ = "" //  
/*line app/ti.go:10:18*/}
	cold()
}
