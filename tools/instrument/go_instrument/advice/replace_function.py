"""`replace-function: "path.Func"`: the callee as written becomes another function; the
arguments stay byte for byte (`sql.Open(d, dsn)` -> `rt.OpenSQL(d, dsn)`)."""

from __future__ import annotations

from typing import Any

from ..edits import POINT
from ..joinpoints import CALL, split_qualified
from ..model import Advice
from ..package_view import assumed_package_name
from ..templates import import_sentinel
from .base import AdviceKind, Builder, Planned, Site


class ReplaceFunction(AdviceKind):
    """The advice kind `replace-function` (see the module docstring)."""

    name = "replace-function"
    applies_to = frozenset({CALL})
    schema = {
        "description": "Replace the callee of a function call (`sql.Open`, `h.Get`, a "
        "dot-imported `Open`) by this function, `import/path.Func`, imported under a "
        "collision-free alias. Arguments stay byte for byte. Method calls are refused.",
        "type": "string",
        "pattern": "^[^()\\s*]+\\.[A-Za-z_][A-Za-z0-9_]*$",
    }

    def build(self, value: Any, b: Builder) -> Advice:
        path, name = split_qualified(value)
        if not path:
            raise b.error((), f"expected import/path.Func, got {value!r}")
        return Advice(
            self.name,
            b.at(),
            params={"path": path, "name": name},
            own_imports={path: assumed_package_name(path)},
        )

    def plan(self, site: Site) -> Planned:
        call = site.cand.call
        assert call is not None and call.callee is not None
        if any(t.startswith("(") for t in call.targets):
            raise site.error("replace-function cannot replace a method call's receiver")
        callee = call.callee
        if callee.type == "generic_type":  # `pkg.F[int](x)`: keep the type arguments
            callee = callee.child_by_field_name("type") or callee
        elif callee.type == "index_expression":
            callee = callee.child_by_field_name("operand") or callee
        src = site.cand.file.src
        new = f"{import_sentinel(site.advice.params['path'])}.{site.advice.params['name']}"
        out = [site.replace(callee.start_byte, callee.end_byte, new)]
        own = f"{site.cand.pkg.importpath}."
        if call.targets and not any(t.startswith(own) for t in call.targets):
            # The replaced callee may have been the file's only use of its import; an
            # unused import does not compile. A blank use at the end of the file keeps it.
            whole = src[call.callee.start_byte : call.callee.end_byte].decode("utf-8", "replace")
            if site.names.first(("keep", site.cand.file.path, whole)):
                end = len(src)
                lead = "\n" if src.endswith(b"\n") else "\n\n"
                out.append(site.insertion(end, f"{lead}var _ = {whole}\n", POINT, stmt=True))
        return Planned(out)
