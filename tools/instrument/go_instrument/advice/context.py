"""Template context: what advice templates see about a matched candidate."""

from __future__ import annotations

import posixpath
from typing import Any

from tree_sitter import Node

from ..gotypes import variable_type
from ..joinpoints import Candidate, FuncInfo, Param, callee_targets, enclosing_function
from ..model import Rule
from ..parse import text
from ..templates import CTX_SENTINEL, ERR_SENTINEL, import_sentinel


def _param(p: Param) -> dict[str, Any]:
    return {
        "name": p.name,
        "type": p.type,
        "qualified_type": p.qualified_type,
        "variadic": p.variadic,
    }


def _usable(name: str) -> bool:
    return name not in ("", "_")


def function_context(fn: FuncInfo) -> dict[str, Any]:
    """`function`: facts about a function; `context_param` and `error_result` render to
    sentinels when the parameter/result has no usable name (the engine then names it)."""
    ctx_param: str | None = None
    for p in fn.params:
        if p.qualified_type == "context.Context":
            ctx_param = p.name if _usable(p.name) else CTX_SENTINEL
            break
    error_result: str | None = None
    for p in reversed(fn.results):
        if p.qualified_type == "error":
            error_result = p.name if _usable(p.name) else ERR_SENTINEL
            break
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
        "error_result": error_result,
    }


def _arg_target(cand: Candidate, arg: Node) -> str:
    while arg.type == "parenthesized_expression" and arg.named_children:
        arg = arg.named_children[0]
    if arg.type == "call_expression":
        fn = arg.child_by_field_name("function")
    elif arg.type == "type_conversion_expression":
        fn = arg.child_by_field_name("type")
    else:
        return ""
    if fn is None:
        return ""
    targets = callee_targets(cand.file, cand.pkg, fn)
    return sorted(targets)[0] if targets else ""


def _receiver(cand: Candidate) -> dict[str, str]:
    """`receiver`: the receiver expression of a method call as written (`s.client` in
    `s.client.Do(req)`); `receiver_type`: its static type (`*net/http.Client`) from the type
    facts, or from syntax where the variable's declaration shows it; "" when unknown."""
    c = cand.call
    assert c is not None
    fn = c.callee
    if fn is None or fn.type != "selector_expression":
        return {"receiver": "", "receiver_type": ""}
    operand = fn.child_by_field_name("operand")
    if operand is None:
        return {"receiver": "", "receiver_type": ""}
    recv_type = ""
    facts = cand.file.facts
    if facts is not None:
        fact = facts.calls.get((c.node.start_byte, c.node.end_byte))
        recv_type = fact.recv if fact is not None else ""
    elif operand.type == "identifier" and any(t.startswith("(") for t in c.targets):
        recv_type = variable_type(cand.file, cand.pkg, operand) or ""
    return {"receiver": text(cand.file.src, operand), "receiver_type": recv_type}


def template_context(rule: Rule, cand: Candidate, line: int, col: int) -> dict[str, Any]:
    """The variables a template of `rule` sees at candidate `cand` (at line:col)."""
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
    fn = cand.func if cand.func is not None else enclosing_function(cand)
    if fn is not None:
        ctx["function"] = function_context(fn)
    if cand.func is not None:
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
            "arg_targets": [_arg_target(cand, a) for a in c.arg_nodes],
            **_receiver(cand),
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
