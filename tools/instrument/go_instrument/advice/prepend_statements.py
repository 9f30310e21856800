"""`prepend-statements: {template}`: statements at the start of a function body."""

from __future__ import annotations

from typing import Any

from ..edits import POINT
from ..joinpoints import FUNCTION
from ..model import Advice
from .base import (
    RENDERED_NOTHING,
    AdviceKind,
    Builder,
    Planned,
    Site,
    template_advice,
    template_schema,
)


def body_insertion(site: Site, code: str) -> Planned:
    """`code` right after the body's `{` on the same line, so that its first line is
    attributed to the function's line; a restore directive follows it."""
    fn = site.cand.func
    assert fn is not None
    return Planned([site.insertion(fn.body.start_byte + 1, f" {code}\n", POINT, stmt=True)])


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
        code = site.render_statements()
        if code is None:
            return Planned(note=RENDERED_NOTHING)
        return body_insertion(site, code)
