// The backend: a gRPC service answering prices from SQLite (database/sql).
// Plain Go: it has no tracing code of its own.
package main

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"net"
	"os"

	_ "github.com/mattn/go-sqlite3"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"example.com/services/prices"
	"example.com/services/selfcheck"
)

type store struct{ db *sql.DB }

func (s *store) Lookup(ctx context.Context, item *wrapperspb.StringValue) (*wrapperspb.Int64Value, error) {
	var cents int64
	err := s.db.QueryRowContext(ctx, "SELECT cents FROM prices WHERE item = ?", item.GetValue()).Scan(&cents)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, status.Errorf(codes.NotFound, "no price for %q", item.GetValue())
	}
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return wrapperspb.Int64(cents), nil
}

// Audit reads a table this service never created: the failing path.
func (s *store) Audit(ctx context.Context, _ *wrapperspb.StringValue) (*wrapperspb.Int64Value, error) {
	var sales int64
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM audit_log").Scan(&sales); err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return wrapperspb.Int64(sales), nil
}

func openStore() (*store, error) {
	db, err := sql.Open("sqlite3", "file:prices?mode=memory&cache=shared")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one in-memory database
	_, err = db.Exec(`CREATE TABLE prices (item TEXT PRIMARY KEY, cents INTEGER NOT NULL);
		INSERT INTO prices VALUES ('apple', 120), ('pear', 95), ('free', 0);`)
	return &store{db: db}, err
}

func main() {
	addr := os.Getenv("BACKEND_ADDR")
	if addr == "" {
		addr = "127.0.0.1:50051"
	}
	if err := selfcheck.Run(); err != nil {
		log.Fatalf("sqlite self-check: %v", err)
	}
	s, err := openStore()
	if err != nil {
		log.Fatal(err)
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	server := grpc.NewServer()
	prices.Register(server, s)
	log.Printf("backend listening on %s", listener.Addr())
	if err := server.Serve(listener); err != nil {
		log.Fatal(err)
	}
}
