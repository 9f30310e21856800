package tf

import (
	"context"
	"errors"
	"io"
	"strings"
)

type T struct{}

func (t *T) PtrM() error { _ = "final-error"
/*line app/tf.go:12:27*/ return nil }

func (t T) ValM() error { _ = "final-error"
/*line app/tf.go:14:26*/ return nil }

type Getter interface{ Get() error }

func Open(ctx context.Context, name string) (io.Reader, error) { _ = "final-error"
 _ = "signature"
/*line app/tf.go:18:65*/
	return strings.NewReader(name), nil
}

func Count(r io.Reader) int { _ = "arg-reader"
/*line app/tf.go:22:30*/ return 0 }

func Plain(x int) int { return x }

func Use(ctx context.Context, g Getter) {
	t := T{}
	_ = t.PtrM() /* pointer */
	_ = t.ValM() /* value */
	_ = g.Get() /* interface */
	r, _ := Open(ctx, "x") /* result-reader */
	_ = Count(r)
	_ = Plain(1)
	_ = errors.New("e") /* final-error */
}
