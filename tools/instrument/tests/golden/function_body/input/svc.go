package svc

import (
	"context"
	"errors"
	nethttp "net/http"
)

type Server[T any] struct{ items []T }

func init() {}

//trace:span load user
func Load(ctx context.Context, id int) (name string, err error) {
	if id < 0 {
		return "", errors.New("bad id")
	}
	return "x", nil
}

// Handle serves requests.
//
//trace:span
func (s *Server[T]) Handle(w nethttp.ResponseWriter, r *nethttp.Request) {
	go func() { _ = r }()
	w.WriteHeader(200) }

func (s Server[T]) Len() int { return len(s.items) }

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Empty() {}

func Closures() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}
