"""`package: GLOB`: the package being rewritten (once per package, or a filter)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

from ..package_view import GoFile, PackageView
from .base import JoinPoint, KeyPath, Kind, Recurse
from .model import PACKAGE, Candidate


@dataclass(frozen=True)
class Package(JoinPoint):
    glob: str = "*"

    def matches(self, cand: Candidate) -> bool:
        return fnmatch.fnmatchcase(cand.pkg.importpath, self.glob)

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        return fnmatch.fnmatchcase(pkg.importpath, self.glob)

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return fnmatch.fnmatchcase(importpath, self.glob)


def _build(value: Any, here: KeyPath, recurse: Recurse) -> JoinPoint:
    return Package(PACKAGE, glob=value)


KIND = Kind(
    "package",
    {
        "description": (
            "The package being rewritten, by import path glob. Alone, it matches once per "
            "package (for inject-declarations / add-blank-import); inside all-of it filters "
            "other join points."
        ),
        "$ref": "#/$defs/glob",
    },
    _build,
)
