// The frontend: an HTTP service that asks the backend over gRPC. Plain Go: it
// has no tracing code of its own, only one //trace:span directive.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"example.com/services/prices"
)

// formatQuote renders a price; free items are not sold.
//
//trace:span quote.format
func formatQuote(ctx context.Context, item string, cents int64) (string, error) {
	if cents <= 0 {
		return "", fmt.Errorf("%s is not for sale", item)
	}
	return fmt.Sprintf("%s: %d.%02d EUR\n", item, cents/100, cents%100), nil
}

type frontend struct {
	prices prices.Client
	http   *http.Client
	self   string // this server's base URL, for the tax service it also serves
}

func (f *frontend) quote(w http.ResponseWriter, r *http.Request) {
	item := r.PathValue("item")
	cents, err := f.prices.Lookup(r.Context(), item)
	if status.Code(err) == codes.NotFound {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	text, err := formatQuote(r.Context(), item, cents)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	// The tax rate comes from another HTTP service (here: ourselves), with an
	// API key in the query string.
	req, _ := http.NewRequestWithContext(r.Context(), "GET", f.self+"/tax?region=eu&api_key="+r.URL.Query().Get("api_key"), nil)
	resp, err := f.http.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	tax, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Fprintf(w, "%stax: %s\n", text, tax)
}

func (f *frontend) audit(w http.ResponseWriter, r *http.Request) {
	sales, err := f.prices.Audit(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "%d sales\n", sales)
}

func tax(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("region") != "eu" {
		http.Error(w, "unknown region", http.StatusBadRequest)
		return
	}
	io.WriteString(w, "20%")
}

func main() {
	addr, backend := os.Getenv("FRONTEND_ADDR"), os.Getenv("BACKEND_ADDR")
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	if backend == "" {
		backend = "127.0.0.1:50051"
	}
	conn, err := grpc.NewClient(backend, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		log.Fatal(err)
	}
	f := &frontend{
		prices: prices.NewClient(conn),
		http:   &http.Client{Timeout: 10 * time.Second},
		self:   "http://" + addr,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /quote/{item}", f.quote)
	mux.HandleFunc("GET /audit", f.audit)
	mux.HandleFunc("GET /tax", tax)
	log.Printf("frontend listening on %s", addr)
	if err := http.ListenAndServe(addr, mux); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
