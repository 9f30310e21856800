package uni

import "context"; import rt "example.com/instr/rt"

//trace:span größe
func Größe(ctx context.Context, 名前 string) (err /*line app/uni.go:6:50*/error)/*line app/uni.go:6:55*/ { ctx, span := rt.Start(ctx, "größe")
 defer span.End(err)
/*line app/uni.go:6:57*/
	return nil
}
