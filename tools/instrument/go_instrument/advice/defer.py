"""`defer: {template}`: a deferred call (or block) at the start of a function body."""

from __future__ import annotations

from typing import Any

from ..joinpoints import FUNCTION
from ..model import Advice
from ..parse import captures, parse, text
from .base import AdviceKind, Builder, Planned, Site, template_advice, template_schema
from .prepend_statements import body_insertion

_single_call: dict[str, bool] = {}


def is_single_call(code: str) -> bool:
    """Whether `defer CODE` is valid Go with CODE one call expression (cached)."""
    hit = _single_call.get(code)
    if hit is None:
        src = f"package p\nfunc _() {{\ndefer {code}\n}}\n".encode()
        tree = parse(src)
        hit = False
        if not tree.root_node.has_error:
            stmts = captures("(defer_statement (call_expression) @c)", tree.root_node).get("c", [])
            hit = len(stmts) == 1 and text(src, stmts[0]).strip() == code.strip()
        if len(_single_call) > 4096:
            _single_call.clear()
        _single_call[code] = hit
    return hit


class Defer(AdviceKind):
    """The advice kind `defer` (see the module docstring)."""

    name = "defer"
    applies_to = frozenset({FUNCTION})
    schema = template_schema(
        "A deferred call at the start of the body: `defer CALL` if the template is one call "
        "expression, else `defer func() { ... }()`."
    )

    def build(self, value: Any, b: Builder) -> Advice:
        return template_advice(self.name, value, b)

    def plan(self, site: Site) -> Planned:
        return body_insertion(site, deferred)


def deferred(code: str) -> str:
    """`defer CALL` for one call expression, else the code in a deferred closure."""
    stripped = code.strip()
    if is_single_call(stripped):
        return f"defer {stripped}"
    return f"defer func() {{\n{code}\n}}()"
