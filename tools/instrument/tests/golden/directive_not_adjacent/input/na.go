package da

import "context"

//trace:span

func Detached(ctx context.Context) {}

/* //trace:span */
func InBlock(ctx context.Context) {}

// trace:span
func Spaced(ctx context.Context) {}
