package res

import "context"

//trace:span
func Three(ctx context.Context) (int, string, error) {
	return 0, "", nil
}

//trace:span
func ErrNotLast(ctx context.Context) (error, int) {
	return nil, 0
}

//trace:span
func TwoErrors(ctx context.Context) (error, error) { return nil, nil }
