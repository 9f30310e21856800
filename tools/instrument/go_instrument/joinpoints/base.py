"""The join point interface, the helpers kinds share, and the registry entry type.

A join point kind is one module (function_body.py, function_call.py, ...) with `NAME`, its
JSON Schema fragment `SCHEMA`, and `build(value, here, recurse)`; a join point's `kind` is
the kind of candidate it selects (function, call, literal, package; None for pure filters).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..package_view import GoFile, PackageView
from .model import Candidate

KeyPath = list[str | int]
Recurse = Callable[[dict, KeyPath], "JoinPoint"]


@dataclass(frozen=True)
class JoinPoint:
    kind: str | None  # None: a pure filter (`not`)

    def matches(self, cand: Candidate) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def directive_names(self) -> list[str]:
        return []

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        """Cheap test: can this join point match anything in file `f`? (speed only)."""
        return True

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        """Cheaper test on unparsed bytes; False only if no match is possible. Lets the
        engine skip parsing packages no rule can touch (the common case)."""
        return True


def _glob(pattern: str | None, value: str) -> bool:
    return pattern is None or fnmatch.fnmatchcase(value, pattern)


def split_qualified(s: str) -> tuple[str, str]:
    """`gopkg.in/yaml.v3.Marshal` -> (`gopkg.in/yaml.v3`, `Marshal`): last dot after last /."""
    slash = s.rfind("/")
    dot = s.rfind(".")
    if dot <= slash:
        return "", s
    return s[:dot], s[dot + 1 :]


def _may_import(src: bytes, importpath: str, path: str) -> bool:
    """Whether `src` may refer to package `path` (it is the package itself or imports it;
    import paths are string literals, interpreted or raw)."""
    if path == importpath:
        return True
    p = path.encode()
    return b'"' + p + b'"' in src or b"`" + p + b"`" in src


class JoinPointError(Exception):
    """Raised with a key path suffix (relative to the join point) and a message."""

    def __init__(self, path: list[str | int], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


# A method pattern must close its receiver and name a method; globs are fine anywhere.


@dataclass(frozen=True)
class Kind:
    """A registry entry: the YAML key, its schema fragment, and how to build it."""

    name: str
    schema: dict[str, Any]
    build: Callable[[Any, KeyPath, Recurse], JoinPoint]
