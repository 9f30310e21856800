package tf

func Lib() int { return 1 }
