// Command gofacts type-checks one Go package against its dependencies' export data and
// writes the type facts the instrumenter matches on (see README.md for the format).
//
// It is the nogo pattern: rules_go hands each compile the export data of the direct
// dependencies; gofacts reads the same files (-arc, like rules_go's builder, or a
// compiler -importcfg), or asks `go list -export` for them outside Bazel (-go-list).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

type options struct {
	importpath string
	out        string
	arcs       multiFlag
	importcfg  string
	stdlib     string
	goList     bool
	goos       string
	goarch     string
	tags       string
	cgo        bool
	interfaces string
	srcs       []string
}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("gofacts", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.StringVar(&o.importpath, "importpath", "", "import path of the package (required)")
	fs.StringVar(&o.out, "o", "", "output JSON file (required)")
	fs.Var(&o.arcs, "arc", "a dependency's export data: importpath[:alias...]=importmap=file (repeatable)")
	fs.StringVar(&o.importcfg, "importcfg", "", "a compiler importcfg (packagefile/importmap lines)")
	fs.StringVar(&o.stdlib, "stdlib", "", "rules_go's compiled standard library: GOROOT/pkg (one <installsuffix>/ below)")
	fs.BoolVar(&o.goList, "go-list", false, "locate export data with `go list -export -deps -json` (outside Bazel)")
	fs.StringVar(&o.goos, "goos", runtime.GOOS, "GOOS for build constraints")
	fs.StringVar(&o.goarch, "goarch", runtime.GOARCH, "GOARCH for build constraints")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build tags")
	fs.StringVar(&o.interfaces, "interfaces", "", "file of interfaces (`error`, `io.Reader`), one a line, for the implements lists")
	fs.BoolVar(&o.cgo, "cgo", build.Default.CgoEnabled, "whether cgo files are part of the package")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	o.srcs = fs.Args()
	switch {
	case o.importpath == "":
		return nil, errors.New("-importpath is required")
	case o.out == "":
		return nil, errors.New("-o is required")
	case len(o.srcs) == 0:
		return nil, errors.New("no source files given")
	}
	return o, nil
}

// expandParams replaces a single `@file` argument by the file's lines (Bazel param files).
func expandParams(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if !strings.HasPrefix(a, "@") || len(a) == 1 {
			out = append(out, a)
			continue
		}
		data, err := os.ReadFile(a[1:])
		if err != nil {
			return nil, fmt.Errorf("cannot read param file: %w", err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimRight(line, "\r"); line != "" {
				out = append(out, line)
			}
		}
	}
	return out, nil
}

func run(args []string) error {
	args, err := expandParams(args)
	if err != nil {
		return err
	}
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	imp, err := newImporter(o)
	if err != nil {
		return err
	}
	facts, err := analyze(o, imp)
	if err != nil {
		return err
	}
	data, err := json.Marshal(facts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.Write(data)
	buf.WriteByte('\n')
	return writeAtomically(o.out, buf.Bytes())
}

func writeAtomically(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gofacts-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "gofacts: %v\n", err)
		os.Exit(1)
	}
}
