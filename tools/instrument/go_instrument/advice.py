"""Turn (rule, advice, matched candidate) into insertions: template context and rendering."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from .edits import CLOSE, OPEN, POINT, Insertion
from .joinpoints import Candidate, FuncInfo, Param
from .parse import captures, parse, text
from .rules import Advice, Rule, RuleError
from .templates import EXPR_SENTINEL, import_sentinel


@dataclass(frozen=True)
class Origin:
    """Where an insertion comes from, to name both the rule and the Go file in errors."""

    rule: Rule
    advice: Advice
    file: str
    line: int


def _param(p: Param) -> dict[str, Any]:
    return {
        "name": p.name,
        "type": p.type,
        "qualified_type": p.qualified_type,
        "variadic": p.variadic,
    }


def function_context(fn: FuncInfo) -> dict[str, Any]:
    ctx_param = next(
        (p.name for p in fn.params if p.qualified_type == "context.Context" and p.name), None
    )
    return {
        "name": fn.name,
        "is_method": fn.receiver is not None,
        "is_literal": fn.is_literal,
        "receiver": _param(fn.receiver) if fn.receiver else None,
        "receiver_type": fn.receiver.type if fn.receiver else "",
        "params": [_param(p) for p in fn.params],
        "results": [_param(p) for p in fn.results],
        "named_results": bool(fn.results) and all(p.name for p in fn.results),
        "type_params": fn.type_params,
        "context_param": ctx_param,
    }


def template_context(rule: Rule, cand: Candidate, line: int, col: int) -> dict[str, Any]:
    src = cand.file.src
    ctx: dict[str, Any] = {
        "rule": {"id": rule.id},
        "package": {"importpath": cand.pkg.importpath, "name": cand.pkg.package_name},
        "file": {"path": cand.file.path, "name": posixpath.basename(cand.file.path)},
        "position": {"line": line, "column": col},
        "imports": {k: import_sentinel(v) for k, v in rule.imports.items()},
        "function": None,
        "call": None,
        "literal": None,
        "directive": None,
    }
    if cand.func is not None:
        ctx["function"] = function_context(cand.func)
        for d in cand.func.directives:
            if d.name in rule.directive_names:
                ctx["directive"] = {"name": d.name, "args": list(d.args), "text": d.text}
                break
    if cand.call is not None:
        c = cand.call
        ctx["call"] = {
            "function": c.function,
            "target": sorted(c.targets)[0] if c.targets else "",
            "args": c.args,
            "args_text": ", ".join(c.args),
        }
    if cand.literal is not None:
        lit = cand.literal
        ctx["literal"] = {
            "type": lit.type,
            "fields": {k: text(src, v) for k, v in lit.fields.items()},
            "field": cand.field,
            "text": text(src, lit.node),
        }
    return ctx


def render(advice: Advice, ctx: dict[str, Any], where: str) -> str:
    assert advice.template is not None
    try:
        return advice.template.render(ctx)
    except Exception as e:  # any template failure is a user rule error
        raise RuleError(
            advice.loc, f"template failed for {where}: {type(e).__name__}: {e}"
        ) from None


_defer_cache: dict[str, bool] = {}


def _is_single_call(code: str) -> bool:
    """Whether `defer CODE` is valid Go with CODE one call expression (cached)."""
    hit = _defer_cache.get(code)
    if hit is None:
        src = f"package p\nfunc _() {{\ndefer {code}\n}}\n".encode()
        tree = parse(src)
        hit = False
        if not tree.root_node.has_error:
            stmts = captures("(defer_statement (call_expression) @c)", tree.root_node).get("c", [])
            hit = len(stmts) == 1 and text(src, stmts[0]).strip() == code.strip()
        _defer_cache[code] = hit
    return hit


def insertions_for(
    rule: Rule, advice: Advice, cand: Candidate, seq: int, line: int, col: int
) -> list[Insertion]:
    """Insertions for node-level advice (prepend-statements, defer, wrap-expression)."""
    where = f"{cand.file.path}:{line}"
    origin = Origin(rule, advice, cand.file.path, line)
    label = f"{rule.id}/{advice.kind}"
    ctx = template_context(rule, cand, line, col)
    if advice.kind in ("prepend-statements", "defer"):
        assert cand.func is not None
        code = render(advice, ctx, where).strip("\n")
        if not code.strip():
            return []
        if advice.kind == "defer":
            stripped = code.strip()
            code = (
                f"defer {stripped}"
                if _is_single_call(stripped)
                else f"defer func() {{\n{code}\n}}()"
            )
        # Text goes right after `{` on the same line, so the first inserted line is
        # attributed to the function's line; a restore directive follows it.
        offset = cand.func.body.start_byte + 1
        return [Insertion(offset, f" {code}\n", POINT, seq, origin=origin, label=label)]
    if advice.kind == "wrap-expression":
        assert cand.target is not None
        ctx["expr"] = EXPR_SENTINEL
        rendered = render(advice, ctx, where)
        parts = rendered.split(EXPR_SENTINEL)
        if len(parts) != 2:
            raise RuleError(
                advice.loc,
                f"wrap-expression template must render {{{{ expr }}}} exactly once "
                f"(rendered it {len(parts) - 1} times for {where})",
            )
        s, e = cand.target.start_byte, cand.target.end_byte
        return [
            Insertion(s, parts[0], OPEN, seq, (s, e), origin, label),
            Insertion(e, parts[1], CLOSE, seq, (s, e), origin, label),
        ]
    raise AssertionError(advice.kind)
