"""Join points: typed predicates over candidate nodes, and the candidate collectors.

A candidate is a function (declaration or literal), a call, a struct literal, or the package
itself. Each join point has a static `kind` (which candidates it selects) so that rules are
checked at load time (e.g. `wrap-expression` on a function body is refused).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from tree_sitter import Node

from .gotypes import base_type_name, method_targets, resolve_type, variable_type
from .package_view import GoFile, PackageView
from .parse import captures, text

FUNCTION = "function"
CALL = "call"
LITERAL = "literal"
PACKAGE = "package"


@dataclass(frozen=True)
class Param:
    name: str  # "" when unnamed
    type: str  # as written in the source
    qualified_type: str  # with import paths (see gotypes.resolve_type)
    variadic: bool = False


@dataclass(frozen=True)
class Directive:
    name: str
    args: tuple[str, ...]
    text: str  # everything after the name, stripped
    line: int


class FuncInfo:
    """Facts about one function; the costly ones (types, directives) are computed on first
    use, so that rules that reject a function by name or directive stay cheap."""

    def __init__(self, f: GoFile, pkg: PackageView, node: Node, body: Node) -> None:
        self.file = f
        self.pkg = pkg
        self.node = node
        self.body = body
        self.is_literal = node.type == "func_literal"
        name_node = node.child_by_field_name("name")
        self.name = text(f.src, name_node) if name_node is not None else ""

    @cached_property
    def _receiver(self) -> tuple[Param | None, str, bool]:
        if self.node.type != "method_declaration":
            return None, "", False
        rl = self.node.child_by_field_name("receiver")
        recv = _param_list(self.file, self.pkg, rl)
        rdecl = rl.named_children[0] if rl is not None and rl.named_children else None
        base, pointer = "", False
        if rdecl is not None:
            base, pointer = base_type_name(rdecl.child_by_field_name("type"), self.file.src)
        return (recv[0] if recv else None), base, pointer

    @property
    def receiver(self) -> Param | None:
        return self._receiver[0]

    @property
    def receiver_base(self) -> str:
        return self._receiver[1]

    @property
    def receiver_pointer(self) -> bool:
        return self._receiver[2]

    @cached_property
    def params(self) -> list[Param]:
        return _param_list(self.file, self.pkg, self.node.child_by_field_name("parameters"))

    @cached_property
    def results(self) -> list[Param]:
        return _param_list(self.file, self.pkg, self.node.child_by_field_name("result"))

    @cached_property
    def type_params(self) -> str:
        tparams = self.node.child_by_field_name("type_parameters")
        return text(self.file.src, tparams) if tparams is not None else ""

    @cached_property
    def directives(self) -> list[Directive]:
        """`//name args` lines directly above the declaration; for a function literal,
        above the statement it is the first function literal of (`h := func() {...}`)."""
        if not self.is_literal:
            return _directives(self.file, self.node)
        stmt = _statement_of(self.node)
        if stmt is None or b"//" not in self.file.src[: stmt.start_byte]:
            return []
        first = captures("(func_literal) @f", stmt).get("f", [])
        if not first or first[0].start_byte != self.node.start_byte:
            return []
        return _directives(self.file, stmt)


_STATEMENT_PARENTS = frozenset({"statement_list", "block", "source_file"})


def _statement_of(node: Node) -> Node | None:
    """The statement (or top-level declaration) that contains `node`."""
    cur = node
    while cur.parent is not None and cur.parent.type not in _STATEMENT_PARENTS:
        cur = cur.parent
    return cur if cur.parent is not None else None


def enclosing_function(cand: Candidate) -> FuncInfo | None:
    """The innermost function (declaration or literal) around a call or literal candidate."""
    cur = cand.node.parent
    while cur is not None:
        if cur.type in ("function_declaration", "method_declaration", "func_literal"):
            return _func_info(cand.file, cand.pkg, cur)
        cur = cur.parent
    return None


@dataclass
class CallInfo:
    node: Node
    targets: set[str]  # `path.Func` or `(path.Type).Method` (never starred)
    function: str  # callee as written
    args: list[str]
    arg_nodes: list[Node]  # the argument expressions (a spread `xs...` is variadic_argument)
    callee: Node | None = None  # the callee expression as written (for replace-function)


@dataclass
class LiteralInfo:
    node: Node  # whole literal expression (`&T{...}` or `T{...}`)
    type: str  # resolved `path.Type`
    fields: dict[str, Node]  # keyed field -> value node


@dataclass
class Candidate:
    kind: str
    file: GoFile
    pkg: PackageView
    node: Node  # region the advice may touch (used for syntax-error overlap checks)
    func: FuncInfo | None = None
    call: CallInfo | None = None
    literal: LiteralInfo | None = None
    target: Node | None = None  # expression for wrap-expression (call, literal or field value)
    field: str | None = None  # struct-literal candidates: the keyed field `target` is the value of


# ---------------------------------------------------------------- join point model


@dataclass(frozen=True)
class JoinPoint:
    kind: str | None  # None: a pure filter (`not`)

    def matches(self, cand: Candidate) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def directive_names(self) -> list[str]:
        return []

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        """Cheap test: can this join point match anything in file `f`? (speed only)."""
        return True

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        """Cheaper test on unparsed bytes; False only if no match is possible. Lets the
        engine skip parsing packages no rule can touch (the common case)."""
        return True


def _glob(pattern: str | None, value: str) -> bool:
    return pattern is None or fnmatch.fnmatchcase(value, pattern)


@dataclass(frozen=True)
class FunctionBody(JoinPoint):
    package: str | None = None
    name: str | None = None
    receiver: str | None = None
    param_type: str | None = None
    result_type: str | None = None
    directive: str | None = None
    literals: bool = False

    def matches(self, cand: Candidate) -> bool:
        fn = cand.func
        if fn is None:
            return False
        if fn.is_literal and not self.literals and self.directive is None:
            # A closure with the directive above it matches a directive rule anyway.
            return False
        if not _glob(self.package, cand.pkg.importpath) or not _glob(self.name, fn.name):
            return False
        if self.receiver is not None:
            if fn.receiver is None:
                return False
            pat = self.receiver
            if pat.startswith("*"):
                if not fn.receiver_pointer:
                    return False
                pat = pat[1:]
            if not fnmatch.fnmatchcase(fn.receiver_base, pat):
                return False
        if self.param_type is not None:
            want = "".join(self.param_type.split())
            if not any(p.qualified_type == want for p in fn.params):
                return False
        if self.result_type is not None:
            want = "".join(self.result_type.split())
            if not any(p.qualified_type == want for p in fn.results):
                return False
        return not (
            self.directive is not None and not any(d.name == self.directive for d in fn.directives)
        )

    def directive_names(self) -> list[str]:
        return [self.directive] if self.directive else []

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        return self.prefilter_bytes(f.src, pkg.importpath)

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        if self.package is not None and not fnmatch.fnmatchcase(importpath, self.package):
            return False
        if self.directive is not None and f"//{self.directive}".encode() not in src:
            return False
        return not (
            self.name is not None
            and not any(c in self.name for c in "*?[")
            and self.name.encode() not in src
        )


@dataclass(frozen=True)
class Main(JoinPoint):
    def matches(self, cand: Candidate) -> bool:
        fn = cand.func
        return (
            fn is not None
            and not fn.is_literal
            and fn.receiver is None
            and fn.name == "main"
            and cand.file.package_name == "main"
        )

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        return f.package_name == "main"

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return _PACKAGE_MAIN.search(src) is not None


# `package main`, allowing comments between the keyword and the name.
_PACKAGE_MAIN = re.compile(rb"\bpackage(?:\s|/\*.*?\*/)+main\b", re.S)


def split_qualified(s: str) -> tuple[str, str]:
    """`gopkg.in/yaml.v3.Marshal` -> (`gopkg.in/yaml.v3`, `Marshal`): last dot after last /."""
    slash = s.rfind("/")
    dot = s.rfind(".")
    if dot <= slash:
        return "", s
    return s[:dot], s[dot + 1 :]


@dataclass(frozen=True)
class FunctionCall(JoinPoint):
    pattern: str = ""
    pkg_path: str = ""  # import path of the function or of the method's receiver type
    target: str = ""  # normalized `path.Func` or `(path.Type).Method`
    name: str = ""

    @staticmethod
    def parse(pattern: str) -> FunctionCall:
        if pattern.startswith("("):
            close = pattern.index(")")
            recv = pattern[1:close].lstrip("*")
            method = pattern[close + 2 :]
            path, _ = split_qualified(recv)
            return FunctionCall(CALL, pattern, path, f"({recv}).{method}", method)
        path, name = split_qualified(pattern)
        return FunctionCall(CALL, pattern, path, pattern, name)

    @property
    def is_glob(self) -> bool:
        # `(*T).M` names a pointer receiver; that star is not a wildcard.
        pat = "(" + self.pattern[2:] if self.pattern.startswith("(*") else self.pattern
        return any(ch in pat for ch in "*?[")

    def matches(self, cand: Candidate) -> bool:
        if cand.call is None:
            return False
        if self.pattern == "*":  # every call, resolvable or not
            return True
        if self.is_glob:
            return any(fnmatch.fnmatchcase(t, self.target) for t in cand.call.targets)
        return self.target in cand.call.targets

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        if self.is_glob:
            return True
        if self.pkg_path == pkg.importpath:
            return True
        return self.pkg_path in f.names_by_import.values() or self.pkg_path in f.dot_imports

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return self.is_glob or _may_import(src, importpath, self.pkg_path)


def _may_import(src: bytes, importpath: str, path: str) -> bool:
    """Whether `src` may refer to package `path` (it is the package itself or imports it;
    import paths are string literals, interpreted or raw)."""
    if path == importpath:
        return True
    p = path.encode()
    return b'"' + p + b'"' in src or b"`" + p + b"`" in src


@dataclass(frozen=True)
class StructLiteral(JoinPoint):
    type: str = ""
    field: str | None = None
    without_field: str | None = None  # only literals that do not key this field

    def matches(self, cand: Candidate) -> bool:
        lit = cand.literal
        if lit is None or lit.type != self.type or cand.field != self.field:
            return False
        return self.without_field is None or self.without_field not in lit.fields

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        path, _ = split_qualified(self.type)
        if path == pkg.importpath:
            return True
        return path in f.names_by_import.values() or path in f.dot_imports

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return _may_import(src, importpath, split_qualified(self.type)[0])


@dataclass(frozen=True)
class Package(JoinPoint):
    glob: str = "*"

    def matches(self, cand: Candidate) -> bool:
        return fnmatch.fnmatchcase(cand.pkg.importpath, self.glob)

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        return fnmatch.fnmatchcase(pkg.importpath, self.glob)

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return fnmatch.fnmatchcase(importpath, self.glob)


@dataclass(frozen=True)
class AllOf(JoinPoint):
    items: tuple[JoinPoint, ...] = ()

    def matches(self, cand: Candidate) -> bool:
        return all(j.matches(cand) for j in self.items)

    def directive_names(self) -> list[str]:
        return [d for j in self.items for d in j.directive_names()]

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        return all(j.prefilter(f, pkg) for j in self.items)

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return all(j.prefilter_bytes(src, importpath) for j in self.items)


@dataclass(frozen=True)
class OneOf(JoinPoint):
    items: tuple[JoinPoint, ...] = ()

    def matches(self, cand: Candidate) -> bool:
        return any(j.matches(cand) for j in self.items)

    def directive_names(self) -> list[str]:
        return [d for j in self.items for d in j.directive_names()]

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        return any(j.prefilter(f, pkg) for j in self.items)

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return any(j.prefilter_bytes(src, importpath) for j in self.items)


@dataclass(frozen=True)
class Not(JoinPoint):
    item: JoinPoint | None = None

    def matches(self, cand: Candidate) -> bool:
        return self.item is not None and not self.item.matches(cand)


class JoinPointError(Exception):
    """Raised with a key path suffix (relative to the join point) and a message."""

    def __init__(self, path: list[str | int], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


# A method pattern must close its receiver and name a method; globs are fine anywhere.
_CALL_PATTERN = re.compile(r"^(?:[^()\s]+|\(\*?[^()\s]+\)\.[^()\s.]+)$")


def build(data: dict, path: list[str | int] | None = None) -> JoinPoint:
    """Build a join point from schema-valid data; raise JoinPointError on semantic errors."""
    path = path or []
    ((key, value),) = data.items()
    here = [*path, key]
    if key == "function-body":
        return FunctionBody(
            FUNCTION,
            package=value.get("package"),
            name=value.get("name"),
            receiver=value.get("receiver"),
            param_type=value.get("has-param-of-type"),
            result_type=value.get("has-result-of-type"),
            directive=value.get("directive"),
            literals=bool(value.get("function-literals", False)),
        )
    if key == "main":
        return Main(FUNCTION)
    if key == "function-call":
        if not _CALL_PATTERN.match(value):
            raise JoinPointError(
                here,
                f"bad function-call pattern {value!r}: expected `import/path.Func`, "
                f"`(import/path.Type).Method`, `(*import/path.Type).Method`, or a glob of those",
            )
        return FunctionCall.parse(value)
    if key == "struct-literal":
        if "field" in value and "without-field" in value:
            raise JoinPointError(here, "give either field or without-field, not both")
        return StructLiteral(
            LITERAL,
            type=value["type"],
            field=value.get("field"),
            without_field=value.get("without-field"),
        )
    if key == "package":
        return Package(PACKAGE, glob=value)
    if key in ("all-of", "one-of"):
        items = tuple(build(v, [*here, i]) for i, v in enumerate(value))
        kinds = {j.kind for j in items}
        node_kinds = kinds - {PACKAGE, None}
        if len(node_kinds) > 1:
            raise JoinPointError(
                here, f"cannot combine join points of different kinds: {sorted(node_kinds)}"
            )
        if key == "one-of" and (None in kinds or (node_kinds and PACKAGE in kinds)):
            raise JoinPointError(here, "one-of items must all select the same kind of node")
        if node_kinds:
            kind: str | None = node_kinds.pop()
        elif PACKAGE in kinds:
            kind = PACKAGE
        else:
            raise JoinPointError(here, "needs at least one positive join point (not only `not`)")
        return (AllOf if key == "all-of" else OneOf)(kind, items)
    if key == "not":
        return Not(None, build(value, here))
    raise JoinPointError(here, f"unknown join point kind {key!r}")  # schema prevents this


# ---------------------------------------------------------------- candidates


def _param_list(f: GoFile, pkg: PackageView, plist: Node | None) -> list[Param]:
    out: list[Param] = []
    if plist is None:
        return out
    if plist.type != "parameter_list":  # single unparenthesized result type
        t = text(f.src, plist)
        return [Param("", t, resolve_type(f, pkg, plist))]
    for decl in plist.named_children:
        if decl.type not in ("parameter_declaration", "variadic_parameter_declaration"):
            continue
        variadic = decl.type == "variadic_parameter_declaration"
        tnode = decl.child_by_field_name("type")
        t = text(f.src, tnode) if tnode is not None else ""
        qt = resolve_type(f, pkg, tnode)
        if variadic:
            t, qt = "..." + t, "..." + qt
        names = decl.children_by_field_name("name")
        if not names:
            out.append(Param("", t, qt, variadic))
        for n in names:
            out.append(Param(text(f.src, n), t, qt, variadic))
    return out


_DIRECTIVE = re.compile(rb"^//([A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)*)(?:[ \t]+(.*))?$")


def _directives(f: GoFile, decl: Node) -> list[Directive]:
    """`//name args` comment lines in the comment group directly above `decl`."""
    out: list[Directive] = []
    prev = decl.prev_sibling
    if prev is None and decl.parent is not None and decl.parent.type == "statement_list":
        # Comments before a block's first statement are children of the block.
        prev = decl.parent.prev_sibling
    row = decl.start_point.row
    while prev is not None and prev.type == "comment" and prev.end_point.row == row - 1:
        raw = f.src[prev.start_byte : prev.end_byte].rstrip()
        m = _DIRECTIVE.match(raw)
        if m:
            rest = (m.group(2) or b"").decode("utf-8", "replace").strip()
            out.append(
                Directive(m.group(1).decode(), tuple(rest.split()), rest, prev.start_point.row + 1)
            )
        row = prev.start_point.row
        prev = prev.prev_sibling
    out.reverse()
    return out


def _func_info(f: GoFile, pkg: PackageView, node: Node) -> FuncInfo | None:
    body = node.child_by_field_name("body")
    if body is None:  # declarations without body (assembly-implemented)
        return None
    return FuncInfo(f, pkg, node, body)


def functions(f: GoFile, pkg: PackageView, literals: bool) -> Iterator[Candidate]:
    nodes: list[Node] = [
        c for c in f.root.children if c.type in ("function_declaration", "method_declaration")
    ]
    if literals:
        nodes.extend(captures("(func_literal) @f", f.root).get("f", []))
        nodes.sort(key=lambda n: n.start_byte)
    for node in nodes:
        info = _func_info(f, pkg, node)
        if info is not None:
            yield Candidate(FUNCTION, f, pkg, node, func=info)


_CALLS = """
(call_expression function: (_) @fn arguments: (argument_list) @args) @call
(type_conversion_expression type: (generic_type) @fn) @call
"""


def callee_targets(f: GoFile, pkg: PackageView, fn: Node) -> set[str]:
    """Resolved names (`path.Func`, `(path.Type).Method`) of a callee expression."""
    src = f.src
    if fn.type == "generic_type":  # `pkg.F[int](x)` parses as a conversion
        inner = fn.child_by_field_name("type")
        if inner is None:
            return set()
        if inner.type == "qualified_type":
            q = inner.child_by_field_name("package")
            n = inner.child_by_field_name("name")
            if q is None or n is None:
                return set()
            path = f.resolve_qualifier(text(src, q))
            return {f"{path}.{text(src, n)}"} if path else set()
        fn = inner
    if fn.type == "index_expression":  # `F[int](x)`, `pkg.F[int](x)`
        operand = fn.child_by_field_name("operand")
        if operand is None:
            return set()
        fn = operand
    if fn.type == "selector_expression":
        operand = fn.child_by_field_name("operand")
        field_node = fn.child_by_field_name("field")
        if operand is None or field_node is None:
            return set()
        name = text(src, field_node)
        if operand.type == "identifier":
            qual = text(src, operand)
            path = f.resolve_qualifier(qual)
            if path is not None and qual not in pkg.top_level:
                return {f"{path}.{name}"}
            vt = variable_type(f, pkg, operand)
            if vt is not None:
                return {f"({t}).{name}" for t in method_targets(vt)}
        return set()
    if fn.type in ("identifier", "type_identifier"):
        name = text(src, fn)
        if name in pkg.funcs:
            return {f"{pkg.importpath}.{name}"}
        if f.dot_imports and name not in pkg.top_level:
            return {f"{p}.{name}" for p in f.dot_imports}
    return set()


def calls(f: GoFile, pkg: PackageView, unresolved: bool = False) -> Iterator[Candidate]:
    """Calls whose callee resolves to a name (all calls if `unresolved`)."""
    src = f.src
    caps = captures(_CALLS, f.root)
    for node in caps.get("call", []):
        fn = node.child_by_field_name("function") or node.child_by_field_name("type")
        if fn is None:
            continue
        targets = callee_targets(f, pkg, fn)
        if not targets and not unresolved:
            continue
        args_node = node.child_by_field_name("arguments")
        arg_nodes: list[Node] = []
        if args_node is not None:
            arg_nodes = [a for a in args_node.named_children if a.type != "comment"]
        elif node.type == "type_conversion_expression":
            operand = node.child_by_field_name("operand")
            arg_nodes = [operand] if operand is not None else []
        args = [text(src, a) for a in arg_nodes]
        call = CallInfo(node, targets, text(src, fn), args, arg_nodes, fn)
        yield Candidate(CALL, f, pkg, node, call=call, target=node)


def literals(f: GoFile, pkg: PackageView, fields: set[str] | None) -> Iterator[Candidate]:
    src = f.src
    for node in captures("(composite_literal) @lit", f.root).get("lit", []):
        tnode = node.child_by_field_name("type")
        if tnode is None or tnode.type not in ("qualified_type", "type_identifier"):
            continue
        whole = node
        parent = node.parent
        if (
            parent is not None
            and parent.type == "unary_expression"
            and src[parent.start_byte : parent.start_byte + 1] == b"&"
        ):
            whole = parent
        body = node.child_by_field_name("body")
        fmap: dict[str, Node] = {}
        if body is not None:
            for el in body.named_children:
                if el.type != "keyed_element" or len(el.named_children) < 2:
                    continue
                key, value = el.named_children[0], el.named_children[-1]
                if value.type == "literal_element" and value.named_children:
                    value = value.named_children[0]
                fmap[text(src, key)] = value
        lit = LiteralInfo(whole, resolve_type(f, pkg, tnode), fmap)
        if fields:
            for name in sorted(fields):
                if name in fmap:
                    yield Candidate(
                        LITERAL, f, pkg, whole, literal=lit, target=fmap[name], field=name
                    )
        yield Candidate(LITERAL, f, pkg, whole, literal=lit, target=whole)


__all__ = [
    "AllOf",
    "Candidate",
    "FunctionBody",
    "FunctionCall",
    "JoinPoint",
    "Main",
    "Not",
    "OneOf",
    "Package",
    "StructLiteral",
    "build",
    "callee_targets",
    "calls",
    "enclosing_function",
    "functions",
    "literals",
]
