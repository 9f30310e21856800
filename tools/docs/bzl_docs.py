"""Markdown API docs for the public .bzl files, read from their `doc`s and docstrings.

Stardoc cannot be fetched here, and Starlark's syntax is a subset of Python's, so
the files are parsed with Python's `ast`: rules, aspects and providers are the
top-level `rule(...)` / `aspect(...)` / `provider(...)` assignments, macros the
public functions. A public rule attr, aspect attr, provider field or macro
argument without a doc is an error naming file and line.

    python3 tools/docs/bzl_docs.py          # rewrite docs/
    python3 tools/docs/bzl_docs.py --check  # fail if docs/ is stale
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PUBLIC_BZL = [
    "rules/defs.bzl",
    "rules/instrument.bzl",
    "rules/instrumented_rules.bzl",
    "rules/profile.bzl",
    "rules/providers.bzl",
]
DOCS_DIR = REPO_ROOT / "docs"


class DocError(Exception):
    """A public API element without a doc, or a construct the parser cannot read."""


@dataclass(frozen=True)
class Located:
    """Where in which .bzl file a node is, for error messages."""

    path: str

    def fail(self, node: ast.AST, message: str) -> DocError:
        return DocError(f"{self.path}:{getattr(node, 'lineno', 0)}: {message}")


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _string(node: ast.expr | None) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ""


def _call_name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        return ast.unparse(node.func)
    return ""


def _dict_literal(node: ast.expr | None) -> list[tuple[str, ast.expr]]:
    """Keys and values of a dict literal, also through `{...} | OTHER` merges."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _dict_literal(node.left)
    if isinstance(node, ast.Dict):
        return [(_string(k), v) for k, v in zip(node.keys, node.values, strict=True) if k]
    return []


def _attr_rows(where: Located, attrs: ast.expr | None, what: str) -> list[str]:
    rows = []
    for name, value in _dict_literal(attrs):
        if name.startswith("_"):
            continue
        doc = _string(_keyword(value, "doc")) if isinstance(value, ast.Call) else ""
        if not doc:
            raise where.fail(value, f"{what} attr '{name}' has no doc")
        kind = _call_name(value).removeprefix("attr.")
        mandatory = _keyword(value, "mandatory")
        required = "yes" if mandatory is not None and ast.unparse(mandatory) == "True" else "no"
        rows.append(f"| `{name}` | {kind} | {required} | {_one_line(doc)} |")
    return rows


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(header: str, rows: list[str]) -> list[str]:
    if not rows:
        return []
    columns = header.count("|") - 1
    return ["", header, "|" + " --- |" * columns, *rows]


def _document_call(where: Located, name: str, call: ast.Call) -> list[str]:
    kind = _call_name(call)
    doc = _string(_keyword(call, "doc"))
    if not doc:
        raise where.fail(call, f"{kind} '{name}' has no doc")
    lines = [f"## {name}", "", f"*{kind}*", "", doc.strip()]
    if kind in ("rule", "aspect"):
        rows = _attr_rows(where, _keyword(call, "attrs"), f"{kind} '{name}'")
        lines += _table("| attr | type | mandatory | doc |", rows)
    if kind == "provider":
        fields = _dict_literal(_keyword(call, "fields"))
        for field_name, value in fields:
            if not _string(value):
                raise where.fail(value, f"provider '{name}' field '{field_name}' has no doc")
        rows = [f"| `{n}` | {_one_line(_string(v))} |" for n, v in fields]
        lines += _table("| field | doc |", rows)
    return lines


def _args_section(doc: str) -> dict[str, str]:
    """`name: text` entries of a docstring's Args: section, continuation lines joined."""
    if "Args:" not in doc:
        return {}
    args: dict[str, str] = {}
    current = ""
    for line in doc.split("Args:", 1)[1].splitlines():
        stripped = line.strip()
        head, sep, text = stripped.partition(":")
        if not stripped:
            continue
        indent = len(line) - len(line.lstrip())
        if sep and head.lstrip("*").isidentifier() and indent == 4:
            current = head
            args[current] = text.strip()
        elif current:
            args[current] += " " + stripped
    return args


def _document_macro(where: Located, func: ast.FunctionDef) -> list[str]:
    doc = ast.get_docstring(func)
    if not doc:
        raise where.fail(func, f"macro '{func.name}' has no docstring")
    params = [a.arg for a in func.args.args + func.args.kwonlyargs]
    if func.args.kwarg:
        params.append("**" + func.args.kwarg.arg)
    described = _args_section(doc)
    missing = [param for param in params if param not in described]
    if missing:
        raise where.fail(func, f"macro '{func.name}' argument '{missing[0]}' has no doc (Args:)")
    summary = doc.split("Args:", 1)[0].strip()
    rows = [f"| `{param}` | {_one_line(described[param])} |" for param in params]
    return [
        f"## {func.name}",
        "",
        "*macro*",
        "",
        f"`{func.name}({', '.join(params)})`",
        "",
        summary,
        *_table("| argument | doc |", rows),
    ]


def _reexports(module: ast.Module) -> list[str]:
    """Public names a file only re-exports (`x = _x` of a loaded symbol)."""
    return [
        node.targets[0].id
        for node in module.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Name)
        and not node.targets[0].id.startswith("_")
    ]


def render(relative: str, root: Path = REPO_ROOT) -> str:
    """The Markdown page of one public .bzl file (`relative` to `root`)."""
    where = Located(relative)
    module = ast.parse((root / relative).read_text(), filename=relative)
    summary = ast.get_docstring(module)
    if not summary:
        raise where.fail(module, "no module docstring")
    package, _, filename = relative.rpartition("/")
    lines = [f"# `@rules_go_instrument//{package}:{filename}`", ""]
    lines += [summary.strip(), ""]
    lines += [f"<!-- Generated by tools/docs/bzl_docs.py from {relative}. Do not edit. -->"]
    for node in module.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            kind = _call_name(node.value)
            if not name.startswith("_") and kind in ("rule", "aspect", "provider"):
                lines += ["", *_document_call(where, name, node.value)]
        elif isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            lines += ["", *_document_macro(where, node)]
    exported = _reexports(module)
    if exported:
        lines += ["", "## Exports", ""]
        lines += [f"- `{name}`" for name in exported]
    return "\n".join(lines) + "\n"


def _page(relative: str) -> Path:
    return DOCS_DIR / (Path(relative).stem + ".md")


def main(argv: list[str] | None = None) -> int:
    """Writes docs/ (or with --check, reports which pages are stale)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/ is not fresh")
    args = parser.parse_args(argv)
    try:
        pages = {_page(relative): render(relative) for relative in PUBLIC_BZL}
    except (DocError, SyntaxError) as error:
        print(f"bzl_docs: {error}", file=sys.stderr)
        return 1
    stale = [p for p, text in pages.items() if not p.exists() or p.read_text() != text]
    if args.check:
        for path in stale:
            print(f"bzl_docs: {path} is stale; run tools/docs/bzl_docs.py")
        return 1 if stale else 0
    DOCS_DIR.mkdir(exist_ok=True)
    for path in stale:
        path.write_text(pages[path])
    return 0


if __name__ == "__main__":
    sys.exit(main())
