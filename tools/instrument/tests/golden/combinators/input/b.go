package comb

func C() {}
