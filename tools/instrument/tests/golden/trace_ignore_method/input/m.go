package ti

import "fmt"

type T struct{}

// Hot is on the hot path.
//trace:ignore
func (T) Hot() { fmt.Println("hot") }

func (T) Cold() { fmt.Println("cold") }
