package cl

import "context"

//trace:span handler
var Handler = func(ctx context.Context, id string) error {
	return nil
}

var plain = func() {}
