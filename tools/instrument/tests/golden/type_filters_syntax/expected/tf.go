package tf

import (
	"context"
	"errors"
	"io"
	"strings"
)

type T struct{}

func (t *T) PtrM() error { return nil }

func (t T) ValM() error { return nil }

type Getter interface{ Get() error }

func Open(ctx context.Context, name string) (io.Reader, error) { _ = "signature"
/*line app/tf.go:18:65*/
	return strings.NewReader(name), nil
}

func Count(r io.Reader) int { return 0 }

func Plain(x int) int { return x }

func Use(ctx context.Context, g Getter) {
	t := T{}
	_ = t.PtrM()
	_ = t.ValM()
	_ = g.Get()
	r, _ := Open(ctx, "x")
	_ = Count(r)
	_ = Plain(1)
	_ = errors.New("e")
}
