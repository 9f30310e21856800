package res

import "context"

//trace:span
func Blank(ctx context.Context) (n int, _ error) {
	return 1, nil
}

//trace:span
func Grouped(ctx context.Context) (a, b int, err error) { return }
