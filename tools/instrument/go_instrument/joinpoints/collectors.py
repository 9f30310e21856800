"""Candidate collectors: the functions, calls and struct literals of a file."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from ..gotypes import declared_locally, method_targets, resolve_type, variable_type
from ..package_view import GoFile, PackageView
from ..parse import captures, text
from .model import CALL, FUNCTION, LITERAL, CallInfo, Candidate, LiteralInfo, func_info


def functions(f: GoFile, pkg: PackageView, literals: bool) -> Iterator[Candidate]:
    """Function declarations of `f` (and its function literals if `literals`), in order."""
    nodes: list[Node] = [
        c for c in f.root.children if c.type in ("function_declaration", "method_declaration")
    ]
    if literals:
        nodes.extend(captures("(func_literal) @f", f.root).get("f", []))
        nodes.sort(key=lambda n: n.start_byte)
    for node in nodes:
        info = func_info(f, pkg, node)
        if info is not None:
            yield Candidate(FUNCTION, f, pkg, node, func=info)


_CALLS = """
(call_expression function: (_) @fn arguments: (argument_list) @args) @call
(type_conversion_expression type: (generic_type) @fn) @call
"""


def callee_targets(f: GoFile, pkg: PackageView, fn: Node) -> set[str]:
    """Resolved names (`path.Func`, `(path.Type).Method`) of a callee expression: from
    the file's type facts when it has them, else from syntax."""
    if f.facts is not None:
        call = fn.parent
        fact = f.facts.calls.get((call.start_byte, call.end_byte)) if call is not None else None
        return {fact.target} if fact is not None else set()
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
                if declared_locally(f, operand):
                    return set()  # `sql := opener{}; sql.Open()` is not database/sql.Open
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
    """Struct literals with a named type; one candidate per keyed field in `fields` too."""
    src = f.src
    for node in captures("(composite_literal) @lit", f.root).get("lit", []):
        tnode = node.child_by_field_name("type")
        if tnode is None or tnode.type not in ("qualified_type", "type_identifier", "generic_type"):
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
        lit = LiteralInfo(whole, _literal_type(f, pkg, node, tnode), fmap)
        if fields:
            for name in sorted(fields):
                if name in fmap:
                    yield Candidate(
                        LITERAL, f, pkg, whole, literal=lit, target=fmap[name], field=name
                    )
        yield Candidate(LITERAL, f, pkg, whole, literal=lit, target=whole)


def _literal_type(f: GoFile, pkg: PackageView, node: Node, tnode: Node) -> str:
    """`path.Type` of a literal, its generic declaration for `Box[int]{...}` ("" when the
    type facts know no named type there)."""
    if f.facts is not None:
        fact = f.facts.literals.get((node.start_byte, node.end_byte))
        return fact.type if fact is not None else ""
    if tnode.type == "generic_type":
        base = tnode.child_by_field_name("type")
        return resolve_type(f, pkg, base) if base is not None else ""
    return resolve_type(f, pkg, tnode)
