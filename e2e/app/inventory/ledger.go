package inventory

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"sync"
)

// driverName is a tiny in-memory database/sql driver: a ledger of (item, count)
// rows, enough to exercise database/sql without cgo or a server.
const driverName = "inventory-ledger"

func init() { sql.Register(driverName, ledgerDriver{}) }

type ledgerDriver struct{}

// Ledger is every row recorded in this process, in order.
var (
	ledgerMu sync.Mutex
	Ledger   []string
)

func (ledgerDriver) Open(string) (driver.Conn, error) { return ledgerConn{}, nil }

type ledgerConn struct{}

func (ledgerConn) Prepare(query string) (driver.Stmt, error) { return ledgerStmt{query}, nil }
func (ledgerConn) Close() error                              { return nil }
func (ledgerConn) Begin() (driver.Tx, error)                 { return nil, errors.New("no transactions") }

// ExecContext records RECORD(item, count); anything else is an error.
func (ledgerConn) ExecContext(_ context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if query != "RECORD" || len(args) != 2 {
		return nil, errors.New("ledger: only RECORD(item, count)")
	}
	ledgerMu.Lock()
	defer ledgerMu.Unlock()
	Ledger = append(Ledger, args[0].Value.(string))
	return driver.RowsAffected(1), nil
}

type ledgerStmt struct{ query string }

func (ledgerStmt) Close() error  { return nil }
func (ledgerStmt) NumInput() int { return -1 }
func (s ledgerStmt) Exec(args []driver.Value) (driver.Result, error) {
	named := make([]driver.NamedValue, len(args))
	for i, v := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return ledgerConn{}.ExecContext(context.Background(), s.query, named)
}
func (ledgerStmt) Query([]driver.Value) (driver.Rows, error) {
	return nil, errors.New("ledger: no queries")
}
