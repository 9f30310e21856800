"""`struct-literal: {type, field | without-field}`: composite literals of a struct type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..package_view import GoFile, PackageView
from .base import JoinPoint, JoinPointError, KeyPath, Kind, Recurse, _may_import, split_qualified
from .model import LITERAL, Candidate


@dataclass(frozen=True)
class StructLiteral(JoinPoint):
    type: str = ""
    field: str | None = None
    without_field: str | None = None  # only literals that do not key this field

    def matches(self, cand: Candidate) -> bool:
        lit = cand.literal
        if lit is None or lit.type != self.type or cand.field != self.field:
            return False
        return self.without_field is None or self.without_field not in lit.fields

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        path, _ = split_qualified(self.type)
        if path == pkg.importpath:
            return True
        return path in f.names_by_import.values() or path in f.dot_imports

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return _may_import(src, importpath, split_qualified(self.type)[0])


def _build(value: Any, here: KeyPath, recurse: Recurse) -> JoinPoint:
    if "field" in value and "without-field" in value:
        raise JoinPointError(here, "give either field or without-field, not both")
    return StructLiteral(
        LITERAL,
        type=value["type"],
        field=value.get("field"),
        without_field=value.get("without-field"),
    )


KIND = Kind(
    "struct-literal",
    {
        "description": "Composite literals of a struct type (`T{...}` and `&T{...}`).",
        "type": "object",
        "additionalProperties": False,
        "required": ["type"],
        "properties": {
            "type": {
                "description": "`import/path.Type` of the literal.",
                "type": "string",
                "pattern": "^[^()\\s*]+\\.[A-Za-z_][A-Za-z0-9_]*$",
            },
            "field": {
                "description": (
                    "Only literals that set this field by key; the matched expression "
                    "(`expr`) is then the field's value instead of the whole literal."
                ),
                "type": "string",
                "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
            },
            "without-field": {
                "description": (
                    "Only literals that do not set this field by key (positional literals "
                    "included; add-field refuses those). Not together with `field`."
                ),
                "type": "string",
                "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
            },
        },
    },
    _build,
)
