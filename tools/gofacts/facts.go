package main

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
)

// FormatVersion is bumped whenever a field changes meaning (see README.md).
const FormatVersion = 1

// Facts is the whole output document: one package, its files in the given order.
type Facts struct {
	Version    int        `json:"version"`
	Importpath string     `json:"importpath"`
	Package    string     `json:"package"`
	Files      []FileFact `json:"files"`
	Errors     []string   `json:"errors"`
	// Interfaces the implements lists were computed for (-interfaces), sorted.
	Interfaces []string `json:"interfaces,omitempty"`
}

// FileFact holds the facts of one source file, every list sorted by (start, end).
type FileFact struct {
	Path     string        `json:"path"`
	Calls    []CallFact    `json:"calls"`
	Literals []LiteralFact `json:"literals"`
	Funcs    []FuncFact    `json:"funcs"`
	Shadowed []Span        `json:"shadowed"`
}

// Span is a byte range [Start, End) of the file, as go/parser and tree-sitter both see it.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Name  string `json:"name,omitempty"`
}

// CallFact is a call whose callee is a declared function or method.
type CallFact struct {
	Start int `json:"start"`
	End   int `json:"end"`
	// Callee names the generic declaration: `path.Func`, `(*path.T).Method`,
	// `(path.T).Method` (value receiver or interface method).
	Callee string `json:"callee"`
	// Recv is the static type of the receiver expression of a method call ("" otherwise).
	Recv string `json:"recv,omitempty"`
	// Interface is true when Callee is a method of an interface type.
	Interface bool `json:"interface,omitempty"`
	// Params and Results of the instantiated signature, in TypeString form.
	Params   []string `json:"params"`
	Results  []string `json:"results"`
	Variadic bool     `json:"variadic,omitempty"`
	// TypeArgs of a generic function or of a method's generic receiver type.
	TypeArgs []string `json:"type_args,omitempty"`
	Implements
}

// Implements lists, per parameter and per result, the requested interfaces its type
// implements (only with -interfaces).
type Implements struct {
	ParamImplements  [][]string `json:"param_implements,omitempty"`
	ResultImplements [][]string `json:"result_implements,omitempty"`
}

// LiteralFact is a composite literal of a named type.
type LiteralFact struct {
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Type     string   `json:"type"` // generic declaration: `path.Box`, never `path.Box[int]`
	TypeArgs []string `json:"type_args,omitempty"`
}

// FuncFact is a function declaration or literal with its signature.
type FuncFact struct {
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Name     string   `json:"name,omitempty"` // "" for literals
	Recv     string   `json:"recv,omitempty"`
	Params   []string `json:"params"`
	Results  []string `json:"results"`
	Variadic bool     `json:"variadic,omitempty"`
	Implements
}

// qualify writes package-level names with their full import path: `*net/http.Request`.
func qualify(p *types.Package) string { return p.Path() }

func typeString(t types.Type) string { return types.TypeString(t, qualify) }

func tupleStrings(t *types.Tuple) []string {
	out := make([]string, 0, t.Len())
	for i := 0; i < t.Len(); i++ {
		out = append(out, typeString(t.At(i).Type()))
	}
	return out
}

func typeListStrings(l *types.TypeList) []string {
	if l == nil || l.Len() == 0 {
		return nil
	}
	out := make([]string, 0, l.Len())
	for i := 0; i < l.Len(); i++ {
		out = append(out, typeString(l.At(i)))
	}
	return out
}

// namedOrigin is the generic declaration of a (possibly instantiated, aliased) named type.
func namedOrigin(t types.Type) (*types.Named, bool) {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil, false
	}
	return n.Origin(), true
}

func objectName(o types.Object) string {
	if o.Pkg() == nil {
		return o.Name() // universe: `error`
	}
	return o.Pkg().Path() + "." + o.Name()
}

