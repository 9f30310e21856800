package ij

func A() {}
