// Package pricing prices orders.
package pricing

import (
	"context"
	"errors"
)

// ErrEmpty is returned for an order without items.
var ErrEmpty = errors.New("pricing: empty order")

var unitPrices = map[string]int{"apple": 3, "pear": 5, "plum": 7}

// Quote returns the total price of items in cents.
//
//trace:span pricing.Quote
func Quote(ctx context.Context, items []string) (int, error) {
	if len(items) == 0 {
		return 0, ErrEmpty
	}
	total := 0
	for _, item := range items {
		total += unitPrice(item)
	}
	return total, nil
}

func unitPrice(item string) int {
	if price, ok := unitPrices[item]; ok {
		return price
	}
	return 1
}