// calleeName names a function by its generic declaration; ok is false for methods of
// unnamed types (struct or interface literals), which no pattern can name.
func calleeName(fn *types.Func) (name string, iface bool, ok bool) {
	fn = fn.Origin()
	sig := fn.Type().(*types.Signature)
	recv := sig.Recv()
	if recv == nil {
		if fn.Pkg() == nil {
			return "", false, false
		}
		return fn.Pkg().Path() + "." + fn.Name(), false, true
	}
	t := types.Unalias(recv.Type())
	star := ""
	if p, isPtr := t.(*types.Pointer); isPtr {
		t, star = types.Unalias(p.Elem()), "*"
	}
	n, isNamed := namedOrigin(t)
	if !isNamed {
		return "", false, false
	}
	_, iface = n.Underlying().(*types.Interface)
	return "(" + star + objectName(n.Obj()) + ")." + fn.Name(), iface, true
}

type collector struct {
	fset   *token.FileSet
	info   *types.Info
	ifaces []namedInterface
}

type namedInterface struct {
	name  string
	iface *types.Interface // nil: could not be resolved (nothing implements it)
}

func (c *collector) implementsOf(t *types.Tuple) [][]string {
	if len(c.ifaces) == 0 {
		return nil
	}
	out := make([][]string, t.Len())
	for i := 0; i < t.Len(); i++ {
		out[i] = []string{}
		for _, ni := range c.ifaces {
			if ni.iface != nil && types.Implements(t.At(i).Type(), ni.iface) {
				out[i] = append(out[i], ni.name)
			}
		}
	}
	return out
}

func (c *collector) implements(sig *types.Signature) Implements {
	return Implements{c.implementsOf(sig.Params()), c.implementsOf(sig.Results())}
}

func (c *collector) offset(p token.Pos) int { return c.fset.PositionFor(p, false).Offset }

func (c *collector) span(n ast.Node) (int, int) { return c.offset(n.Pos()), c.offset(n.End()) }

// callee resolves the function a call expression calls, and the receiver's static type.
func (c *collector) callee(call *ast.CallExpr) (*types.Func, types.Type) {
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
		return nil, nil // a conversion
	}
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = ast.Unparen(f.X)
	case *ast.IndexListExpr:
		fun = ast.Unparen(f.X)
	}
	var obj types.Object
	var recv types.Type
	switch f := fun.(type) {
	case *ast.Ident:
		obj = c.info.Uses[f]
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[f]; ok {
			obj = sel.Obj()
			if sel.Kind() == types.MethodVal {
				recv = sel.Recv()
			}
		} else {
			obj = c.info.Uses[f.Sel]
		}
	}
	fn, _ := obj.(*types.Func)
	return fn, recv
}

func (c *collector) callFact(call *ast.CallExpr) (CallFact, bool) {
	fn, recv := c.callee(call)
	if fn == nil {
		return CallFact{}, false
	}
	name, iface, ok := calleeName(fn)
	if !ok {
		return CallFact{}, false
	}
	start, end := c.span(call)
	sig := fn.Type().(*types.Signature) // instantiated
	f := CallFact{
		Start:     start,
		End:       end,
		Callee:    name,
		Interface: iface,
		Params:    tupleStrings(sig.Params()),
		Results:   tupleStrings(sig.Results()),
		Variadic:  sig.Variadic(),
	}
	f.Implements = c.implements(sig)
	if recv != nil {
		f.Recv = typeString(recv)
	}
	if inst, ok := c.info.Instances[instanceIdent(call.Fun)]; ok {
		f.TypeArgs = typeListStrings(inst.TypeArgs)
	} else if sig.Recv() != nil {
		t := types.Unalias(sig.Recv().Type())
		if p, isPtr := t.(*types.Pointer); isPtr {
			t = p.Elem()
		}
		if n, isNamed := types.Unalias(t).(*types.Named); isNamed {
			f.TypeArgs = typeListStrings(n.TypeArgs())
		}
	}
	return f, true
}

