package runtime

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"reflect"
	"strings"

	"github.com/XSAM/otelsql"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
)

const otelsqlPackage = "github.com/XSAM/otelsql"

// OpenSQL is sql.Open with github.com/XSAM/otelsql's instrumentation: spans for
// queries, execs, prepares and transactions, named after the statement's
// operation (SELECT, INSERT, ...), with db.system.name from the driver and the
// statement text in db.query.text, never the statement's arguments. A driver
// name that otelsql registered is opened as it is (never instrumented twice).
func OpenSQL(driverName, dataSourceName string) (*sql.DB, error) {
	db, err := sql.Open(driverName, dataSourceName)
	if err != nil || isOtelsql(db.Driver()) {
		return db, err
	}
	// sql.Open only validated the name; the instrumented handle replaces it.
	_ = db.Close()
	return otelsql.Open(driverName, dataSourceName, sqlOptions(driverName)...)
}

// OpenDB is sql.OpenDB with otelsql's instrumentation (see OpenSQL); the
// database system is guessed from the connector's driver package.
func OpenDB(c driver.Connector) *sql.DB {
	if isOtelsql(c) || isOtelsql(c.Driver()) {
		return sql.OpenDB(c)
	}
	return otelsql.OpenDB(c, sqlOptions(packageOf(c.Driver()))...)
}

func sqlOptions(driver string) []otelsql.Option {
	return []otelsql.Option{
		otelsql.WithAttributes(semconv.DBSystemNameKey.String(DBSystem(driver))),
		otelsql.WithSpanNameFormatter(sqlSpanName),
		otelsql.WithSpanOptions(otelsql.SpanOptions{OmitConnResetSession: true, OmitRows: true}),
	}
}

// sqlSpanName is the statement's first keyword ("SELECT"), the low-cardinality
// name the database conventions ask for, for queries and execs; other calls keep
// otelsql's method name (sql.conn.prepare, sql.conn.begin_tx, ...).
func sqlSpanName(_ context.Context, method otelsql.Method, query string) string {
	switch method {
	case otelsql.MethodConnQuery, otelsql.MethodConnExec, otelsql.MethodStmtQuery, otelsql.MethodStmtExec:
	default:
		return string(method)
	}
	if word := strings.Fields(query); len(word) > 0 {
		return strings.ToUpper(strings.Trim(word[0], "(;"))
	}
	return string(method)
}

// DBSystem maps a database/sql driver name (or a driver's package path) to the
// semantic conventions' db.system.name.
func DBSystem(driver string) string {
	name := strings.ToLower(driver)
	for _, known := range []struct{ fragment, system string }{
		{"sqlite", "sqlite"},
		{"postgres", "postgresql"}, {"pgx", "postgresql"}, {"lib/pq", "postgresql"},
		{"mysql", "mysql"}, {"mariadb", "mariadb"},
		{"sqlserver", "microsoft.sql_server"}, {"mssql", "microsoft.sql_server"},
		{"oracle", "oracle.db"}, {"godror", "oracle.db"},
		{"clickhouse", "clickhouse"}, {"snowflake", "snowflake"}, {"duckdb", "duckdb"},
	} {
		if strings.Contains(name, known.fragment) {
			return known.system
		}
	}
	return "other_sql"
}

// packageOf is the package that defines v's type, looking through the
// anonymous `struct{ driver.Driver }` otelsql wraps context-less drivers in.
func packageOf(v any) string {
	value := reflect.ValueOf(v)
	for value.IsValid() && value.Kind() == reflect.Struct && value.Type().Name() == "" &&
		value.NumField() == 1 && value.Type().Field(0).Anonymous {
		value = value.Field(0)
		if value.Kind() == reflect.Interface {
			value = value.Elem()
		}
	}
	if !value.IsValid() {
		return ""
	}
	t := value.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.PkgPath()
}

func isOtelsql(v any) bool { return packageOf(v) == otelsqlPackage }
