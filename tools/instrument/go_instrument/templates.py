"""Jinja2 environment for advice templates, and the sentinels used while rendering.

Templates never see real import aliases: `{{ imports.otel }}` renders to a sentinel that the
import allocator replaces once it knows which imports a file really uses (see imports.py).
`{{ expr }}` renders to another sentinel so that wrap-expression can keep the original
expression byte for byte (and with its original positions) instead of copying its text.
"""

from __future__ import annotations

import hashlib
import json
import re

from jinja2 import StrictUndefined, Template, nodes
from jinja2.sandbox import SandboxedEnvironment

EXPR_SENTINEL = "__instr_expr_sentinel__"
_IMPORT_SENTINEL_RE = re.compile(r"__instr_imp_([0-9a-f]{12})__")


def import_sentinel(path: str) -> str:
    # Stateless and deterministic: the same path gives the same sentinel in every process.
    return f"__instr_imp_{hashlib.sha1(path.encode()).hexdigest()[:12]}__"


def sentinels_in(rendered: str) -> set[str]:
    return {m.group(0) for m in _IMPORT_SENTINEL_RE.finditer(rendered)}


def go_quote(value: object) -> str:
    """A Go interpreted string literal for `value` (JSON escaping is valid Go escaping,
    except that Go has no `\\/`, which json.dumps never emits)."""
    return json.dumps(str(value), ensure_ascii=False)


def _make_env() -> SandboxedEnvironment:
    # Sandboxed: rule files are configuration, not code; a template must not reach Python.
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["quote"] = go_quote
    return env


ENV = _make_env()


def compile_template(source: str) -> Template:
    """Compile a template; raises jinja2.TemplateSyntaxError."""
    return ENV.from_string(source)


def referenced_imports(source: str) -> set[str]:
    """Names used as `imports.NAME` or `imports["NAME"]` in a template (static check)."""
    ast = ENV.parse(source)
    out: set[str] = set()
    for node in ast.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "imports":
            out.add(node.attr)
    for node in ast.find_all(nodes.Getitem):
        if (
            isinstance(node.node, nodes.Name)
            and node.node.name == "imports"
            and isinstance(node.arg, nodes.Const)
        ):
            out.add(str(node.arg.value))
    return out


def references_variable(source: str, name: str) -> bool:
    ast = ENV.parse(source)
    return any(n.name == name for n in ast.find_all(nodes.Name))
