package df

func F() { defer func() {
if r := recover(); r != nil {
	panic(r)
}
}()
 defer println("F")
/*line app/df.go:3:11*/
	println("body")
}
