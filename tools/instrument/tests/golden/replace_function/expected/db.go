package db

import (
	dbsql "database/sql"
	"fmt"
	. "strings"

	"example.com/app/generic"
); import __instr_rt "example.com/instr/rt"

var rt = "a package-level name that collides with the rule's import key"

func Open(dsn string) (*dbsql.DB, error) {
	db, err := __instr_rt.OpenSQL/*line app/db.go:14:23*/("postgres", dsn /* keep me */)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	return db, nil
}

func Upper(s string) string {
	return __instr_rt.Upper/*line app/db.go:22:16*/(s) + __instr_rt.Helper/*line app/db.go:22:28*/()
}

func Mapped(xs []int) []string {
	return __instr_rt.Map/*line app/db.go:26:20*/[int, string](xs, func(int) string { return "" })
}

func helper() string { return rt }

var _ = dbsql.Open

var _ = ToUpper

var _ = generic.Map
