package store

import (
	"database/sql"
	"database/sql/driver"

	"github.com/XSAM/otelsql"
); import runtime "github.com/rules-go-instrument/rules_go_instrument/aspects/runtime"

func open(dsn string, connector driver.Connector) (*sql.DB, *sql.DB, *sql.DB, error) {
	db, err := runtime.OpenSQL/*line app/store.go:11:21*/("sqlite3", dsn)
	if err != nil {
		return nil, nil, nil, err
	}
	fromConnector := runtime.OpenDB/*line app/store.go:15:29*/(connector)
	// Already instrumented by hand: not sql.Open, so not matched.
	own, err := otelsql.Open("postgres", dsn)
	return db, fromConnector, own, err
}

var _ = sql.Open

var _ = sql.OpenDB
