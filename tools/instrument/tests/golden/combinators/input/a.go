package comb

func A() {}
func B() {}
func TestLike() {}
