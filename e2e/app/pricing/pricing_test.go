package pricing

import (
	"context"
	"errors"
	"testing"
)

func TestQuote(t *testing.T) {
	total, err := Quote(context.Background(), []string{"apple", "pear", "kiwi"})
	if err != nil || total != 9 {
		t.Fatalf("Quote = %d, %v; want 9, nil", total, err)
	}
	if _, err := Quote(context.Background(), nil); !errors.Is(err, ErrEmpty) {
		t.Fatalf("Quote(nil) error = %v; want ErrEmpty", err)
	}
}
