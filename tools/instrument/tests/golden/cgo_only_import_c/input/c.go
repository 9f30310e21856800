package cg

// #include <stdio.h>
import "C"

func Hello() {}
