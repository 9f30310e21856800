"""Syntactic type facts: resolve type expressions to import-path notation, and infer the
declared type of a variable when it is visible in the source (no type-checker involved)."""

from __future__ import annotations

from tree_sitter import Node

from .package_view import GoFile, PackageView
from .parse import text

_FUNC_NODES = ("function_declaration", "method_declaration", "func_literal")


# Deeper type expressions (`[][][]...T`, only seen in hostile input) are compared as text.
_MAX_DEPTH = 100


def resolve_type(f: GoFile, pkg: PackageView, node: Node | None, depth: int = 0) -> str:
    """Render a type expression with package qualifiers replaced by import paths.

    `*http.Request` -> `*net/http.Request`; `Server` declared in the package -> `IMPORTPATH.Server`;
    builtins and type parameters stay as written. Whitespace is dropped so that patterns
    compare textually.
    """
    if node is None:
        return ""
    kind = node.type
    src = f.src
    if depth > _MAX_DEPTH:
        return "".join(text(src, node).split())
    d = depth + 1
    if kind == "qualified_type":
        pkg_node = node.child_by_field_name("package")
        name_node = node.child_by_field_name("name")
        if pkg_node is not None and name_node is not None:
            qual = text(src, pkg_node)
            path = f.resolve_qualifier(qual) or qual
            return f"{path}.{text(src, name_node)}"
    elif kind == "type_identifier":
        name = text(src, node)
        if name in pkg.types:
            return f"{pkg.importpath}.{name}"
        return name
    elif kind == "pointer_type":
        return "*" + resolve_type(
            f, pkg, node.named_children[0] if node.named_children else None, d
        )
    elif kind == "slice_type":
        return "[]" + resolve_type(f, pkg, node.child_by_field_name("element"), d)
    elif kind == "generic_type":
        base = resolve_type(f, pkg, node.child_by_field_name("type"), d)
        args = node.child_by_field_name("type_arguments")
        inner = ",".join(
            resolve_type(f, pkg, a.named_children[0] if a.named_children else a, d)
            for a in (args.named_children if args is not None else [])
        )
        return f"{base}[{inner}]"
    elif kind in ("parenthesized_type", "type_elem") and node.named_children:
        return resolve_type(f, pkg, node.named_children[0], d)
    return "".join(text(src, node).split())


def base_type_name(type_node: Node | None, src: bytes) -> tuple[str, bool]:
    """Receiver base type name and whether it is a pointer: `*S[T]` -> ("S", True)."""
    pointer = False
    node = type_node
    while node is not None and node.type in ("pointer_type", "parenthesized_type"):
        if node.type == "pointer_type":
            pointer = True
        node = node.named_children[0] if node.named_children else None
    if node is None:
        return "", pointer
    if node.type == "generic_type":
        node = node.child_by_field_name("type")
        if node is None:
            return "", pointer
    return text(src, node), pointer


def _strip_pointer(t: str) -> str:
    return t[1:] if t.startswith("*") else t


def _literal_type(f: GoFile, pkg: PackageView, expr: Node) -> str | None:
    """Type of `&T{}`, `T{}`, `new(T)` expressions; None when not evident."""
    if expr.type == "unary_expression" and text(f.src, expr).startswith("&"):
        operand = expr.child_by_field_name("operand")
        if operand is not None and operand.type == "composite_literal":
            return "*" + resolve_type(f, pkg, operand.child_by_field_name("type"))
    if expr.type == "composite_literal":
        return resolve_type(f, pkg, expr.child_by_field_name("type"))
    if expr.type == "call_expression":
        fn = expr.child_by_field_name("function")
        args = expr.child_by_field_name("arguments")
        if fn is not None and text(f.src, fn) == "new" and args is not None:
            named = args.named_children
            if len(named) == 1:
                return "*" + resolve_type(f, pkg, named[0])
    return None


def _params_type(f: GoFile, pkg: PackageView, plist: Node | None, name: str) -> str | None:
    if plist is None:
        return None
    for decl in plist.named_children:
        if decl.type not in ("parameter_declaration", "variadic_parameter_declaration"):
            continue
        for n in decl.children_by_field_name("name"):
            if text(f.src, n) == name:
                t = resolve_type(f, pkg, decl.child_by_field_name("type"))
                return "[]" + t if decl.type == "variadic_parameter_declaration" else t
    return None


