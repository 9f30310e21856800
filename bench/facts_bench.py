"""P7: what the type facts (GoTypeFacts, tools/gofacts) cost an instrumented cold build.

One cold build of e2e/app (`--config=trace //...`, a new output base, `--disk_cache=`, the
repositories fetched before the clock starts) with an execution log; from its spawns: each
GoTypeFacts action's time, their sum as a share of all actions' time, and what building
gofacts itself took (its GoExecTool action).
Run alone: `python bench/facts_bench.py`; `make bench` runs it as P7.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
from pathlib import Path

from bench_lib import REPO_ROOT, Bazel, Row, copy_checkout, print_table, remove_tree, spawns

COLD = ("--config=trace", "--disk_cache=")
_DURATION = re.compile(r"^([0-9.]+)s$")


def _seconds(spawn: dict) -> float:
    """A spawn's wall time: Bazel writes Durations as strings like "1.250s"."""
    metrics = spawn.get("metrics") or {}
    for value in (spawn.get("walltime"), metrics.get("totalTime")):
        if isinstance(value, str) and (m := _DURATION.match(value)):
            return float(m.group(1))
    return 0.0


def _is_gofacts_tool(spawn: dict) -> bool:
    return spawn.get("targetLabel", "").endswith("//tools/gofacts:gofacts")


def measure(log: Path) -> list[Row]:
    """The P7 rows from the execution log of one cold instrumented build."""
    ran = [s for s in spawns(log) if not s.get("cacheHit")]
    facts = sorted(_seconds(s) for s in ran if s.get("mnemonic") == "GoTypeFacts")
    if not facts:
        raise RuntimeError(f"{log}: no GoTypeFacts action ran")
    total = sum(_seconds(s) for s in ran)
    rewrite = sum(_seconds(s) for s in ran if s.get("mnemonic") == "GoInstrument")
    tool = sum(_seconds(s) for s in ran if _is_gofacts_tool(s))
    return [
        Row(
            "P7",
            f"GoTypeFacts per package ({len(facts)} packages)",
            f"median {statistics.median(facts):.2f}s, max {facts[-1]:.2f}s, sum {sum(facts):.1f}s",
            (),
        ),
        Row(
            "P7",
            "GoTypeFacts share of all actions' time, cold instrumented build",
            f"{sum(facts) / total:.1%} (GoInstrument: {rewrite / total:.1%}; "
            f"all actions {total:.0f}s)",
            (),
        ),
        Row(
            "P7",
            "building gofacts itself (GoExecTool), share of all actions",
            f"{tool:.0f}s, {tool / total:.1%} (once per machine with a disk cache)",
            (),
        ),
    ]


def p7_type_facts(app: Path, scratch: Path) -> list[Row]:
    """One cold `--config=trace //...` build of `app`, measured from its execution log."""
    bazel = Bazel(app, Path(tempfile.mkdtemp(prefix="facts-", dir=scratch)))
    log = scratch / "facts-exec.json"
    try:
        bazel.run("build", "--nobuild", *COLD, "//...")
        bazel.shutdown()
        bazel.run("build", *COLD, f"--execution_log_json_file={log}", "//...")
        rows = measure(log)
    finally:
        bazel.shutdown()
        remove_tree(bazel.output_base)
    shown = Bazel(app, Path("OB")).shown(
        "build", *COLD, "--execution_log_json_file=exec.json", "//..."
    )
    first = rows[0]
    return [Row(first.figure, first.what, first.value, (shown,)), *rows[1:]]


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="rgi-facts-bench-"))
    try:
        app = copy_checkout(scratch / "repo") / "e2e" / "app"
        print_table(p7_type_facts(app, scratch), f"type facts cost (from {REPO_ROOT})")
    finally:
        remove_tree(scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
