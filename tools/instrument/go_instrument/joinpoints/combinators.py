"""`all-of`, `one-of`, `not`: combinators over other join points."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..package_view import GoFile, PackageView
from .base import JoinPoint, JoinPointError, KeyPath, Kind, Recurse
from .model import PACKAGE, Candidate


@dataclass(frozen=True)
class AllOf(JoinPoint):
    items: tuple[JoinPoint, ...] = ()

    def matches(self, cand: Candidate) -> bool:
        return all(j.matches(cand) for j in self.items)

    def directive_names(self) -> list[str]:
        return [d for j in self.items for d in j.directive_names()]

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        return all(j.prefilter(f, pkg) for j in self.items)

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return all(j.prefilter_bytes(src, importpath) for j in self.items)


@dataclass(frozen=True)
class OneOf(JoinPoint):
    items: tuple[JoinPoint, ...] = ()

    def matches(self, cand: Candidate) -> bool:
        return any(j.matches(cand) for j in self.items)

    def directive_names(self) -> list[str]:
        return [d for j in self.items for d in j.directive_names()]

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        return any(j.prefilter(f, pkg) for j in self.items)

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return any(j.prefilter_bytes(src, importpath) for j in self.items)


@dataclass(frozen=True)
class Not(JoinPoint):
    item: JoinPoint | None = None

    def matches(self, cand: Candidate) -> bool:
        return self.item is not None and not self.item.matches(cand)


def _build_list(key: str):
    def build(value: Any, here: KeyPath, recurse: Recurse) -> JoinPoint:
        items = tuple(recurse(v, [*here, i]) for i, v in enumerate(value))
        kinds = {j.kind for j in items}
        node_kinds = kinds - {PACKAGE, None}
        if len(node_kinds) > 1:
            raise JoinPointError(
                here, f"cannot combine join points of different kinds: {sorted(node_kinds)}"
            )
        if key == "one-of" and (None in kinds or (node_kinds and PACKAGE in kinds)):
            raise JoinPointError(here, "one-of items must all select the same kind of node")
        if node_kinds:
            kind: str | None = node_kinds.pop()
        elif PACKAGE in kinds:
            kind = PACKAGE
        else:
            raise JoinPointError(here, "needs at least one positive join point (not only `not`)")
        return (AllOf if key == "all-of" else OneOf)(kind, items)

    return build


def _build_not(value: Any, here: KeyPath, recurse: Recurse) -> JoinPoint:
    return Not(None, recurse(value, here))


ALL_OF = Kind(
    "all-of",
    {
        "description": (
            "Matches when every join point matches. At most one kind of node (function, call, "
            "struct literal) may be involved."
        ),
        "type": "array",
        "minItems": 1,
        "items": {"$ref": "#/$defs/joinPoint"},
    },
    _build_list("all-of"),
)
ONE_OF = Kind(
    "one-of",
    {
        "description": (
            "Matches when any join point matches. All must select the same kind of node."
        ),
        "type": "array",
        "minItems": 1,
        "items": {"$ref": "#/$defs/joinPoint"},
    },
    _build_list("one-of"),
)
NOT = Kind(
    "not",
    {
        "description": "Matches when the join point does not. Only meaningful inside all-of.",
        "$ref": "#/$defs/joinPoint",
    },
    _build_not,
)
