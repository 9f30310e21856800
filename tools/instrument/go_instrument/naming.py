"""Names for a function's unnamed (or `_`) context parameter and error result.

Templates read `function.context_param` / `function.error_result`; when the parameter or
result has no usable name they render to sentinels, and this module picks a name that the
function does not use, replaces the sentinels, and plans the edits that declare the name in
the signature (`func F(context.Context, int)` -> `func F(ctx context.Context, _ int)`,
`func G() error` -> `func G() (err error)`). Each function is named at most once.
"""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node

from .edits import POINT, REPLACE, Insertion
from .joinpoints import FuncInfo, enclosing_function
from .parse import text
from .templates import CTX_SENTINEL, ERR_SENTINEL

_PARAM_DECLS = ("parameter_declaration", "variadic_parameter_declaration")


def _free_name(fn: FuncInfo, preferred: str) -> str:
    body = fn.file.src[fn.node.start_byte : fn.node.end_byte]
    for cand in (
        preferred,
        *(f"__instr_{preferred}{'' if i == 1 else f'_{i}'}" for i in range(1, 100)),
    ):
        if not re.search(rb"(?<![A-Za-z0-9_])" + cand.encode() + rb"(?![A-Za-z0-9_])", body):
            return cand
    raise AssertionError("no free name")  # 100 variants all used: not real code


def _name_edits(src: bytes, plist: Node, target: int, name: str) -> list[tuple[int, int, str]]:
    """(offset, removed, text) edits naming entry `target` of a parameter list `name` and
    every other unnamed entry `_`; `_` names are replaced only for the target."""
    edits: list[tuple[int, int, str]] = []
    index = 0
    for decl in plist.named_children:
        if decl.type not in _PARAM_DECLS:
            continue
        names = decl.children_by_field_name("name")
        if not names:
            edits.append((decl.start_byte, 0, f"{name if index == target else '_'} "))
            index += 1
            continue
        for n in names:
            if index == target and text(src, n) == "_":
                edits.append((n.start_byte, n.end_byte - n.start_byte, name))
            index += 1
    return edits


class PackageState:
    """Per-package state shared by all advice: function names chosen, one-time insertions."""

    def __init__(self) -> None:
        self._names: dict[tuple[str, int, str], str] = {}
        self._edits: dict[str, list[tuple[int, int, str]]] = {}
        self._seen: set[tuple[Any, ...]] = set()

    def first(self, key: tuple[Any, ...]) -> bool:
        """True the first time `key` is seen in this package."""
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def resolve(self, site: Any, rendered: str) -> str:
        """Replace function-name sentinels in `rendered`, naming the function's parameter or
        result on first use."""
        if CTX_SENTINEL not in rendered and ERR_SENTINEL not in rendered:
            return rendered
        cand = site.cand
        fn = cand.func if cand.func is not None else enclosing_function(cand)
        assert fn is not None
        if CTX_SENTINEL in rendered:
            rendered = rendered.replace(CTX_SENTINEL, self._ctx(fn))
        if ERR_SENTINEL in rendered:
            rendered = rendered.replace(ERR_SENTINEL, self._err(fn))
        return rendered

    def _ctx(self, fn: FuncInfo) -> str:
        key = (fn.file.path, fn.node.start_byte, "ctx")
        if key not in self._names:
            name = self._names[key] = _free_name(fn, "ctx")
            target = next(
                i for i, p in enumerate(fn.params) if p.qualified_type == "context.Context"
            )
            plist = fn.node.child_by_field_name("parameters")
            assert plist is not None
            self._edits.setdefault(fn.file.path, []).extend(
                _name_edits(fn.file.src, plist, target, name)
            )
        return self._names[key]

    def _err(self, fn: FuncInfo) -> str:
        key = (fn.file.path, fn.node.start_byte, "err")
        if key not in self._names:
            name = self._names[key] = _free_name(fn, "err")
            target = max(i for i, p in enumerate(fn.results) if p.qualified_type == "error")
            result = fn.node.child_by_field_name("result")
            assert result is not None
            edits = self._edits.setdefault(fn.file.path, [])
            if result.type != "parameter_list":  # `func F() error`
                edits.append((result.start_byte, 0, f"({name} "))
                edits.append((result.end_byte, 0, ")"))
            else:
                edits.extend(_name_edits(fn.file.src, result, target, name))
        return self._names[key]

    def insertions(self, path: str) -> list[Insertion]:
        """The signature edits planned for file `path`."""
        out: list[Insertion] = []
        for offset, removed, code in self._edits.get(path, []):
            if removed:
                out.append(Insertion(offset, code, REPLACE, -2, remove=removed, label="names"))
            else:
                out.append(Insertion(offset, code, POINT, -2, label="names"))
        return out
