package aa

import "example.com/lib/opts"; import rt "example.com/instr/rt"; import __instr_opts "example.com/lib/opts"

func New(extra []*opts.Opt) {
	opts.Apply(append(append([]*__instr_opts.Opt(nil), /*line app/opt.go:6:13*/extra...), rt.Opt()).../*line app/opt.go:6:21*/)
	opts.Apply(opts.WithA(), rt.Opt()/*line app/opt.go:7:25*/)
}
