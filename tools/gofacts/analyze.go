package main

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// maxErrors bounds the type errors kept in the output (the compiler reports them anyway).
const maxErrors = 10

type parsed struct {
	path string
	file *ast.File
}

// selectFiles drops files that build constraints exclude, as rules_go's builder does.
func selectFiles(o *options) ([]string, error) {
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = o.goos, o.goarch, o.cgo
	ctx.BuildTags = nil
	if o.tags != "" {
		ctx.BuildTags = strings.Split(o.tags, ",")
	}
	var out []string
	for _, src := range o.srcs {
		if !strings.HasSuffix(src, ".go") {
			continue
		}
		ok, err := ctx.MatchFile(filepath.Dir(src), filepath.Base(src))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src, err)
		}
		if ok {
			out = append(out, src)
		}
	}
	return out, nil
}

// packageFiles keeps the files of the package being analyzed: go_test hands `p` and
// `p_test` files together, and the import path says which one this is (as in the engine).
func packageFiles(importpath string, files []parsed) (string, []parsed) {
	counts := map[string]int{}
	for _, f := range files {
		counts[f.file.Name.Name]++
	}
	external := strings.HasSuffix(importpath, "_test")
	less := func(a, b string) bool { // (foreign, more files first, name): the smallest wins
		fa, fb := strings.HasSuffix(a, "_test") != external, strings.HasSuffix(b, "_test") != external
		if fa != fb {
			return !fa
		}
		if counts[a] != counts[b] {
			return counts[a] > counts[b]
		}
		return a < b
	}
	best := ""
	for n := range counts {
		if best == "" || less(n, best) {
			best = n
		}
	}
	if external && best != "" && !strings.HasSuffix(best, "_test") {
		// A go_test of internal tests only: rules_go compiles its external package
		// empty, and type-checking the `p` test files alone would only report errors.
		return best + "_test", nil
	}
	var kept []parsed
	for _, f := range files {
		if f.file.Name.Name == best {
			kept = append(kept, f)
		}
	}
	return best, kept
}

func analyze(o *options, imp *importer) (*Facts, error) {
	paths, err := selectFiles(o)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []parsed
	for _, p := range paths {
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err // the compiler would refuse the package too
		}
		files = append(files, parsed{p, f})
	}
	name, files := packageFiles(o.importpath, files)
	asts := make([]*ast.File, len(files))
	for i, f := range files {
		asts[i] = f.file
	}
	ifaceNames, err := readInterfaces(o.interfaces)
	if err != nil {
		return nil, err
	}
	if o.goList {
		if err := imp.goList(asts, ifaceNames); err != nil {
			return nil, err
		}
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Instances:  map[*ast.Ident]types.Instance{},
		Implicits:  map[ast.Node]types.Object{},
	}
	facts := &Facts{Version: FormatVersion, Importpath: o.importpath, Package: name, Files: []FileFact{}, Errors: []string{}}
	conf := types.Config{
		Importer:    imp,
		FakeImportC: true,
		Error: func(err error) {
			if len(facts.Errors) < maxErrors {
				facts.Errors = append(facts.Errors, err.Error())
			}
		},
	}
	imp.positionsIn(fset)
	// Errors are recorded, not fatal: what did resolve is still right, and what did not
	// has no fact (the engine then matches nothing there, never something wrong).
	_, _ = conf.Check(o.importpath, fset, asts, info)
	c := &collector{fset: fset, info: info}
	for _, name := range ifaceNames {
		iface, err := resolveInterface(imp, name)
		if err != nil && len(facts.Errors) < maxErrors {
			facts.Errors = append(facts.Errors, err.Error())
		}
		c.ifaces = append(c.ifaces, namedInterface{name, iface})
	}
	facts.Interfaces = ifaceNames
	for _, f := range files {
		facts.Files = append(facts.Files, c.file(f.path, f.file))
	}
	sort.SliceStable(facts.Files, func(i, j int) bool { return facts.Files[i].Path < facts.Files[j].Path })
	return facts, nil
}

// readInterfaces reads the -interfaces file: sorted, unique, blank lines ignored.
func readInterfaces(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("-interfaces: %w", err)
	}
	seen := map[string]bool{}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !seen[line] {
			seen[line] = true
			out = append(out, line)
		}
	}
	sort.Strings(out)
	return out, nil
}

// resolveInterface finds `error` or `import/path.Name` through the importer (the
// standard library is always there; other packages only when they are dependencies).
func resolveInterface(imp *importer, name string) (*types.Interface, error) {
	var obj types.Object
	if dot := strings.LastIndex(name, "."); dot > strings.LastIndex(name, "/") {
		pkg, err := imp.Import(name[:dot])
		if err != nil {
			return nil, fmt.Errorf("interface %s: %v", name, err)
		}
		obj = pkg.Scope().Lookup(name[dot+1:])
	} else {
		obj = types.Universe.Lookup(name)
	}
	if obj == nil {
		return nil, fmt.Errorf("interface %s: not found", name)
	}
	iface, ok := obj.Type().Underlying().(*types.Interface)
	if !ok {
		return nil, fmt.Errorf("interface %s: %s is not an interface", name, obj.Type())
	}
	return iface, nil
}
