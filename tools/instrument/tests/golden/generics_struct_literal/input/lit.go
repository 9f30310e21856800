package gen

type Box struct{ V int }

type Gen[T any] struct{ V T }

var a = Box{V: 1}
var b = Gen[int]{V: 2}
var c = &Box{}
