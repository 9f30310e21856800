"""`add-field: {field, template}`: `Field: VALUE,` added to a keyed struct literal that does
not set the field yet (`http.Server{Addr: a}` -> `http.Server{Handler: h, Addr: a}`)."""

from __future__ import annotations

from typing import Any

from ..edits import POINT
from ..joinpoints import LITERAL
from ..model import Advice
from .base import AdviceKind, Builder, Planned, Site, template_advice


class AddField(AdviceKind):
    """The advice kind `add-field` (see the module docstring)."""

    name = "add-field"
    applies_to = frozenset({LITERAL})
    schema = {
        "description": "Add `FIELD: VALUE,` to a keyed struct literal that does not key FIELD "
        "(left alone, noted in the report, if it does). Positional literals are an error.",
        "type": "object",
        "additionalProperties": False,
        "required": ["field", "template"],
        "properties": {
            "field": {
                "description": "Field name to set.",
                "type": "string",
                "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
            },
            "template": {"$ref": "#/$defs/template"},
        },
    }

    def build(self, value: Any, b: Builder) -> Advice:
        return template_advice(self.name, value, b, params={"field": value["field"]})

    def plan(self, site: Site) -> Planned:
        lit = site.cand.literal
        assert lit is not None
        name = site.advice.params["field"]
        if name in lit.fields:
            return Planned(note=f"skipped: literal already sets {name}")
        if not site.names.first(("add-field", site.cand.file.path, lit.node.start_byte, name)):
            return Planned(note=f"skipped: other advice already adds {name}")
        inner = lit.node
        if inner.type == "unary_expression" and inner.named_children:
            inner = inner.named_children[0]
        body = inner.child_by_field_name("body")
        assert body is not None
        elements = [c for c in body.named_children if c.type != "comment"]
        if any(c.type != "keyed_element" for c in elements):
            raise site.error(f"add-field cannot add {name} to a positional struct literal")
        value = site.render().strip()
        if not value:
            raise site.error("add-field template rendered nothing")
        return Planned([site.insertion(body.start_byte + 1, f"{name}: {value},", POINT)])
