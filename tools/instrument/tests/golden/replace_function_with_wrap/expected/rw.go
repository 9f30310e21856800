package rf

import "database/sql"; import rt "example.com/instr/rt"

func O(dsn string) {
	db, _ := must(rt.OpenSQL/*line app/rw.go:6:19*/("pg", dsnOf(/*line app/rw.go:6:26*/dsn)/*line app/rw.go:6:29*/))
	_ = db
}

var _ = sql.Open
