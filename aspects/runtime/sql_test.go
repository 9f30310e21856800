package runtime

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"strings"
	"testing"

	"github.com/XSAM/otelsql"
	"go.opentelemetry.io/otel/trace"
)

// tableDriver is a minimal database/sql driver for these tests: every query
// returns one row holding its first argument; it stands in for a real driver
// only so that the runtime's own tests need no cgo (e2e/services uses SQLite).
type tableDriver struct{}

func (tableDriver) Open(string) (driver.Conn, error) { return tableConn{}, nil }

type tableConn struct{}

func (tableConn) Prepare(query string) (driver.Stmt, error) { return tableStmt{}, nil }
func (tableConn) Close() error                              { return nil }
func (tableConn) Begin() (driver.Tx, error)                 { return tableTx{}, nil }

type tableTx struct{}

func (tableTx) Commit() error   { return nil }
func (tableTx) Rollback() error { return nil }

type tableStmt struct{}

func (tableStmt) Close() error  { return nil }
func (tableStmt) NumInput() int { return -1 }
func (tableStmt) Exec([]driver.Value) (driver.Result, error) {
	return driver.RowsAffected(1), nil
}
func (tableStmt) Query(args []driver.Value) (driver.Rows, error) {
	return &tableRows{values: args}, nil
}

type tableRows struct {
	values []driver.Value
	done   bool
}

func (*tableRows) Columns() []string { return []string{"value"} }
func (*tableRows) Close() error      { return nil }
func (r *tableRows) Next(dest []driver.Value) error {
	if r.done || len(r.values) == 0 {
		return io.EOF
	}
	r.done, dest[0] = true, r.values[0]
	return nil
}

func init() { sql.Register("sqlite-table-test", tableDriver{}) }

func TestOpenSQLRecordsStatementsNeverArguments(t *testing.T) {
	provider, recorder := recording(t)
	useGlobal(t, provider)

	db, err := OpenSQL("sqlite-table-test", "file:"+secret)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, parent := provider.Tracer("test").Start(context.Background(), "request")
	var got string
	if err := db.QueryRowContext(ctx, "SELECT value FROM t WHERE k = ?", secret).Scan(&got); err != nil || got != secret {
		t.Fatalf("query = %q, %v; the driver was not reached", got, err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "insert into t values (?)", secret); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	parent.End()

	spans := recorder.Ended()
	byName := map[string]bool{}
	for _, span := range spans {
		byName[span.Name()] = true
		if span.Name() != "request" && (span.SpanKind() != trace.SpanKindClient ||
			span.Parent().SpanID() != parent.SpanContext().SpanID()) {
			t.Errorf("span %q: kind %s, parent %s; want a client span under the request",
				span.Name(), span.SpanKind(), span.Parent().SpanID())
		}
	}
	for _, want := range []string{"SELECT", "INSERT", "sql.conn.begin_tx", "sql.tx.commit"} {
		if !byName[want] {
			t.Errorf("no %q span among %v", want, names(spans))
		}
	}
	text := attributeText(spans)
	if strings.Contains(text, secret) {
		t.Errorf("an SQL argument or the DSN reached a span:\n%s", text)
	}
	for _, want := range []string{"db.system.name=sqlite", "db.query.text=SELECT value FROM t WHERE k = ?"} {
		if !strings.Contains(text, want) {
			t.Errorf("span attributes lack %q:\n%s", want, text)
		}
	}
}

func TestOpenSQLLeavesAnOtelsqlDriverAlone(t *testing.T) {
	provider, recorder := recording(t)
	useGlobal(t, provider)
	name, err := otelsql.Register("sqlite-table-test")
	if err != nil {
		t.Fatal(err)
	}
	db, err := OpenSQL(name, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("DELETE FROM t"); err != nil {
		t.Fatal(err)
	}
	var execs int
	for _, span := range recorder.Ended() {
		if strings.Contains(span.Name(), "exec") || span.Name() == "DELETE" {
			execs++
		}
	}
	if execs != 1 {
		t.Errorf("exec spans = %v, want exactly one (otelsql's own)", names(recorder.Ended()))
	}
}

func TestDBSystemFromDriverNamesAndPackages(t *testing.T) {
	for driver, want := range map[string]string{
		"sqlite3": "sqlite", "sqlite": "sqlite", "postgres": "postgresql", "pgx": "postgresql",
		"github.com/lib/pq": "postgresql", "mysql": "mysql", "sqlserver": "microsoft.sql_server",
		"godror": "oracle.db", "bigquery": "other_sql",
	} {
		if got := DBSystem(driver); got != want {
			t.Errorf("DBSystem(%q) = %q, want %q", driver, got, want)
		}
	}
}
