package ti

func F() {
	//trace:ignore
	hot := func() {
		inner := func() {}
		inner()
	}
	hot()
	cold := func() {}
	cold()
}