// instanceIdent is the identifier go/types records an instantiation under, or nil.
func instanceIdent(e ast.Expr) *ast.Ident {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.IndexExpr:
		e = x.X
	case *ast.IndexListExpr:
		e = x.X
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}

func (c *collector) literalFact(lit *ast.CompositeLit) (LiteralFact, bool) {
	tv, ok := c.info.Types[lit]
	if !ok || tv.Type == nil {
		return LiteralFact{}, false
	}
	t := types.Unalias(tv.Type)
	if p, isPtr := t.(*types.Pointer); isPtr { // elided `&T` in `[]*T{{...}}`
		t = types.Unalias(p.Elem())
	}
	n, isNamed := t.(*types.Named)
	if !isNamed {
		return LiteralFact{}, false
	}
	start, end := c.span(lit)
	return LiteralFact{start, end, objectName(n.Origin().Obj()), typeListStrings(n.TypeArgs())}, true
}

func (c *collector) funcFact(n ast.Node, name string, sig *types.Signature) FuncFact {
	start, end := c.span(n)
	f := FuncFact{
		Start:    start,
		End:      end,
		Name:     name,
		Params:   tupleStrings(sig.Params()),
		Results:  tupleStrings(sig.Results()),
		Variadic: sig.Variadic(),
	}
	f.Implements = c.implements(sig)
	if sig.Recv() != nil {
		f.Recv = typeString(sig.Recv().Type())
	}
	return f
}

// importNames are the names a file's imports bind (explicit or the package's own name).
func (c *collector) importNames(file *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, spec := range file.Imports {
		if pn := c.info.PkgNameOf(spec); pn != nil && pn.Name() != "_" && pn.Name() != "." {
			names[pn.Name()] = true
		}
	}
	return names
}

// file collects the facts of one parsed file.
func (c *collector) file(path string, file *ast.File) FileFact {
	ff := FileFact{Path: path, Calls: []CallFact{}, Literals: []LiteralFact{}, Funcs: []FuncFact{}, Shadowed: []Span{}}
	imported := c.importNames(file)
	ast.Inspect(file, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			if f, ok := c.callFact(x); ok {
				ff.Calls = append(ff.Calls, f)
			}
		case *ast.CompositeLit:
			if f, ok := c.literalFact(x); ok {
				ff.Literals = append(ff.Literals, f)
			}
		case *ast.FuncDecl:
			if fn, ok := c.info.Defs[x.Name].(*types.Func); ok {
				ff.Funcs = append(ff.Funcs, c.funcFact(x, x.Name.Name, fn.Type().(*types.Signature)))
			}
		case *ast.FuncLit:
			if sig, ok := c.info.Types[x].Type.(*types.Signature); ok {
				ff.Funcs = append(ff.Funcs, c.funcFact(x, "", sig))
			}
		case *ast.Ident:
			if imported[x.Name] {
				if obj, used := c.info.Uses[x]; used {
					if _, isPkg := obj.(*types.PkgName); !isPkg {
						s, e := c.span(x)
						ff.Shadowed = append(ff.Shadowed, Span{s, e, x.Name})
					}
				}
			}
		}
		return true
	})
	sortBySpan(ff.Calls, func(f CallFact) (int, int) { return f.Start, f.End })
	sortBySpan(ff.Literals, func(f LiteralFact) (int, int) { return f.Start, f.End })
	sortBySpan(ff.Funcs, func(f FuncFact) (int, int) { return f.Start, f.End })
	sortBySpan(ff.Shadowed, func(f Span) (int, int) { return f.Start, f.End })
	return ff
}

func sortBySpan[T any](xs []T, key func(T) (int, int)) {
	sort.SliceStable(xs, func(i, j int) bool {
		si, ei := key(xs[i])
		sj, ej := key(xs[j])
		if si != sj {
			return si < sj
		}
		return ei < ej
	})
}
