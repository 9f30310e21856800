package pf

import "context"

func A(ctx context.Context) {}

func B() {}
