"""`wrap-argument: {index, template}`: one argument of a call inside the template's text
around `{{ expr }}` (`http.Handle(p, h)` -> `http.Handle(p, otelhttp.NewHandler(h, p))`)."""

from __future__ import annotations

from typing import Any

from ..joinpoints import CALL
from ..model import Advice
from .base import AdviceKind, Builder, Planned, Site
from .wrap_expression import expr_template_advice, wrap_plan


class WrapArgument(AdviceKind):
    """The advice kind `wrap-argument` (see the module docstring)."""

    name = "wrap-argument"
    applies_to = frozenset({CALL})
    schema = {
        "description": "Wrap argument `index` of the call with the template, which must use "
        "`{{ expr }}` (the argument, kept byte for byte) exactly once. A call with fewer "
        "arguments is left alone (noted in the report); a template that renders to exactly "
        "`{{ expr }}` leaves the match alone. For a spread argument `xs...`, `expr` is `xs`.",
        "type": "object",
        "additionalProperties": False,
        "required": ["index", "template"],
        "properties": {
            "index": {
                "description": "0-based argument index; negative counts from the end (-1 = last).",
                "type": "integer",
            },
            "template": {"$ref": "#/$defs/template"},
        },
    }

    def build(self, value: Any, b: Builder) -> Advice:
        return expr_template_advice(self.name, value, b, params={"index": value["index"]})

    def plan(self, site: Site) -> Planned:
        call = site.cand.call
        assert call is not None
        index = site.advice.params["index"]
        n = len(call.arg_nodes)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            return Planned(note=f"skipped: call has {n} argument(s), no index {index}")
        node = call.arg_nodes[i]
        if node.type == "variadic_argument" and node.named_children:
            node = node.named_children[0]
        return wrap_plan(site, node)
