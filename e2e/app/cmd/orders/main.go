// Command orders prices and stores the orders given on the command line,
// one comma-separated list of items per argument.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"strings"

	"example.com/app/pricing"
	"example.com/app/store"
)

// version is set by the go_binary's x_defs.
var version = "dev"

//go:embed banner.txt
var banner string

func main() {
	fmt.Printf("%s (%s)\n", strings.TrimSpace(banner), version)
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "orders:", err)
		os.Exit(1)
	}
}

//trace:span orders.run
func run(ctx context.Context, orders []string) error {
	s := store.New()
	for _, order := range orders {
		items := strings.Split(order, ",")
		total, err := pricing.Quote(ctx, items)
		if err != nil {
			return err
		}
		fmt.Printf("order %s: %d items, %d cents\n", s.Save(ctx, items), len(items), total)
	}
	fmt.Printf("%d orders\n", s.Len())
	return nil
}
