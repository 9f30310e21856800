"""Jinja2 environment for advice templates, and the sentinels used while rendering.

Templates never see real import aliases: `{{ imports.otel }}` renders to a sentinel that the
import allocator replaces once it knows which imports a file really uses (see imports.py).
`{{ expr }}` renders to another sentinel so that wrap-expression can keep the original
expression byte for byte (and with its original positions) instead of copying its text.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import secrets
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

from jinja2 import StrictUndefined, Template, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

# A per-process random part makes sentinels unforgeable: user code that a template copies
# (`{{ call.args[0] }}`) cannot contain one, so replacing them never touches user text.
# Sentinels never reach the output, which therefore stays deterministic.
NONCE = secrets.token_hex(8)
EXPR_SENTINEL = f"__instr_expr_{NONCE}__"
CTX_SENTINEL = f"__instr_ctxparam_{NONCE}__"
ERR_SENTINEL = f"__instr_errresult_{NONCE}__"
_IMPORT_SENTINEL_RE = re.compile(rf"__instr_imp_{NONCE}_([0-9a-f]{{12}})__")


def import_sentinel(path: str) -> str:
    """The placeholder `{{ imports.NAME }}` renders to for import path `path`."""
    return f"__instr_imp_{NONCE}_{hashlib.sha1(path.encode()).hexdigest()[:12]}__"


def sentinels_in(rendered: str) -> set[str]:
    """The import placeholders that occur in rendered text."""
    return {m.group(0) for m in _IMPORT_SENTINEL_RE.finditer(rendered)}


def go_quote(value: object) -> str:
    """A Go interpreted string literal for `value` (JSON escaping is valid Go escaping,
    except that Go has no `\\/`, which json.dumps never emits)."""
    return json.dumps(str(value), ensure_ascii=False)


# Bounds on what one rendering may cost: rule files are input, not trusted code.
MAX_OUTPUT = 1 << 20  # characters
MAX_SECONDS = 2.0
MAX_RANGE = 10_000
MAX_POWER = 64


class RenderLimit(Exception):
    """A template exceeded a render bound (time, output size, a huge value)."""


class _BoundedEnv(ImmutableSandboxedEnvironment):
    # Intercepting `*` and `**` also keeps Jinja from folding them at compile time.
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_POWER:
                raise SecurityError(f"exponent {right} is too large")
            return left**right
        for seq, n in ((left, right), (right, left)):
            big = isinstance(seq, str | list | tuple) and isinstance(n, int)
            if big and len(seq) * max(n, 0) > MAX_OUTPUT:
                raise SecurityError("repeated value would exceed the output limit")
        return left * right


def _bounded_range(*args: int) -> range:
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise SecurityError(f"range of {len(r)} items (limit {MAX_RANGE})")
    return r


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise RenderLimit after `seconds` of this process's CPU time (main thread only:
    signals). CPU time, not wall time, so that a busy machine cannot fail a rule."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise RenderLimit(f"rendering took longer than {seconds:g} s")

    old = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, old)


def render_bounded(template: Template, ctx: dict[str, Any]) -> str:
    """Render with the time and output-size bounds above (RenderLimit when exceeded)."""
    out: list[str] = []
    size = 0
    start = time.process_time()
    with _deadline(MAX_SECONDS):
        for chunk in template.generate(ctx):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise RenderLimit(f"rendered more than {MAX_OUTPUT} characters")
            if time.process_time() - start > MAX_SECONDS:
                raise RenderLimit(f"rendering took longer than {MAX_SECONDS:g} s")
            out.append(chunk)
    return "".join(out)


def _make_env() -> ImmutableSandboxedEnvironment:
    # Sandboxed: rule files are configuration, not code; a template must not reach Python.
    env = _BoundedEnv(
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["quote"] = go_quote
    env.globals["range"] = _bounded_range
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
    """Whether a template uses variable `name` anywhere."""
    ast = ENV.parse(source)
    return any(n.name == name for n in ast.find_all(nodes.Name))
