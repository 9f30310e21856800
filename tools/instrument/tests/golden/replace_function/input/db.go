package db

import (
	dbsql "database/sql"
	"fmt"
	. "strings"

	"example.com/app/generic"
)

var rt = "a package-level name that collides with the rule's import key"

func Open(dsn string) (*dbsql.DB, error) {
	db, err := dbsql.Open("postgres", dsn /* keep me */)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	return db, nil
}

func Upper(s string) string {
	return ToUpper(s) + helper()
}

func Mapped(xs []int) []string {
	return generic.Map[int, string](xs, func(int) string { return "" })
}

func helper() string { return rt }
