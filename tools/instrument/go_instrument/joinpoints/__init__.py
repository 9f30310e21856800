"""Join points: one module per kind behind a registry, the candidate model, collectors.

A candidate is a function (declaration or literal), a call, a struct literal, or the package
itself. Each join point has a static `kind` (which candidates it selects) so that rules are
checked at load time (e.g. `wrap-expression` on a function body is refused).
"""

from __future__ import annotations

from . import combinators, function_body, function_call, main, package, struct_literal
from .base import JoinPoint, JoinPointError, KeyPath, Kind, split_qualified
from .collectors import callee_targets, calls, functions, literals
from .combinators import AllOf, Not, OneOf
from .function_body import FunctionBody
from .function_call import FunctionCall
from .main import Main
from .model import (
    CALL,
    FUNCTION,
    LITERAL,
    PACKAGE,
    CallInfo,
    Candidate,
    Directive,
    FuncInfo,
    LiteralInfo,
    Param,
    enclosing_function,
    func_info,
)
from .package import Package
from .struct_literal import StructLiteral

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        function_body.KIND,
        function_call.KIND,
        struct_literal.KIND,
        package.KIND,
        main.KIND,
        combinators.ALL_OF,
        combinators.ONE_OF,
        combinators.NOT,
    )
}


def build(data: dict, path: KeyPath | None = None) -> JoinPoint:
    """Build a join point from schema-valid data; raise JoinPointError on semantic errors."""
    ((key, value),) = data.items()
    here = [*(path or []), key]
    kind = KINDS.get(key)
    if kind is None:
        raise JoinPointError(here, f"unknown join point kind {key!r}")  # schema prevents this
    return kind.build(value, here, build)


__all__ = [
    "CALL",
    "FUNCTION",
    "KINDS",
    "LITERAL",
    "PACKAGE",
    "AllOf",
    "CallInfo",
    "Candidate",
    "Directive",
    "FuncInfo",
    "FunctionBody",
    "FunctionCall",
    "JoinPoint",
    "JoinPointError",
    "LiteralInfo",
    "Main",
    "Not",
    "OneOf",
    "Package",
    "Param",
    "StructLiteral",
    "build",
    "callee_targets",
    "calls",
    "enclosing_function",
    "func_info",
    "functions",
    "literals",
    "split_qualified",
]
