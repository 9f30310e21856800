"""P6: Orchestrion (DataDog's -toolexec weaver) on the same app sources, as ratios to `go build`.

A scratch module holds e2e/app's Go sources with each `//trace:span NAME` directive turned
into Orchestrion's `//dd:span`, and an `orchestrion.tool.go` written by hand (what
`orchestrion pin` would write; pin itself cannot reach every module it wants from here).
Cold = an empty GOCACHE per run (the module cache is warm); incremental = one leaf function
body edited in place with a warm GOCACHE.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench_lib import LEAF_EDITS, Row, Timings, ratio, remove_tree

ORCHESTRION = "github.com/DataDog/orchestrion"
VERSION = "v1.15.0"
TOOL_FILE = """\
//go:build tools

// Orchestrion's weaving rules: written by hand, as `orchestrion pin` would.
package tools

import (
\t_ "github.com/DataDog/dd-trace-go/v2/ddtrace/tracer"
\t_ "github.com/DataDog/orchestrion"
)
"""
DIRECTIVE = re.compile(r"^//trace:span .*$", re.M)
LEAF = LEAF_EDITS["app"]  # the edit P2 makes to the same sources


def _cache_root() -> Path:
    base = os.environ.get("RGI_CACHE")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rules_go_instrument"


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} in {cwd} failed:\n{result.stderr[-4000:]}")
    return time.perf_counter() - start


def ensure_orchestrion() -> Path:
    """`go install` the pinned Orchestrion once per machine (cached); return the binary."""
    gobin = _cache_root() / f"orchestrion-{VERSION}"
    binary = gobin / "orchestrion"
    if not binary.exists():
        gobin.mkdir(parents=True, exist_ok=True)
        _run(["go", "install", f"{ORCHESTRION}@{VERSION}"], Path.cwd(), {"GOBIN": str(gobin)})
    return binary


def scratch_module(app: Path, destination: Path) -> Path:
    """e2e/app's sources (Go files and what they embed) with Orchestrion's directives, tidied."""
    for source in sorted(app.rglob("*")):
        relative = source.relative_to(app)
        if relative.parts[0].startswith("bazel-") or not source.is_file():
            continue
        if source.name in ("BUILD.bazel", "MODULE.bazel", ".bazelrc"):
            continue
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".go":
            target.write_text(DIRECTIVE.sub("//dd:span", source.read_text()))
        else:
            shutil.copy2(source, target)
    (destination / "orchestrion.tool.go").write_text(TOOL_FILE)
    _run(["go", "mod", "tidy"], destination, {"GOFLAGS": "-mod=mod"})
    return destination


def p6_orchestrion(app: Path, runs: int, scratch: Path) -> list[Row]:
    orchestrion = ensure_orchestrion()
    module = scratch_module(app, Path(tempfile.mkdtemp(prefix="orchestrion-app-", dir=scratch)))
    commands = {
        "go": ["go", "build", "-o", os.devnull, "./cmd/orders"],
        "orchestrion": [str(orchestrion), "go", "build", "-o", os.devnull, "./cmd/orders"],
    }
    cold = {name: Timings(f"GOCACHE=$(mktemp -d) {' '.join(c)}") for name, c in commands.items()}
    warm = {
        name: Timings(f"edit pricing.go; {' '.join(c)} (warm GOCACHE)")
        for name, c in commands.items()
    }
    for index in range(runs):
        for name, command in commands.items():
            gocache = Path(tempfile.mkdtemp(prefix="gocache-", dir=scratch))
            env = {"GOCACHE": str(gocache)}
            try:
                cold[name].seconds.append(_run(command, module, env))
                with LEAF.applied(module):
                    warm[name].seconds.append(_run(command, module, env))
            finally:
                remove_tree(gocache)
            print(f"  P6 {name} run {index + 1}: cold {cold[name].seconds[-1]:.1f}s")
    return [
        Row(
            "P6",
            f"Orchestrion {VERSION} cold GOCACHE: orchestrion go build / go build",
            ratio(cold["orchestrion"], cold["go"]),
            (cold["orchestrion"].command, cold["go"].command),
        ),
        Row(
            "P6",
            "Orchestrion incremental (one leaf edited): orchestrion go build / go build",
            ratio(warm["orchestrion"], warm["go"]),
            (warm["orchestrion"].command,),
        ),
        Row("P6", "go build cold / incremental", f"{cold['go']} / {warm['go']}", ()),
        Row(
            "P6",
            "orchestrion go build cold / incremental",
            f"{cold['orchestrion']} / {warm['orchestrion']}",
            (),
        ),
    ]
