package pf

import "context"

func A(ctx context.Context) { _ = ctx
/*line app/pf.go:5:30*/}

func B() {}
