package aa

import "example.com/lib/opts"

func New(extra []*opts.Opt) {
	opts.Apply(extra...)
	opts.Apply(opts.WithA())
}
