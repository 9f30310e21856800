// Package selfcheck checks at start-up that the SQLite driver works. Its
// target is tagged no-instrument: its sql.Open stays as it is.
package selfcheck

import "database/sql"

// Run opens a scratch in-memory database and pings it.
func Run() error {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}
