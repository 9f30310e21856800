"""`function-body: {package, name, receiver, has-param-of-type, has-result-of-type,
directive, function-literals, result-implements, final-result-implements,
argument-implements, signature-contains}`: function and method bodies (closures on
request)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

from ..package_view import GoFile, PackageView
from .base import JoinPoint, KeyPath, Kind, Recurse, _glob
from .model import FUNCTION, Candidate
from .type_filters import NO_FILTERS, TypeFilters
from .type_filters import SCHEMA as TYPE_FILTERS_SCHEMA


@dataclass(frozen=True)
class FunctionBody(JoinPoint):
    package: str | None = None
    name: str | None = None
    receiver: str | None = None
    param_type: str | None = None
    result_type: str | None = None
    directive: str | None = None
    literals: bool = False
    filters: TypeFilters = NO_FILTERS

    def matches(self, cand: Candidate) -> bool:
        fn = cand.func
        if fn is None:
            return False
        if fn.is_literal and not self.literals and self.directive is None:
            # A closure with the directive above it matches a directive rule anyway.
            return False
        if not _glob(self.package, cand.pkg.importpath) or not _glob(self.name, fn.name):
            return False
        if self.receiver is not None:
            if fn.receiver is None:
                return False
            pat = self.receiver
            if pat.startswith("*"):
                if not fn.receiver_pointer:
                    return False
                pat = pat[1:]
            if not fnmatch.fnmatchcase(fn.receiver_base, pat):
                return False
        if self.param_type is not None:
            want = "".join(self.param_type.split())
            if not any(p.qualified_type == want for p in fn.params):
                return False
        if self.result_type is not None:
            want = "".join(self.result_type.split())
            if not any(p.qualified_type == want for p in fn.results):
                return False
        if self.filters.active and not self._signature_passes(cand):
            return False
        return not (
            self.directive is not None and not any(d.name == self.directive for d in fn.directives)
        )

    def _signature_passes(self, cand: Candidate) -> bool:
        fn = cand.func
        assert fn is not None
        facts = cand.file.facts
        sig = facts.funcs.get((fn.node.start_byte, fn.node.end_byte)) if facts else None
        if facts is not None and sig is None:
            return False  # gofacts saw no such function (a build-tag-excluded file)
        return self.filters.matches(
            sig, [p.qualified_type for p in fn.params], [p.qualified_type for p in fn.results]
        )

    def directive_names(self) -> list[str]:
        return [self.directive] if self.directive else []

    def prefilter(self, f: GoFile, pkg: PackageView) -> bool:
        return self.prefilter_bytes(f.src, pkg.importpath)

    def prefilter_bytes(self, src: bytes, importpath: str) -> bool:
        if self.package is not None and not fnmatch.fnmatchcase(importpath, self.package):
            return False
        if self.directive is not None and f"//{self.directive}".encode() not in src:
            return False
        return not (
            self.name is not None
            and not any(c in self.name for c in "*?[")
            and self.name.encode() not in src
        )


def _build(value: Any, here: KeyPath, recurse: Recurse) -> JoinPoint:
    return FunctionBody(
        FUNCTION,
        package=value.get("package"),
        name=value.get("name"),
        receiver=value.get("receiver"),
        param_type=value.get("has-param-of-type"),
        result_type=value.get("has-result-of-type"),
        directive=value.get("directive"),
        literals=bool(value.get("function-literals", False)),
        filters=TypeFilters.from_value(value),
    )


KIND = Kind(
    "function-body",
    {
        "description": (
            "Bodies of function and method declarations (and function literals if "
            "`function-literals` is true). All given keys must match; `{}` matches every "
            "function."
        ),
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "package": {"description": "Import path glob of the package.", "$ref": "#/$defs/glob"},
            "name": {"description": "Function or method name glob.", "$ref": "#/$defs/glob"},
            "receiver": {
                "description": (
                    "Receiver base type name glob. `Server` matches `(s Server)` and `(s "
                    "*Server)`; `*Server` only pointer receivers. Any set value excludes "
                    "plain functions."
                ),
                "$ref": "#/$defs/glob",
            },
            "has-param-of-type": {
                "description": (
                    "A parameter of this type, written with import paths: `context.Context`, "
                    "`*net/http.Request`, `string`, `*example.com/app.Server`."
                ),
                "type": "string",
                "minLength": 1,
            },
            "has-result-of-type": {
                "description": (
                    "A result of this type, same notation as has-param-of-type (e.g. `error`)."
                ),
                "type": "string",
                "minLength": 1,
            },
            "directive": {
                "description": (
                    "A `//NAME` comment line directly above the declaration, e.g. "
                    "`trace:span` for `//trace:span db query`. Its arguments are the template "
                    "variable `directive`."
                ),
                "type": "string",
                "pattern": "^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*$",
            },
            "function-literals": {
                "description": (
                    "Also match function literals (closures); they have an empty name and no "
                    "receiver."
                ),
                "type": "boolean",
            },
            **TYPE_FILTERS_SCHEMA,
        },
    },
    _build,
)
