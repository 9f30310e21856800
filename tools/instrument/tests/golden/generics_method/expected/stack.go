package gen

import "context"

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(ctx context.Context, v T) { _ = "Push" //  *Stack[T]
/*line app/stack.go:7:52*/ s.items = append(s.items, v) }

func (s Stack[T]) Len() int { _ = "Len" //  Stack[T]
/*line app/stack.go:9:30*/ return len(s.items) }

type Pair[K comparable, V any] struct {
	K K
	V V
}

func (p *Pair[K, V]) Swap() {}
