package store

import (
	"database/sql"
	"database/sql/driver"

	"github.com/XSAM/otelsql"
)

func open(dsn string, connector driver.Connector) (*sql.DB, *sql.DB, *sql.DB, error) {
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, nil, nil, err
	}
	fromConnector := sql.OpenDB(connector)
	// Already instrumented by hand: not sql.Open, so not matched.
	own, err := otelsql.Open("postgres", dsn)
	return db, fromConnector, own, err
}
