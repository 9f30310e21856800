"""Collision-free aliases for imports that advice needs, and the import text to insert."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .package_view import GoFile, PackageView


@dataclass(frozen=True)
class Needed:
    """An import path that rendered code uses, with the rule's name for it."""

    path: str
    preferred: str  # the rule's import key, e.g. "otel"


def _name_used(name: str, sources: list[bytes]) -> bool:
    # Conservative: any occurrence as a word, in any file of the package (package-level names
    # of other files count, and so do locals that would shadow the import). A hit in a comment
    # or string only costs a less pretty alias.
    pat = re.compile(rb"(?<![A-Za-z0-9_])" + re.escape(name.encode()) + rb"(?![A-Za-z0-9_])")
    return any(pat.search(s) for s in sources)


def allocate(f: GoFile, pkg: PackageView, needed: list[Needed]) -> dict[str, str]:
    """Choose an alias per import path: the preferred name if unused, else `__instr_<name>`,
    then `__instr_<name>_2`, ... Deterministic: depends only on the package sources."""
    sources = [x.src for x in pkg.files]
    taken: set[str] = set()
    out: dict[str, str] = {}
    for need in needed:
        if need.path in out:
            continue
        for candidate in _candidates(need.preferred):
            if candidate in taken or _name_used(candidate, sources):
                continue
            out[need.path] = candidate
            taken.add(candidate)
            break
    return out


def _candidates(name: str):
    yield name
    yield f"__instr_{name}"
    n = 2
    while True:
        yield f"__instr_{name}_{n}"
        n += 1


def import_text(aliases: dict[str, str], blank: list[str]) -> str:
    """Text appended after the last import declaration (or the package clause), on the same
    line so that no original line moves: `; import otel "go.opentelemetry.io/otel"`."""
    parts = [f'; import {alias} "{path}"' for path, alias in sorted(aliases.items())]
    parts += [f'; import _ "{path}"' for path in sorted(set(blank))]
    return "".join(parts)
