package main

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const src = `package p

import (
	"database/sql"
	"net/http"
)

type Box[T any] struct{ v T }

func (b *Box[T]) Get() T { return b.v }

type opener struct{}

func (opener) Open(a, b string) (*sql.DB, error) { return nil, nil }

type svc struct{ client *http.Client }

type embed struct{ *http.Client }

type doer interface{ Do(*http.Request) (*http.Response, error) }

func newClient() *http.Client { return &http.Client{} }

func Map[T, U any](xs []T, f func(T) U) []U { return nil }

func f(s *svc, req *http.Request, d doer, e embed) {
	b := &Box[int]{}
	_ = b.Get()
	_ = Box[string]{v: "x"}
	sql := opener{}
	sql.Open("a", "b")
	s.client.Do(req)
	newClient().Do(req)
	e.Do(req)
	d.Do(req)
	_ = Map([]int{1}, func(i int) string { return "" })
	_ = string(rune(65))
}
`

func runOn(t *testing.T, dir string, files map[string]string) *Facts {
	t.Helper()
	var srcs []string
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, filepath.Join(dir, name))
	}
	o := &options{importpath: "example.com/p", goList: true, goos: "linux", goarch: "amd64", cgo: true, srcs: srcs}
	imp, err := newImporter(o)
	if err != nil {
		t.Fatal(err)
	}
	facts, err := analyze(o, imp)
	if err != nil {
		t.Fatal(err)
	}
	return facts
}

func TestCallees(t *testing.T) {
	facts := runOn(t, t.TempDir(), map[string]string{"a.go": src})
	if len(facts.Errors) != 0 {
		t.Fatalf("type errors: %v", facts.Errors)
	}
	var got []string
	for _, c := range facts.Files[0].Calls {
		got = append(got, c.Callee+" recv="+c.Recv)
	}
	want := []string{
		"(*example.com/p.Box).Get recv=*example.com/p.Box[int]",
		"(example.com/p.opener).Open recv=example.com/p.opener",
		"(*net/http.Client).Do recv=*net/http.Client",
		"example.com/p.newClient recv=",
		"(*net/http.Client).Do recv=*net/http.Client",
		"(*net/http.Client).Do recv=example.com/p.embed",
		"(example.com/p.doer).Do recv=example.com/p.doer",
		"example.com/p.Map recv=",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("callees:\n got %q\nwant %q", got, want)
	}
	var lits []string
	for _, l := range facts.Files[0].Literals {
		lits = append(lits, l.Type+"["+strings.Join(l.TypeArgs, ",")+"]")
	}
	wantLits := []string{"net/http.Client[]", "example.com/p.Box[int]", "example.com/p.Box[string]", "example.com/p.opener[]"}
	if !reflect.DeepEqual(lits, wantLits) {
		t.Fatalf("literals: got %q want %q", lits, wantLits)
	}
	sh := facts.Files[0].Shadowed
	if len(sh) != 1 || sh[0].Name != "sql" || src[sh[0].Start:sh[0].End] != "sql" {
		t.Fatalf("shadowed: %+v", sh)
	}
}

func TestSpansAreByteOffsets(t *testing.T) {
	facts := runOn(t, t.TempDir(), map[string]string{"a.go": src})
	for _, c := range facts.Files[0].Calls {
		text := src[c.Start:c.End]
		if !strings.HasSuffix(text, ")") {
			t.Errorf("call span %d..%d is %q", c.Start, c.End, text)
		}
	}
}

func TestDeterministicAcrossDirectories(t *testing.T) {
	encode := func() []byte {
		dir := t.TempDir()
		wd, _ := os.Getwd()
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		defer os.Chdir(wd)
		os.WriteFile("a.go", []byte(src), 0o644)
		o := &options{importpath: "example.com/p", goList: true, goos: "linux", goarch: "amd64", cgo: true, srcs: []string{"a.go"}}
		imp, _ := newImporter(o)
		facts, err := analyze(o, imp)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := json.Marshal(facts)
		return data
	}
	a, b := encode(), encode()
	if string(a) != string(b) {
		t.Fatal("facts differ between two directories")
	}
	if strings.Contains(string(a), os.TempDir()) {
		t.Fatal("facts contain an absolute path")
	}
}

