"""`replace-expression: {template}`: the matched expression replaced by the template.

With `{{ expr }}` once it is a wrap (the original kept byte for byte); without it the
original expression's bytes are removed (recorded as removed in the source map, the only
original tokens the soundness check lets go)."""

from __future__ import annotations

import re
from typing import Any

from ..joinpoints import CALL, LITERAL
from ..model import Advice
from ..parse import captures, text
from ..templates import EXPR_SENTINEL
from .base import AdviceKind, Builder, Planned, Site, template_advice

_QUALIFIERS = """
(selector_expression operand: (identifier) @q)
(qualified_type package: (package_identifier) @q)
"""


def _import_uses(site: Site) -> dict[str, list[int]]:
    """Start offsets of every use of each import name of the file."""
    f = site.cand.file
    out: dict[str, list[int]] = {}
    for node in captures(_QUALIFIERS, f.root).get("q", []):
        name = text(f.src, node)
        if name in f.names_by_import:
            out.setdefault(name, []).append(node.start_byte)
    return out


class ReplaceExpression(AdviceKind):
    """The advice kind `replace-expression` (see the module docstring)."""

    name = "replace-expression"
    applies_to = frozenset({CALL, LITERAL})
    schema = {
        "description": "Replace the matched expression (a call, a struct literal, or with "
        "struct-literal `field` that field's value) by the template. `{{ expr }}` (the "
        "original, byte for byte) may appear at most once; without it the original is removed.",
        "type": "object",
        "additionalProperties": False,
        "required": ["template"],
        "properties": {"template": {"$ref": "#/$defs/template"}},
    }

    def build(self, value: Any, b: Builder) -> Advice:
        return template_advice(self.name, value, b)

    def plan(self, site: Site) -> Planned:
        target = site.cand.target
        assert target is not None
        rendered = site.render(expr=EXPR_SENTINEL)
        n = rendered.count(EXPR_SENTINEL)
        if n > 1:
            raise site.error(f"replace-expression template rendered {{{{ expr }}}} {n} times")
        if n == 1:
            ins = site.wrap(target, rendered)
            assert ins is not None
            return Planned(ins, "" if ins else "no-op: template rendered {{ expr }} alone")
        if not rendered.strip():
            raise site.error("replace-expression template rendered nothing")
        site.check_call_position(target, rendered)
        s, e = target.start_byte, target.end_byte
        for name, uses in _import_uses(site).items():
            still = re.search(rf"(?<![A-Za-z0-9_.]){re.escape(name)}\s*\.", rendered)
            if uses and all(s <= u < e for u in uses) and not still:
                raise site.error(
                    f"replace-expression removes the file's only use of import {name!r}, "
                    f"which would then not compile; keep {{{{ expr }}}} or use it elsewhere"
                )
        return Planned([site.replace(s, e, rendered)])
