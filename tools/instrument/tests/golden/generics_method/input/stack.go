package gen

import "context"

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(ctx context.Context, v T) { s.items = append(s.items, v) }

func (s Stack[T]) Len() int { return len(s.items) }

type Pair[K comparable, V any] struct {
	K K
	V V
}

func (p *Pair[K, V]) Swap() {}
