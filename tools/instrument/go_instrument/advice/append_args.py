"""`append-args: {type, values}`: arguments appended to a variadic call. A spread last
argument `xs...` becomes `append(append([]T(nil), xs...), V1, V2)...` (the caller's slice is
neither aliased nor evaluated twice)."""

from __future__ import annotations

from typing import Any

from ..edits import CLOSE, OPEN, POINT
from ..joinpoints import CALL, split_qualified
from ..model import Advice
from ..package_view import assumed_package_name
from ..templates import import_sentinel
from .base import AdviceKind, Builder, Planned, Site

_TYPE_PATTERN = "^\\*?([^()\\s*\\[\\]]+\\.)?[A-Za-z_][A-Za-z0-9_]*$"


class AppendArgs(AdviceKind):
    """The advice kind `append-args` (see the module docstring)."""

    name = "append-args"
    applies_to = frozenset({CALL})
    schema = {
        "description": "Append arguments to a call of a variadic function. `type` is the "
        "element type of the variadic parameter (`import/path.Type`, `*import/path.Type` or a "
        "predeclared type such as `any`); it is used when the call ends with a spread `xs...`.",
        "type": "object",
        "additionalProperties": False,
        "required": ["type", "values"],
        "properties": {
            "type": {
                "description": "Element type of the variadic parameter, with its import path.",
                "type": "string",
                "pattern": _TYPE_PATTERN,
            },
            "values": {
                "description": "One template per appended argument (Go expressions).",
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/template"},
            },
        },
    }

    def build(self, value: Any, b: Builder) -> Advice:
        typ: str = value["type"]
        star = "*" if typ.startswith("*") else ""
        path, name = split_qualified(typ.lstrip("*"))
        templates = [
            (b.template(("values", i), src), b.at(("values", i)))
            for i, src in enumerate(value["values"])
        ]
        return Advice(
            self.name,
            b.at(("values",)),
            templates=templates,
            params={"path": path, "type": name, "star": star},
            own_imports={path: assumed_package_name(path)} if path else {},
        )

    def _type(self, advice: Advice) -> str:
        p = advice.params
        qual = f"{import_sentinel(p['path'])}." if p["path"] else ""
        return f"{p['star']}{qual}{p['type']}"

    def plan(self, site: Site) -> Planned:
        call = site.cand.call
        assert call is not None
        values = [site.render(t, loc).strip() for t, loc in site.advice.templates]
        values = [v for v in values if v]
        if not values:
            return Planned(note="skipped: values rendered nothing")
        args = call.node.child_by_field_name("arguments")
        if args is None:
            raise site.error("append-args needs a call with an argument list")
        joined = ", ".join(values)
        if not call.arg_nodes:
            return Planned([site.insertion(args.start_byte + 1, joined, POINT)])
        last = call.arg_nodes[-1]
        if last.type != "variadic_argument":
            return Planned([site.insertion(last.end_byte, f", {joined}", POINT)])
        span = (last.start_byte, last.end_byte)
        typ = self._type(site.advice)
        return Planned(
            [
                site.insertion(span[0], f"append(append([]{typ}(nil), ", OPEN, span=span),
                site.insertion(span[1], f"), {joined})...", CLOSE, span=span),
            ]
        )
