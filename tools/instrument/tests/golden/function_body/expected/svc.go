package svc

import (
	"context"
	"errors"
	nethttp "net/http"
); import rt "example.com/instr/runtime"

type Server[T any] struct{ items []T }

func init() {}

//trace:span load user
func Load(ctx context.Context, id int) (name string, err error) { ctx, span := rt.Start(ctx, "load user")
 defer span.End()
 defer func() {
if err != nil {
	println("Load failed:", err.Error())
}
}()
/*line app/svc.go:14:66*/
	if id < 0 {
		return "", errors.New("bad id")
	}
	return "x", nil
}

// Handle serves requests.
//
//trace:span
func (s *Server[T]) Handle(w nethttp.ResponseWriter, r *nethttp.Request) { _, span := rt.Start(nil, "Handle")
 defer span.End()
 _ = r // *Server[T] Handle
/*line app/svc.go:24:75*/
	go func() { _ = 0 // closure at line 25
/*line app/svc.go:25:13*/ _ = r }()
	w.WriteHeader(200) }

func (s Server[T]) Len() int { _ = s
/*line app/svc.go:28:31*/ return len(s.items) }

func Map[T, U any](xs []T, f func(T) U) []U { /* Map[T, U any]([]T, func(T) U) */
/*line app/svc.go:30:46*/
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Empty() { /* Empty() */
/*line app/svc.go:38:15*/}

func Closures() func() int {
	n := 0
	return func() int { _ = 0 // closure at line 42
/*line app/svc.go:42:21*/
		n++
		return n
	}
}
