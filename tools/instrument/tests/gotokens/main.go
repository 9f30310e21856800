// Command gotokens prints the Go tokens of each file with the position go/scanner gives
// them (line directives applied), one per line: "file:line:col<TAB>token<TAB>literal".
// It is the Go-side oracle of the fuzz test: every original token must appear in the
// rewritten file at its original position.
package main

import (
	"bufio"
	"fmt"
	"go/scanner"
	"go/token"
	"os"
	"strconv"
)

func main() {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, path := range os.Args[1:] {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fset := token.NewFileSet()
		file := fset.AddFile(path, fset.Base(), len(src))
		var s scanner.Scanner
		s.Init(file, src, nil, scanner.ScanComments)
		fmt.Fprintf(out, "== %s\n", path)
		for {
			pos, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			p := fset.Position(pos)
			fmt.Fprintf(out, "%s:%d:%d\t%s\t%s\n", p.Filename, p.Line, p.Column, tok, strconv.Quote(lit))
		}
	}
}
