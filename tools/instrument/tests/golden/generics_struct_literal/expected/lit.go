package gen

type Box struct{ V int }

type Gen[T any] struct{ V T }

var a = track(/*line app/lit.go:7:9*/Box{V: 1})
var b = Gen[int]{V: 2}
var c = track(/*line app/lit.go:9:9*/&Box{})
