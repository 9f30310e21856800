package nf

func F() { _ = 1
/*line app/nf.go:3:11*/}

var injected = 1
