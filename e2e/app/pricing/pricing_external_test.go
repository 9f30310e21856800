package pricing_test

import (
	"context"
	"testing"

	"example.com/app/pricing"
)

// quoteTwice runs in the external test package, with a span of its own.
//
//trace:span pricing_test.quoteTwice
func quoteTwice(ctx context.Context, items []string) int {
	first, _ := pricing.Quote(ctx, items)
	second, _ := pricing.Quote(ctx, items)
	return first + second
}

func TestQuoteFromOutside(t *testing.T) {
	if got := quoteTwice(context.Background(), []string{"plum"}); got != 14 {
		t.Fatalf("quoteTwice = %d; want 14", got)
	}
}
