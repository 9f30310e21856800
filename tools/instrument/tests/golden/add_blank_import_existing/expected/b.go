package bi

import "fmt"

func B() { fmt.Println() }
