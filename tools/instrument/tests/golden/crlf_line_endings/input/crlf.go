package crlf

import "context"

//trace:span
func F(ctx context.Context) error {
	return nil
}
