"""`make bench`: P1-P7 as ratios measured in one run on this machine, then one table.

    python bench/run.py [--runs N] [--only P1,P2,...]

Each section prints its rows as soon as it is done (a long run still leaves figures behind),
then the whole table is printed again at the end. Not part of `make test`: the figures are
read by people, never asserted.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_lib import REPO_ROOT, Row, copy_checkout, machine, print_table, remove_tree

HERE = Path(__file__).resolve().parent


def p4_throughput(runs: int) -> list[Row]:
    """The existing throughput benchmark over GOROOT/src (best of `runs`), its MB/s lines."""
    command = [sys.executable, str(HERE / "throughput.py"), "--repeat", str(runs)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    lines = output.splitlines()
    rows = [Row("P4", lines[0], "", (f"python bench/throughput.py --repeat {runs}",))]
    for label, figures in zip(lines[1:], lines[2:], strict=False):
        if re.search(r"MB/s", figures) and not re.search(r"MB/s", label):
            rows.append(Row("P4", f"instrumenter, best of {runs}: {label}", figures.strip(), ()))
    rows += [
        Row("P4", line, "", ()) for line in lines if line.startswith(("files changed", "rewrite /"))
    ]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (min/median)")
    parser.add_argument("--only", default="P1,P2,P3,P4,P5,P6", help="comma-separated figures")
    parser.add_argument(
        "--throughput-runs", type=int, default=1, help="passes over GOROOT/src for P4's MB/s"
    )
    parser.add_argument(
        "--p1-apps",
        default="app,services",
        help="e2e workspaces P1 builds cold (services: the large closure)",
    )
    parser.add_argument(
        "--p2-apps",
        default="app,services",
        help="e2e workspaces P2 edits and rebuilds (services: a gRPC service)",
    )
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    header = f"rules_go_instrument benchmarks, {args.runs} runs each\nmachine: {machine()}"
    print(header, flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="rgi-bench-"))
    app = copy_checkout(scratch / "repo") / "e2e" / "app"
    rows: list[Row] = []

    # Imported here: each section needs only its own tools (Bazel, BuildGrid, Orchestrion).
    from build_bench import p1_cold, p2_incremental, p3_remote_cache
    from facts_bench import p7_type_facts
    from latency import p5_latency
    from orchestrion_bench import p6_orchestrion
    from worker_overhead import p4_worker

    sections: list[tuple[str, Callable[[], list[Row]]]] = [
        ("P5", lambda: p5_latency(app.parent.parent, args.runs, scratch)),
        ("P2", lambda: for_apps(p2_incremental, args.p2_apps)),
        ("P6", lambda: p6_orchestrion(app, args.runs, scratch)),
        ("P3", lambda: p3_remote_cache(app, scratch)),
        ("P4", lambda: p4_worker() + p4_throughput(args.throughput_runs)),
        ("P1", lambda: for_apps(p1_cold, args.p1_apps)),
        ("P7", lambda: p7_type_facts(app, scratch)),
    ]

    def for_apps(measure: Callable[[Path, int, Path], list[Row]], names: str) -> list[Row]:
        """The rows of measure(e2e workspace, runs, scratch) for each of the named ones."""
        return [
            row
            for name in names.split(",")
            for row in measure(app.parent / name, args.runs, scratch)
        ]

    failed = False
    try:
        for name, section in sections:
            if name not in wanted:
                continue
            try:
                new = section()
            except (RuntimeError, subprocess.CalledProcessError) as error:
                new = [Row(name, "FAILED", str(error)[-1500:], ())]
                failed = True
            print_table(new, f"[{name} done]")
            rows += new
    finally:
        remove_tree(scratch)
    print_table(sorted(rows, key=lambda row: row.figure), header)
    print(f"(from {REPO_ROOT})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
