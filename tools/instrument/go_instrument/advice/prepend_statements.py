"""`prepend-statements: {template}`: statements at the start of a function body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..edits import POINT
from ..joinpoints import FUNCTION
from ..model import Advice
from .base import AdviceKind, Builder, Planned, Site, template_advice, template_schema


def body_insertion(site: Site, code: Callable[[str], str] = str) -> Planned:
    """The template rendered (made into statements by `code`) right after the body's `{`
    on the same line, so that its first line is attributed to the function's line; a
    restore directive follows it. Nothing when the template rendered nothing."""
    rendered = site.render_statements()
    if rendered is None:
        return Planned(note="skipped: template rendered nothing")
    fn = site.cand.func
    assert fn is not None
    text = f" {code(rendered)}\n"
    return Planned([site.insertion(fn.body.start_byte + 1, text, POINT, stmt=True)])


class PrependStatements(AdviceKind):
    """The advice kind `prepend-statements` (see the module docstring)."""

    name = "prepend-statements"
    applies_to = frozenset({FUNCTION})
    schema = template_schema(
        "Statements inserted at the start of the function body (function join points)."
    )

    def build(self, value: Any, b: Builder) -> Advice:
        return template_advice(self.name, value, b)

    def plan(self, site: Site) -> Planned:
        return body_insertion(site)
