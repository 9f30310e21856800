"""`function-call: PATTERN`: calls of a function or method, by import-path name."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import Any

from ..package_view import GoFile, PackageView
from .base import JoinPoint, JoinPointError, KeyPath, Kind, Recurse, _may_import, split_qualified
from .model import CALL, Candidate
from .type_filters import NO_FILTERS, TypeFilters
from .type_filters import SCHEMA as TYPE_FILTERS_SCHEMA

RECEIVER_KINDS = ("pointer", "value", "interface")


@dataclass(frozen=True)
class FunctionCall(JoinPoint):
    pattern: str = ""
    pkg_path: str = ""  # import path of the function or of the method's receiver type
    target: str = ""  # normalized `path.Func` or `(path.Type).Method`
    name: str = ""
    receiver: str | None = None  # "pointer" | "value" | "interface": how the method is declared
    filters: TypeFilters = NO_FILTERS

    @property
    def needs_facts(self) -> bool:
        """Whether matching needs the type facts (without them it matches nothing)."""
        return self.receiver is not None or self.filters.active

    @staticmethod
    def parse(pattern: str) -> FunctionCall:
        if pattern.startswith("("):
            close = pattern.index(")")
            recv = pattern[1:close].lstrip("*")
            method = pattern[close + 2 :]
            path, _ = split_qualified(recv)
            return FunctionCall(CALL, pattern, path, f"({recv}).{method}", method)
        path, name = split_qualified(pattern)
        return FunctionCall(CALL, pattern, path, pattern, name)

    @property
    def is_glob(self) -> bool:
        # `(*T).M` names a pointer receiver; that star is not a wildcard.
        pat = "(" + self.pattern[2:] if self.pattern.startswith("(*") else self.pattern
        return any(ch in pat for ch in "*?[")

    def matches(self, cand: Candidate) -> bool:
        if cand.call is None:
            return False
        if self.pattern == "*":  # every call, resolvable or not
            return True
        if self.is_glob:
            found = any(fnmatch.fnmatchcase(t, self.target) for t in cand.call.targets)
        else:
            found = self.target in cand.call.targets
        return found and (not self.needs_facts or self._facts_pass(cand))

    def _facts_pass(self, cand: Candidate) -> bool:
        facts = cand.file.facts
        assert cand.call is not None
        node = cand.call.node
        fact = facts.calls.get((node.start_byte, node.end_byte)) if facts else None
        if fact is None:
            return False
        if self.receiver is not None:
            if not fact.callee.startswith("("):
                return False
            kind = (
                "interface" if fact.interface else "pointer" if fact.pointer_receiver else "value"
            )
            if kind != self.receiver:
                return False
        return self.filters.matches(fact.signature, None, None)

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        if self.is_glob:
            return True
        if self.pkg_path == pkg.importpath:
            return True
        return self.pkg_path in f.names_by_import.values() or self.pkg_path in f.dot_imports

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        return self.is_glob or _may_import(src, importpath, self.pkg_path)


_CALL_PATTERN = re.compile(r"^(?:[^()\s]+|\(\*?[^()\s]+\)\.[^()\s.]+)$")
# `(*pkg.Box[int]).Get`, `pkg.Map[int]`: type arguments after a name.
_TYPE_ARGS = re.compile(r"[A-Za-z0-9_]\[[^\]]*\](?:\)|$)")


def _build(value: Any, here: KeyPath, recurse: Recurse) -> JoinPoint:
    if isinstance(value, dict):
        base = _build_pattern(value["call"], [*here, "call"])
        return FunctionCall(
            CALL,
            base.pattern,
            base.pkg_path,
            base.target,
            base.name,
            value.get("receiver"),
            TypeFilters.from_value(value),
        )
    return _build_pattern(value, here)


def _build_pattern(value: str, here: KeyPath) -> FunctionCall:
    if _TYPE_ARGS.search(value):
        raise JoinPointError(
            here,
            f"function-call pattern {value!r} names type arguments: name the generic "
            f"declaration (`(*import/path.Box).Get`, `import/path.Map`); it matches every "
            f"instantiation",
        )
    if not _CALL_PATTERN.match(value):
        raise JoinPointError(
            here,
            f"bad function-call pattern {value!r}: expected `import/path.Func`, "
            f"`(import/path.Type).Method`, `(*import/path.Type).Method`, or a glob of those",
        )
    return FunctionCall.parse(value)


_PATTERN_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": "^(\\*|.*[*?\\[].*|\\(\\*?[^()\\s]+\\.[A-Za-z_][A-Za-z0-9_]*\\)\\.[A-Za-z_][A-Za-z0-9_]*|[^()\\s]+\\.[A-Za-z_][A-Za-z0-9_]*)$",  # noqa: E501
}

_WITH_FILTERS: dict[str, Any] = {
    "description": (
        "The same calls, filtered by type facts (without facts, e.g. the CLI outside "
        "Bazel, it matches nothing): `call` is the pattern above."
    ),
    "type": "object",
    "additionalProperties": False,
    "required": ["call"],
    "properties": {
        "call": _PATTERN_SCHEMA,
        "receiver": {
            "description": (
                "How the called method is declared: `pointer` (on `*T`), `value` (on `T`), "
                "`interface` (a method of an interface value)."
            ),
            "enum": list(RECEIVER_KINDS),
        },
        **TYPE_FILTERS_SCHEMA,
    },
}

KIND = Kind(
    "function-call",
    {
        "description": (
            "Calls of a function `import/path.Func`, or of a method "
            "`(*import/path.Type).Method` / `(import/path.Type).Method` when the receiver's "
            "type is visible in the source (parameter, receiver, `var x T`, `x := &T{}`, `x "
            ":= T{}`, `x := new(T)`). Both forms match value and pointer receivers. Functions "
            "of the package being rewritten are named by its own import path. Glob characters "
            "(`*`, `?`, `[`) match resolved names; `*` alone matches every call, resolvable "
            "or not. A mapping `{call: PATTERN, receiver, ...}` adds type filters (they need "
            "type facts: without, it matches nothing). With type facts (under Bazel) the "
            "callee is resolved by go/types: calls "
            "through struct fields, function results, embedded fields and interface values "
            "match too, a generic declaration matches all its instantiations, and a local "
            "named like an import never matches."
        ),
        # A string is the pattern; a mapping the pattern with filters (JSON Schema applies
        # `pattern` to strings only and the object keywords to mappings only).
        "type": ["string", "object"],
        "pattern": _PATTERN_SCHEMA["pattern"],
        **{k: v for k, v in _WITH_FILTERS.items() if k not in ("type", "description")},
    },
    _build,
)