def _decl_type_in(f: GoFile, pkg: PackageView, scope: Node, name: str, before: int) -> str | None:
    """Nearest declaration of `name` in `scope` that starts before byte `before`.

    Block scoping is approximated by "closest preceding declaration": good enough to see the
    receiver type of `c.Do(...)` in ordinary code, and it only ever narrows matching.
    """
    from .parse import captures

    found: tuple[int, str] | None = None
    caps = captures(
        """
        (var_spec) @var
        (short_var_declaration) @short
        """,
        scope,
    )
    for node in caps.get("var", []):
        if node.start_byte >= before:
            continue
        names = [text(f.src, n) for n in node.children_by_field_name("name")]
        if name not in names:
            continue
        tnode = node.child_by_field_name("type")
        t: str | None = None
        if tnode is not None:
            t = resolve_type(f, pkg, tnode)
        else:
            value = node.child_by_field_name("value")
            if value is not None and len(value.named_children) == len(names):
                t = _literal_type(f, pkg, value.named_children[names.index(name)])
        if t is not None and (found is None or node.start_byte > found[0]):
            found = (node.start_byte, t)
    for node in caps.get("short", []):
        if node.start_byte >= before:
            continue
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            continue
        names = [text(f.src, n) for n in left.named_children]
        if name not in names or len(right.named_children) != len(names):
            continue
        t = _literal_type(f, pkg, right.named_children[names.index(name)])
        if t is not None and (found is None or node.start_byte > found[0]):
            found = (node.start_byte, t)
    return found[1] if found else None


def variable_type(f: GoFile, pkg: PackageView, ident: Node) -> str | None:
    """Declared type of the variable `ident` refers to, when visible; else None."""
    name = text(f.src, ident)
    node: Node | None = ident.parent
    while node is not None:
        if node.type in _FUNC_NODES:
            t = _params_type(f, pkg, node.child_by_field_name("parameters"), name)
            if t is None and node.type == "method_declaration":
                t = _params_type(f, pkg, node.child_by_field_name("receiver"), name)
            if t is None:
                t = _params_type(f, pkg, node.child_by_field_name("result"), name)
            if t is not None:
                return t
            body = node.child_by_field_name("body")
            if body is not None:
                t = _decl_type_in(f, pkg, body, name, ident.start_byte)
                if t is not None:
                    return t
        node = node.parent
    # Package-level `var x T` / `var x = &T{}` in this file.
    for child in f.root.children:
        if child.type == "var_declaration":
            t = _decl_type_in(f, pkg, child, name, 1 << 62)
            if t is not None:
                return t
    return None


def method_targets(var_type: str) -> set[str]:
    """Normalized receiver forms for a variable type: both `*T` and `T` match `(T)`."""
    return {_strip_pointer(var_type)}


_SCOPE_DECLS = """
(short_var_declaration left: (expression_list (identifier) @n))
(var_spec name: (identifier) @n)
(const_spec name: (identifier) @n)
(range_clause left: (expression_list (identifier) @n))
(parameter_declaration name: (identifier) @n)
(variadic_parameter_declaration name: (identifier) @n)
"""


def _local_names(f: GoFile, func: Node) -> dict[str, int]:
    """Name -> first byte offset where `func` (its signature, body and closures) declares
    it; cached per file."""
    from .parse import captures

    cache: dict[tuple[int, int], dict[str, int]] = f.__dict__.setdefault("_local_names", {})
    key = (func.start_byte, func.end_byte)
    hit = cache.get(key)
    if hit is None:
        hit = {}
        for n in captures(_SCOPE_DECLS, func).get("n", []):
            name = text(f.src, n)
            if name not in hit or n.start_byte < hit[name]:
                hit[name] = n.start_byte
        cache[key] = hit
    return hit


def declared_locally(f: GoFile, ident: Node) -> bool:
    """Whether an enclosing function declares `ident`'s name before it (a parameter,
    receiver, result, `x := ...`, `var x`, `for x := range`): then `x.F()` is not a call
    of an imported package `x`. Block scoping is approximated as in `variable_type` (a
    name declared earlier in a sibling block counts too: this only ever narrows)."""
    name = text(f.src, ident)
    node: Node | None = ident.parent
    outer: Node | None = None
    while node is not None:
        if node.type in _FUNC_NODES:
            outer = node
        node = node.parent
    if outer is None:
        return False
    first = _local_names(f, outer).get(name)
    return first is not None and first < ident.start_byte
