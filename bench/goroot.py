"""Shared helpers for the GOROOT/src benchmarks: find Go files and group them into packages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools" / "instrument"))

_PKG = re.compile(rb"^package\s+([A-Za-z_][A-Za-z0-9_]*)", re.M)


def goroot() -> Path:
    env = os.environ.get("GOROOT")
    if env:
        return Path(env)
    out = subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def packages(src_root: Path) -> list[tuple[str, list[tuple[str, bytes]]]]:
    """(importpath, [(relative path, bytes)]) per directory and package clause, sorted.

    A directory may hold `foo` and `foo_test` files (and testdata with anything): Bazel would
    pass them as separate packages, so split by package clause the same way.
    """
    out: list[tuple[str, list[tuple[str, bytes]]]] = []
    for dirpath, dirnames, filenames in os.walk(src_root):
        dirnames.sort()
        groups: dict[str, list[tuple[str, bytes]]] = {}
        for name in sorted(filenames):
            if not name.endswith(".go"):
                continue
            path = Path(dirpath) / name
            data = path.read_bytes()
            m = _PKG.search(data)
            key = m.group(1).decode() if m else ""
            groups.setdefault(key, []).append((str(path.relative_to(src_root.parent)), data))
        rel = str(Path(dirpath).relative_to(src_root))
        for key in sorted(groups):
            importpath = rel if not key.endswith("_test") else rel + "_test"
            out.append((importpath, groups[key]))
    return out
