// Package realworld pins the third-party modules whose own test suites this
// workspace runs plain and instrumented (see BUILD.bazel), and the modules their
// tests import, so that `go mod tidy` keeps all of them in go.mod and go.sum.
package realworld

import (
	_ "cloud.google.com/go/compute/metadata"
	_ "github.com/go-chi/chi/v5"
	_ "github.com/go-chi/chi/v5/middleware"
	_ "github.com/go-sql-driver/mysql"
	_ "github.com/gorilla/mux"
	_ "github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors"
	_ "github.com/grpc-ecosystem/go-grpc-middleware/v2/testing/testpb"
	_ "github.com/grpc-ecosystem/go-grpc-middleware/v2/testing/testvalidate"
	_ "github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"
	_ "github.com/mattn/go-sqlite3"
	_ "github.com/stretchr/testify/suite"
	_ "golang.org/x/net/trace"
	_ "golang.org/x/oauth2"
)
