// Package store records orders under deterministic IDs.
package store

import (
	"context"
	"strings"

	"github.com/google/uuid"
)

// Store keeps orders in memory.
type Store struct {
	orders map[string][]string
}

// New returns an empty store.
func New() *Store { return &Store{orders: map[string][]string{}} }

// Save records items and returns the order's ID, derived from its content.
//
//trace:span store.Save
func (s *Store) Save(ctx context.Context, items []string) string {
	id := uuid.NewSHA1(uuid.NameSpaceOID, []byte(strings.Join(items, ","))).String()
	s.orders[id] = items
	return id
}

// Len is the number of orders saved.
func (s *Store) Len() int { return len(s.orders) }
