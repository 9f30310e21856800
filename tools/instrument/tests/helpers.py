"""Shared test oracles: Go's own parser (gofmt) and the line-directive position check."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from go_instrument.linemap import Resolver, line_starts, offset_to_line_col
from go_instrument.parse import parse


def gofmt_path() -> str | None:
    found = shutil.which("gofmt")
    if found:
        return found
    go = shutil.which("go")
    if go:
        root = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True).stdout.strip()
        cand = Path(root) / "bin" / "gofmt"
        if cand.exists():
            return str(cand)
    cand = Path("/usr/local/go/bin/gofmt")
    return str(cand) if cand.exists() else None


def go_path() -> str | None:
    """The `go` command (PATH, else next to gofmt's usual places)."""
    found = shutil.which("go")
    if found:
        return found
    cand = Path("/usr/local/go/bin/go")
    return str(cand) if cand.exists() else None


def gofmt_errors(paths: list[str]) -> str:
    """Run Go's parser over files; return its complaints ("" when all parse)."""
    gofmt = gofmt_path()
    assert gofmt is not None
    out: list[str] = []
    for i in range(0, len(paths), 200):
        r = subprocess.run([gofmt, "-e", "-l", *paths[i : i + 200]], capture_output=True, text=True)
        if r.returncode != 0 or r.stderr:
            out.append(r.stderr or f"gofmt exit {r.returncode}")
    return "".join(out)


def gofmt_failing(paths: list[str]) -> list[str]:
    """The files among `paths` that Go's parser rejects (batches, then one by one).

    gofmt's messages name positions through the files' line directives, so the failing file
    is found by re-running a failed batch file by file rather than by parsing messages.
    """
    failing: list[str] = []
    for i in range(0, len(paths), 200):
        batch = paths[i : i + 200]
        if gofmt_errors(batch):
            failing.extend(p for p in batch if gofmt_errors([p]))
    return failing


def check_positions(in_path: str, orig: bytes, out: bytes, fmap: dict) -> int:
    """Every original token must be copied byte for byte and, interpreting the output's line
    directives like the Go compiler does, sit at its original file:line:col.

    Token = leaf of the original syntax tree. The source map says where each original run of
    bytes went; the directive interpreter (independent of the engine's bookkeeping) says
    which position the compiler would report there. Returns the number of tokens checked.
    """
    gen_starts = line_starts(out)
    orig_starts = line_starts(orig)
    runs: list[tuple[int, int, int]] = []  # (orig_start, gen_start, length)
    for gl, gc, ol, oc, length in fmap["mappings"]:
        runs.append((orig_starts[ol - 1] + oc - 1, gen_starts[gl - 1] + gc - 1, length))
    runs.sort()
    for o, g, n in runs:
        assert out[g : g + n] == orig[o : o + n], f"{in_path}: run at {o} not copied verbatim"
    removed = [
        (orig_starts[ol - 1] + oc - 1, length) for ol, oc, length, _ in fmap.get("removed", [])
    ]
    total = sum(n for _, _, n in runs) + sum(n for _, n in removed)
    assert total == len(orig), f"{in_path}: original bytes missing"
    resolver = Resolver(out, in_path)
    base = Resolver(orig, in_path)  # positions the original itself reports (own directives)
    tree = parse(orig)
    import bisect

    keys = [r[0] for r in runs]
    checked = 0
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.child_count:
            stack.extend(node.children)
            continue
        if node.start_byte == node.end_byte:
            continue
        o = node.start_byte
        if any(r <= o < r + n for r, n in removed):
            continue  # replaced by advice on purpose (listed in the source map)
        i = bisect.bisect_right(keys, o) - 1
        ro, rg, _ = runs[i]
        g = rg + (o - ro)
        want = base.position(o)
        got = resolver.position(g)
        line, col = offset_to_line_col(orig_starts, o)
        assert (got.file, got.line) == (want.file, want.line), (
            f"{in_path}:{line}:{col} token {orig[o : node.end_byte]!r} maps to "
            f"{got.file}:{got.line}:{got.col}, want {want.file}:{want.line}:{want.col}"
        )
        if want.col:
            assert got.col == want.col, (
                f"{in_path}:{line}:{col} token {orig[o : node.end_byte]!r} column {got.col}"
            )
        checked += 1
    return checked


def write_tree(root: Path, files: dict[str, bytes]) -> list[str]:
    paths = []
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        paths.append(str(p))
    return paths


def env_with_pythonpath() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    return env
