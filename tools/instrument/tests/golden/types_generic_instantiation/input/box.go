package gen

type Box[T any] struct{ v T }

func (b *Box[T]) Get() T { return b.v }

func (b Box[T]) Peek() T { return b.v }

type Other struct{ v int }

func (o *Other) Get() int { return o.v }

func Use() int {
	b := &Box[int]{}
	s := Box[string]{v: "x"}
	o := &Other{}
	_ = s.Peek()
	_ = o.Get()
	return b.Get() + len(s.Get())
}
