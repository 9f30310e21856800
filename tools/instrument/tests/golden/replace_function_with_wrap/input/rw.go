package rf

import "database/sql"

func O(dsn string) {
	db, _ := sql.Open("pg", dsn)
	_ = db
}
