package pm

func F() { // entering F
x := 1 /* one */
_ = x
/*line app/pm.go:3:11*/ println() }

func G() { // entering G
x := 1 /* one */
_ = x
/*line app/pm.go:5:11*/}
