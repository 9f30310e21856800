// Command inventory serves stock counts on a local port and checks the items
// given on the command line against it (example.com/app/inventory).
package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"

	"example.com/app/inventory"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "inventory:", err)
		os.Exit(1)
	}
}

//trace:span inventory.run
func run(ctx context.Context, items []string) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/stock/{item}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, len(r.PathValue("item")))
	})
	server := &http.Server{Handler: mux}
	go server.Serve(ln)
	defer server.Close()

	db, err := inventory.OpenDB()
	if err != nil {
		return err
	}
	defer db.Close()
	svc := inventory.New("http://"+ln.Addr().String(), db)
	for _, item := range items {
		n, err := svc.Check(ctx, item)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %d in stock\n", item, n)
	}
	fmt.Printf("%d recorded\n", len(inventory.Ledger))
	return nil
}
