"""Type facts made by tools/gofacts with the host Go, for tests outside Bazel.

The tool is built once per test session; the dependencies' export data comes from
`go list -export` (gofacts -go-list), so inputs may import the standard library only.
"""

from __future__ import annotations

import functools
import subprocess
import tempfile
from pathlib import Path

from helpers import go_path

from go_instrument.facts import TypeFacts, parse_facts

REPO = Path(__file__).resolve().parents[3]


@functools.cache
def gofacts_binary() -> Path:
    """tools/gofacts built with the host Go into a temporary directory (once)."""
    go = go_path()
    assert go is not None, "the Go toolchain is required to make type facts"
    out = Path(tempfile.mkdtemp(prefix="gofacts-")) / "gofacts"
    subprocess.run([go, "build", "-o", str(out), "./tools/gofacts"], cwd=REPO, check=True)
    return out


def make_facts(
    importpath: str, files: list[tuple[str, bytes]], interfaces: tuple[str, ...] = ()
) -> tuple[TypeFacts, bytes]:
    """Facts of a package whose files are given as (relative path, bytes); the paths in
    the facts are those relative paths, as the engine sees them. `interfaces`: what the
    implements lists are computed for (the rules' type filters)."""
    with tempfile.TemporaryDirectory(prefix="facts-") as tmp:
        root = Path(tmp)
        for rel, data in files:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        out = root / "facts.json"
        cmd = [str(gofacts_binary()), "-importpath", importpath, "-go-list", "-o", str(out)]
        if interfaces:
            (root / "interfaces.txt").write_text("".join(f"{i}\n" for i in interfaces))
            cmd += ["-interfaces", "interfaces.txt"]
        subprocess.run([*cmd, *(rel for rel, _ in files)], cwd=root, check=True)
        raw = out.read_bytes()
    return parse_facts("facts.json", raw), raw
