"""`wrap-expression: {template}`: the matched expression, kept byte for byte, inside the
template's text around `{{ expr }}`."""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from ..joinpoints import CALL, LITERAL
from ..model import Advice
from ..templates import EXPR_SENTINEL, references_variable
from .base import AdviceKind, Builder, Planned, Site, template_advice, template_schema


def expr_template_advice(kind: str, value: dict[str, Any], b: Builder, **extra: Any) -> Advice:
    """The Advice of a wrapping kind; its template must use `{{ expr }}` (a load-time error
    otherwise)."""
    advice = template_advice(kind, value, b, **extra)
    if not references_variable(advice.template_source, "expr"):
        raise b.error(("template",), f"{kind} template must use {{{{ expr }}}}")
    return advice


def wrap_plan(site: Site, node: Node) -> Planned:
    """`node` wrapped by the site's template around `{{ expr }}`; an error naming the site
    when the template rendered `{{ expr }}` other than exactly once."""
    rendered = site.render(expr=EXPR_SENTINEL)
    ins = site.wrap(node, rendered)
    if ins is None:
        raise site.error(
            f"{site.advice.kind} template must render {{{{ expr }}}} exactly once "
            f"(rendered it {rendered.count(EXPR_SENTINEL)} times)"
        )
    return Planned(ins, "" if ins else "no-op: template rendered {{ expr }} alone")


class WrapExpression(AdviceKind):
    """The advice kind `wrap-expression` (see the module docstring)."""

    name = "wrap-expression"
    applies_to = frozenset({CALL, LITERAL})
    schema = template_schema(
        "Replace the matched expression (call or struct literal) by the template, which must "
        "use `{{ expr }}` exactly once; the original expression is kept byte for byte. A "
        "template that renders to exactly `{{ expr }}` leaves the match alone."
    )

    def build(self, value: Any, b: Builder) -> Advice:
        return expr_template_advice(self.name, value, b)

    def plan(self, site: Site) -> Planned:
        assert site.cand.target is not None
        return wrap_plan(site, site.cand.target)
