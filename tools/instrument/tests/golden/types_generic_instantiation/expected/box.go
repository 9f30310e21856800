package gen

type Box[T any] struct{ v T }

func (b *Box[T]) Get() T { return b.v }

func (b Box[T]) Peek() T { return b.v }

type Other struct{ v int }

func (o *Other) Get() int { return o.v }

func Use() int {
	b := track(/*line app/box.go:14:7*/&Box[int]{})
	s := track(/*line app/box.go:15:7*/Box[string]{v: "x"})
	o := &Other{}
	_ = s.Peek()
	_ = o.Get()
	return track(/*line app/box.go:19:9*/b.Get())/*line app/box.go:19:16*/ + len(track(/*line app/box.go:19:23*/s.Get())/*line app/box.go:19:30*/)
}
