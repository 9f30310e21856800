"""`wrap-expression: {template}`: the matched expression, kept byte for byte, inside the
template's text around `{{ expr }}`."""

from __future__ import annotations

from typing import Any

from ..joinpoints import CALL, LITERAL
from ..model import Advice
from ..templates import EXPR_SENTINEL
from .base import AdviceKind, Builder, Planned, Site, template_schema


def needs_expr(b: Builder, advice: Advice, kind: str) -> None:
    """Load-time check that a template uses `{{ expr }}`."""
    from ..templates import references_variable

    if not references_variable(advice.template_source, "expr"):
        raise b.error(("template",), f"{kind} template must use {{{{ expr }}}}")


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
        advice = Advice(
            self.name,
            b.at(("template",)),
            value["template"],
            b.template(("template",), value["template"]),
        )
        needs_expr(b, advice, self.name)
        return advice

    def plan(self, site: Site) -> Planned:
        assert site.cand.target is not None
        rendered = site.render(expr=EXPR_SENTINEL)
        ins = site.wrap(site.cand.target, rendered)
        if ins is None:
            n = rendered.count(EXPR_SENTINEL)
            raise site.error(
                f"wrap-expression template must render {{{{ expr }}}} exactly once "
                f"(rendered it {n} times)"
            )
        return Planned(ins, "" if ins else "no-op: template rendered {{ expr }} alone")
