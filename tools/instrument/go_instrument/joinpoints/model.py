"""Candidates (what join points select) and the facts about them: functions, calls, literals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from tree_sitter import Node

from ..gotypes import base_type_name, resolve_type
from ..package_view import GoFile, PackageView
from ..parse import captures, text

FUNCTION = "function"
CALL = "call"
LITERAL = "literal"
PACKAGE = "package"


@dataclass(frozen=True)
class Param:
    """A parameter, result or receiver."""

    name: str  # "" when unnamed
    type: str  # as written in the source
    qualified_type: str  # with import paths (see gotypes.resolve_type)
    variadic: bool = False


@dataclass(frozen=True)
class Directive:
    """A `//name args` comment line above a function."""

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
            return func_info(cand.file, cand.pkg, cur)
        cur = cur.parent
    return None


@dataclass
class CallInfo:
    """A call candidate: its node, resolved targets, callee and arguments."""

    node: Node
    targets: set[str]  # `path.Func` or `(path.Type).Method` (never starred)
    function: str  # callee as written
    args: list[str]
    arg_nodes: list[Node]  # the argument expressions (a spread `xs...` is variadic_argument)
    callee: Node | None = None  # the callee expression as written (for replace-function)


@dataclass
class LiteralInfo:
    """A struct literal candidate: its node, resolved type and keyed fields."""

    node: Node  # whole literal expression (`&T{...}` or `T{...}`)
    type: str  # resolved `path.Type`
    fields: dict[str, Node]  # keyed field -> value node


@dataclass
class Candidate:
    """Something a join point may select, with the facts advice needs."""

    kind: str
    file: GoFile
    pkg: PackageView
    node: Node  # region the advice may touch (used for syntax-error overlap checks)
    func: FuncInfo | None = None
    call: CallInfo | None = None
    literal: LiteralInfo | None = None
    target: Node | None = None  # expression for wrap-expression (call, literal or field value)
    field: str | None = None  # struct-literal candidates: the keyed field `target` is the value of


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


def func_info(f: GoFile, pkg: PackageView, node: Node) -> FuncInfo | None:
    """Facts about a function node, or None for a declaration without body."""
    body = node.child_by_field_name("body")
    if body is None:  # declarations without body (assembly-implemented)
        return None
    return FuncInfo(f, pkg, node, body)
