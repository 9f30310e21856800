package res

import "context"

//trace:span
func NoErr(ctx context.Context) (int, bool) {
	return 0, false
}

//trace:span
func NoCtx() {}
