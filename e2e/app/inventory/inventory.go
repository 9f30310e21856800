// Package inventory checks stock over HTTP and records it in SQL, holding its
// clients the way services do: the *http.Client in a struct field, the *sql.DB
// from a constructor. Plain Go: no tracing code of its own.
package inventory

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Service asks a stock server and records each answer.
type Service struct {
	client *http.Client
	db     *sql.DB
	base   string
}

// newClient builds the client without a struct literal: only its calls can be traced.
func newClient() *http.Client {
	c := new(http.Client)
	c.Timeout = 10 * time.Second
	return c
}

// OpenDB opens the stock ledger.
func OpenDB() (*sql.DB, error) {
	return sql.Open(driverName, "ledger")
}

// New returns a Service asking the stock server at base.
func New(base string, db *sql.DB) *Service {
	return &Service{client: newClient(), db: db, base: base}
}

// Check asks how many of item are in stock and records the answer.
func (s *Service) Check(ctx context.Context, item string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/stock/"+item, nil)
	if err != nil {
		return 0, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(body)))
	if err != nil {
		return 0, fmt.Errorf("stock of %s: %w", item, err)
	}
	if _, err := s.db.ExecContext(ctx, "RECORD", item, n); err != nil {
		return 0, err
	}
	return n, nil
}
