package cg

// #include <stdio.h>
import "C"; import fmt "fmt"

func Hello() { fmt.Println("hello")
/*line app/c.go:6:15*/}
