package sh

import "context"

//trace:span
func Work(_ context.Context, n int) error {
	if n > 0 {
		ctx := "shadow in a block"
		_ = ctx
	}
	return nil
}

//trace:span
func Err(context.Context) (err error) {
	var e error
	err = e
	return
}
