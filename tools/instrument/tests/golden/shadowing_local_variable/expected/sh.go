package sh

import "database/sql"

type opener struct{}

func (opener) Open(driver, dsn string) (*sql.DB, error) { return nil, nil }

// A local named like the import: not database/sql.Open.
func Local() (*sql.DB, error) {
	sql := opener{}
	return sql.Open("pg", "dsn")
}

// The package's own Open, through a field: not database/sql.Open either.
type holder struct{ sql opener }

func (h holder) Field() (*sql.DB, error) { return h.sql.Open("pg", "dsn") }

func Real() (*sql.DB, error) { return openTraced(/*line app/sh.go:20:39*/sql.Open("pg", "dsn"))/*line app/sh.go:20:60*/ }

func openTraced(db *sql.DB, err error) (*sql.DB, error) { return db, err }
