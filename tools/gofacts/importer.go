package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	goimporter "go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// importer implements types.Importer over export data files, like nogo's. It reads
// them with the standard library's gc importer, so gofacts needs nothing outside the
// standard library (rules/private/go_exec_tool.bzl builds it with the SDK's go build)
// and always reads the export data of the Go release it was built with.
type importer struct {
	importMap map[string]string // import path in the source -> package path
	files     map[string]string // package path -> export data file
	stdlib    string            // GOROOT/pkg/<installsuffix> of a compiled standard library
	gc        types.Importer
}

func newImporter(o *options) (*importer, error) {
	imp := &importer{importMap: map[string]string{}, files: map[string]string{}}
	for _, arc := range o.arcs {
		if err := imp.addArc(arc); err != nil {
			return nil, err
		}
	}
	if o.importcfg != "" {
		if err := imp.readImportcfg(o.importcfg); err != nil {
			return nil, err
		}
	}
	if o.stdlib != "" {
		dir, err := installDir(o.stdlib)
		if err != nil {
			return nil, err
		}
		imp.stdlib = dir
	}
	return imp, nil
}

// addArc reads rules_go's `importpath[:alias...]=importmap=file` form.
func (i *importer) addArc(arc string) error {
	parts := strings.Split(arc, "=")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return fmt.Errorf("-arc %q: expected importpath=importmap=file", arc)
	}
	for _, p := range strings.Split(parts[0], ":") {
		if p != parts[1] {
			i.importMap[p] = parts[1]
		}
	}
	i.files[parts[1]] = parts[2]
	return nil
}

func (i *importer) readImportcfg(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("-importcfg: %w", err)
	}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		if verb != "packagefile" && verb != "importmap" {
			continue // modinfo and friends do not concern types
		}
		from, to, ok := strings.Cut(strings.TrimSpace(rest), "=")
		if !ok || from == "" || to == "" {
			return fmt.Errorf("%s:%d: expected `%s path=value`", path, n+1, verb)
		}
		switch verb {
		case "packagefile":
			i.files[from] = to
		case "importmap":
			i.importMap[from] = to
		}
	}
	return nil
}

// installDir finds GOROOT/pkg/<installsuffix>: rules_go's stdlib has exactly one.
func installDir(pkg string) (string, error) {
	entries, err := os.ReadDir(pkg)
	if err != nil {
		return "", fmt.Errorf("-stdlib: %w", err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "include" && e.Name() != "tool" {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) != 1 {
		return "", fmt.Errorf("-stdlib %s: expected one <goos>_<goarch> directory, found %v", pkg, dirs)
	}
	return filepath.Join(pkg, dirs[0]), nil
}

// positionsIn makes the packages read from now on record their positions in fset.
func (i *importer) positionsIn(fset *token.FileSet) {
	i.gc = goimporter.ForCompiler(fset, "gc", i.open)
}

// Import reads a package's export data (the types it refers to come along).
func (i *importer) Import(path string) (*types.Package, error) {
	if i.gc == nil {
		return nil, fmt.Errorf("importing %q before positionsIn", path)
	}
	if mapped, ok := i.importMap[path]; ok {
		path = mapped
	}
	return i.gc.Import(path)
}

// open is the gc importer's lookup: the export data file of a package path.
func (i *importer) open(path string) (io.ReadCloser, error) {
	file, ok := i.files[path]
	if !ok && i.stdlib != "" {
		file, ok = filepath.Join(i.stdlib, filepath.FromSlash(path)+".a"), true
	}
	if !ok {
		return nil, fmt.Errorf("no export data for %q", path)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("export data of %q: %w", path, err)
	}
	return f, nil
}

// goList asks the go command for the export data of the files' imports and their deps.
func (i *importer) goList(files []*ast.File, interfaces []string) error {
	seen := map[string]bool{}
	for _, name := range interfaces {
		if dot := strings.LastIndex(name, "."); dot > strings.LastIndex(name, "/") {
			seen[name[:dot]] = true
		}
	}
	for _, f := range files {
		for _, spec := range f.Imports {
			p, err := strconv.Unquote(spec.Path.Value)
			if err == nil && p != "C" && p != "unsafe" {
				seen[p] = true
			}
		}
	}
	if len(seen) == 0 {
		return nil
	}
	paths := make([]string, 0, len(seen))
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	cmd := exec.Command("go", append([]string{"list", "-e", "-export", "-deps", "-json=ImportPath,Export,Error", "--"}, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go list -export: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p struct {
			ImportPath string
			Export     string
			Error      *struct{ Err string }
		}
		if err := dec.Decode(&p); err != nil {
			return fmt.Errorf("go list -export: %w", err)
		}
		if p.Export != "" {
			i.files[p.ImportPath] = p.Export
		}
	}
	return nil
}
