package uni

import "context"

//trace:span größe
func Größe(ctx context.Context, 名前 string) error {
	return nil
}
