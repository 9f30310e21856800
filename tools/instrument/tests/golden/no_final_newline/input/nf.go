package nf

func F() {}