package main

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
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
	if o.goList {
		if err := imp.goList(asts); err != nil {
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
	imp.fset = fset
	// Errors are recorded, not fatal: what did resolve is still right, and what did not
	// has no fact (the engine then matches nothing there, never something wrong).
	_, _ = conf.Check(o.importpath, fset, asts, info)
	c := &collector{fset: fset, info: info}
	for _, f := range files {
		facts.Files = append(facts.Files, c.file(f.path, f.file))
	}
	sort.SliceStable(facts.Files, func(i, j int) bool { return facts.Files[i].Path < facts.Files[j].Path })
	return facts, nil
}