func TestBuildConstraintsAndForeignTestPackage(t *testing.T) {
	facts := runOn(t, t.TempDir(), map[string]string{
		"a.go":         "package p\n\nfunc A() {}\n",
		"b_windows.go": "package p\n\nfunc A() {}\n", // would redeclare A on linux
		"x_test.go":    "package p_test\n\nfunc T() {}\n",
	})
	if len(facts.Errors) != 0 || len(facts.Files) != 1 || facts.Package != "p" {
		t.Fatalf("got %+v", facts)
	}
}

func TestTypeErrorsAreRecordedNotFatal(t *testing.T) {
	facts := runOn(t, t.TempDir(), map[string]string{"a.go": "package p\n\nfunc A() { undefined() }\n"})
	if len(facts.Errors) != 1 || !strings.Contains(facts.Errors[0], "undefined") {
		t.Fatalf("errors: %v", facts.Errors)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-o", "x", "a.go"},
		{"-importpath", "p", "a.go"},
		{"-importpath", "p", "-o", "x"},
		{"-importpath", "p", "-o", "x", "-arc", "broken", "a.go"},
	} {
		if err := run(args); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

func TestImportcfg(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "importcfg")
	os.WriteFile(cfg, []byte("# comment\nimportmap a=b\npackagefile b=/x/b.a\nmodinfo whatever\n"), 0o644)
	imp := &importer{importMap: map[string]string{}, files: map[string]string{}}
	if err := imp.readImportcfg(cfg); err != nil {
		t.Fatal(err)
	}
	if imp.importMap["a"] != "b" || imp.files["b"] != "/x/b.a" {
		t.Fatalf("got %v %v", imp.importMap, imp.files)
	}
	os.WriteFile(cfg, []byte("packagefile nothing\n"), 0o644)
	if err := imp.readImportcfg(cfg); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Fatalf("want a line-numbered error, got %v", err)
	}
}

func TestImplements(t *testing.T) {
	dir := t.TempDir()
	ifaces := filepath.Join(dir, "ifaces.txt")
	os.WriteFile(ifaces, []byte("io.Reader\nerror\n\nerror\nnet/http.NoSuchThing\n"), 0o644)
	src := filepath.Join(dir, "a.go")
	os.WriteFile(src, []byte(`package p

import (
	"io"
	"strings"
)

func Open(name string) (io.Reader, error) { return strings.NewReader(name), nil }

func use() { Open("x") }
`), 0o644)
	o := &options{importpath: "example.com/p", goList: true, goos: "linux", goarch: "amd64", cgo: true, interfaces: ifaces, srcs: []string{src}}
	imp, _ := newImporter(o)
	facts, err := analyze(o, imp)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"error", "io.Reader", "net/http.NoSuchThing"}; !reflect.DeepEqual(facts.Interfaces, want) {
		t.Fatalf("interfaces %v, want %v", facts.Interfaces, want)
	}
	if len(facts.Errors) != 1 || !strings.Contains(facts.Errors[0], "net/http.NoSuchThing: not found") {
		t.Fatalf("errors: %v", facts.Errors)
	}
	fn := facts.Files[0].Funcs[0]
	want := [][]string{{"io.Reader"}, {"error"}}
	if !reflect.DeepEqual(fn.ResultImplements, want) || !reflect.DeepEqual(fn.ParamImplements, [][]string{{}}) {
		t.Fatalf("implements: params %v results %v", fn.ParamImplements, fn.ResultImplements)
	}
	call := facts.Files[0].Calls[1] // Open("x"); [0] is strings.NewReader
	if call.Callee != "example.com/p.Open" || !reflect.DeepEqual(call.ResultImplements, want) {
		t.Fatalf("call %+v", call)
	}
}

func TestExternalTestPackageWithoutFilesOfItsOwnIsEmpty(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "lib_test.go", "package p\n\nfunc T() { Lib() }\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	name, kept := packageFiles("example.com/p_test", []parsed{{"lib_test.go", f}})
	if name != "p_test" || len(kept) != 0 {
		t.Fatalf("got package %q with %d files", name, len(kept))
	}
}
