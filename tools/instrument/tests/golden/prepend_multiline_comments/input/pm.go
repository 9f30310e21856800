package pm

func F() { println() }

func G() {}
