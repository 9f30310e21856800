"""Type facts from tools/gofacts (go/types over the dependencies' export data).

The document's format is described in tools/gofacts/README.md. Facts are keyed by the byte
span of the expression in the original file, which tree-sitter's nodes share with go/ast.
When a package has facts the join points match on them; without (the CLI outside Bazel)
they match on syntax, and the report says which (`types`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1

Span = tuple[int, int]


class FactsError(Exception):
    """A facts file that is not one this engine reads (a wiring bug, named by its path)."""


Implements = tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Signature:
    """Parameter and result types (TypeString form) and the requested interfaces each
    implements (empty tuples when gofacts was given no -interfaces)."""

    params: tuple[str, ...]
    results: tuple[str, ...]
    param_implements: Implements
    result_implements: Implements


@dataclass(frozen=True)
class CallFact:
    """The declared function or method a call resolves to."""

    callee: str  # `path.F`, `(*path.T).M`, `(path.T).M`: the generic declaration
    recv: str  # static type of the receiver expression ("" for functions)
    interface: bool
    signature: Signature
    variadic: bool
    type_args: tuple[str, ...]

    @property
    def target(self) -> str:
        """The engine's normalized name: `(path.T).M` without the pointer star."""
        return self.callee.replace("(*", "(", 1) if self.callee.startswith("(*") else self.callee

    @property
    def pointer_receiver(self) -> bool:
        """Whether the method is declared on `*T`."""
        return self.callee.startswith("(*")


@dataclass(frozen=True)
class LiteralFact:
    """The named type of a composite literal (generic declaration, type arguments apart)."""

    type: str
    type_args: tuple[str, ...]


@dataclass
class FileFacts:
    """The facts of one file."""

    calls: dict[Span, CallFact] = field(default_factory=dict)
    literals: dict[Span, LiteralFact] = field(default_factory=dict)
    funcs: dict[Span, Signature] = field(default_factory=dict)
    shadowed: set[Span] = field(default_factory=set)


@dataclass
class TypeFacts:
    """The facts of one package, by file path (as given to gofacts and the engine)."""

    importpath: str
    files: dict[str, FileFacts]
    errors: list[str]
    interfaces: frozenset[str] = frozenset()  # what the implements lists were made for

    def file(self, path: str) -> FileFacts | None:
        """Facts of `path`; None for a file gofacts did not see (excluded by build tags)."""
        return self.files.get(path)


def _strs(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ValueError("expected a list of strings")
    return tuple(v)


def _span(d: dict[str, Any]) -> Span:
    s, e = d["start"], d["end"]
    if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s <= e:
        raise ValueError(f"bad span {s!r}..{e!r}")
    return s, e


def _implements(v: Any, n: int) -> Implements:
    if v is None:
        return ()
    if not isinstance(v, list) or len(v) != n:
        raise ValueError("implements list does not match the signature")
    return tuple(frozenset(_strs(x)) for x in v)


def _signature(d: dict[str, Any]) -> Signature:
    params, results = _strs(d.get("params")), _strs(d.get("results"))
    return Signature(
        params,
        results,
        _implements(d.get("param_implements"), len(params)),
        _implements(d.get("result_implements"), len(results)),
    )


def _file(d: dict[str, Any]) -> FileFacts:
    ff = FileFacts()
    for c in d["calls"]:
        ff.calls[_span(c)] = CallFact(
            str(c["callee"]),
            str(c.get("recv", "")),
            bool(c.get("interface", False)),
            _signature(c),
            bool(c.get("variadic", False)),
            _strs(c.get("type_args")),
        )
    for lit in d["literals"]:
        ff.literals[_span(lit)] = LiteralFact(str(lit["type"]), _strs(lit.get("type_args")))
    for fn in d.get("funcs", []):
        ff.funcs[_span(fn)] = _signature(fn)
    ff.shadowed = {_span(s) for s in d["shadowed"]}
    return ff


def parse_facts(path: str, data: bytes) -> TypeFacts:
    """Read one gofacts document; anything else is one clear error naming `path`."""
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError) as e:
        raise FactsError(f"{path}: not a type facts file: {e}") from None
    if not isinstance(doc, dict) or doc.get("version") != FORMAT_VERSION:
        got = doc.get("version") if isinstance(doc, dict) else None
        raise FactsError(f"{path}: type facts version {got!r}, this engine reads {FORMAT_VERSION}")
    try:
        files = {str(f["path"]): _file(f) for f in doc["files"]}
        return TypeFacts(
            str(doc["importpath"]),
            files,
            [str(e) for e in doc["errors"]],
            frozenset(_strs(doc.get("interfaces"))),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise FactsError(f"{path}: malformed type facts: {type(e).__name__}: {e}") from None
