package ti

import "fmt"

type T struct{}

// Hot is on the hot path.
//trace:ignore
func (T) Hot() { fmt.Println("hot") }

func (T) Cold() { count(/*line app/m.go:11:19*/fmt.Println("cold"))/*line app/m.go:11:38*/ }
