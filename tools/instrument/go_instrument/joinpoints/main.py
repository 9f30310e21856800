"""`main: true`: `func main` of package `main`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..package_view import GoFile, PackageView
from .base import JoinPoint, KeyPath, Kind, Recurse
from .model import FUNCTION, Candidate


@dataclass(frozen=True)
class Main(JoinPoint):
    def matches(self, cand: Candidate) -> bool:
        fn = cand.func
        return (
            fn is not None
            and not fn.is_literal
            and fn.receiver is None
            and fn.name == "main"
            and cand.file.package_name == "main"
        )

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        return f.package_name == "main"

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return _PACKAGE_MAIN.search(src) is not None


# `package main`, allowing comments between the keyword and the name.
_PACKAGE_MAIN = re.compile(rb"\bpackage(?:\s|/\*.*?\*/)+main\b", re.S)


def _build(value: Any, here: KeyPath, recurse: Recurse) -> JoinPoint:
    return Main(FUNCTION)


KIND = Kind("main", {"description": "`func main()` of a `package main`.", "const": True}, _build)
