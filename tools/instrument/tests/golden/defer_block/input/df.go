package df

func F() {
	println("body")
}
