package eb

func A() {}

func B() {
}

func C() { /* only a comment */ }

func D() { // a trailing comment
}
