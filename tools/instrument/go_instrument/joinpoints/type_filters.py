"""Orchestrion-style type filters shared by function-body and function-call join points:
result-implements, final-result-implements, argument-implements, signature-contains.

`*-implements` need the type facts (tools/gofacts computes, per parameter and result, which
of the interfaces the rules name it implements); without facts they match nothing.
`signature-contains` compares types in import-path notation (`*net/http.Request`), from the
facts when there are some, else as written in a function declaration's signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..facts import Signature

INTERFACE_PATTERN = "^(error|[^()\\s*\\[\\]]+\\.[A-Za-z_][A-Za-z0-9_]*)$"
_TYPES = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}

SCHEMA: dict[str, Any] = {
    "result-implements": {
        "description": (
            "A result whose type implements this interface (`error`, `io.Reader`, "
            "`import/path.Iface`). Needs type facts (Bazel builds)."
        ),
        "type": "string",
        "pattern": INTERFACE_PATTERN,
    },
    "final-result-implements": {
        "description": "The last result's type implements this interface. Needs type facts.",
        "type": "string",
        "pattern": INTERFACE_PATTERN,
    },
    "argument-implements": {
        "description": "A parameter whose type implements this interface. Needs type facts.",
        "type": "string",
        "pattern": INTERFACE_PATTERN,
    },
    "signature-contains": {
        "description": (
            "Every type of `args` is a parameter type and every type of `returns` a result "
            "type (any order, others allowed), in import-path notation: "
            "`{args: [context.Context], returns: [error]}`."
        ),
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {"args": _TYPES, "returns": _TYPES},
    },
}


def _norm(t: str) -> str:
    t = "".join(t.split())
    return "[]" + t[3:] if t.startswith("...") else t


@dataclass(frozen=True)
class TypeFilters:
    """The filters a join point was given (all None: no filter)."""

    result_implements: str | None = None
    final_result_implements: str | None = None
    argument_implements: str | None = None
    args: tuple[str, ...] | None = None
    returns: tuple[str, ...] | None = None

    @staticmethod
    def from_value(value: dict[str, Any]) -> TypeFilters:
        """The filters among the keys of a join point's mapping."""
        sig = value.get("signature-contains") or {}
        return TypeFilters(
            value.get("result-implements"),
            value.get("final-result-implements"),
            value.get("argument-implements"),
            tuple(_norm(t) for t in sig["args"]) if "args" in sig else None,
            tuple(_norm(t) for t in sig["returns"]) if "returns" in sig else None,
        )

    @property
    def interfaces(self) -> set[str]:
        """The interfaces the implements filters name."""
        names = (self.result_implements, self.final_result_implements, self.argument_implements)
        return {n for n in names if n is not None}

    @property
    def active(self) -> bool:
        return bool(self.interfaces) or self.args is not None or self.returns is not None

    def matches(
        self, sig: Signature | None, params: list[str] | None, results: list[str] | None
    ) -> bool:
        """Whether a signature passes: `sig` from the facts, else the syntactic `params`
        and `results` types (None when unknown: then only signature-free filters pass)."""
        if sig is not None:
            params, results = list(sig.params), list(sig.results)
        if self.args is not None or self.returns is not None:
            if params is None or results is None:
                return False
            have_p, have_r = {_norm(t) for t in params}, {_norm(t) for t in results}
            if not set(self.args or ()) <= have_p or not set(self.returns or ()) <= have_r:
                return False
        if not self.interfaces:
            return True
        if sig is None:
            return False
        pi, ri = sig.param_implements, sig.result_implements
        if self.argument_implements is not None and not any(
            self.argument_implements in s for s in pi
        ):
            return False
        if self.result_implements is not None and not any(self.result_implements in s for s in ri):
            return False
        return self.final_result_implements is None or (
            bool(ri) and self.final_result_implements in ri[-1]
        )


NO_FILTERS = TypeFilters()
