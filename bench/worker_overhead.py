"""P4 (second half): per-action cost of the instrumenter, persistent worker vs one process each.

The same GoInstrument request (e2e/app's pricing package, the built-in trace rules) is sent
N times to one `--persistent_worker` process, and run N times as a fresh
`python -m go_instrument rewrite` process. The difference per action is what the worker
saves; Bazel's py_binary launcher adds more on top of a fresh process, so this is a floor.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_lib import REPO_ROOT, Row

INSTRUMENT = REPO_ROOT / "tools" / "instrument"
RULES = REPO_ROOT / "aspects" / "trace.yaml"
SOURCES = [REPO_ROOT / "e2e" / "app" / "pricing" / "pricing.go"]  # only read


def _arguments(out: Path, index: int) -> list[str]:
    args = ["rewrite", "--importpath", "example.com/app/pricing", "--rules", str(RULES)]
    for source in SOURCES:
        args += ["--src", f"{source}={out / f'{index}-{source.name}'}"]
    for name in ("imports-out", "map-out", "report-out"):
        args += [f"--{name}", str(out / f"{index}-{name}")]
    return args


def _per_process(count: int, out: Path) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(INSTRUMENT)}
    seconds = []
    for index in range(count):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "go_instrument", *_arguments(out, index)], env=env, check=True
        )
        seconds.append(time.perf_counter() - start)
    return seconds


def _per_request(count: int, out: Path) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(INSTRUMENT)}
    worker = subprocess.Popen(
        [sys.executable, "-m", "go_instrument", "--persistent_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert worker.stdin is not None and worker.stdout is not None
    seconds = []
    try:
        # The first request pays for imports and rule compilation, as Bazel's first does.
        for index in range(count + 1):
            request = {"arguments": _arguments(out, index), "requestId": index + 1}
            start = time.perf_counter()
            worker.stdin.write(json.dumps(request) + "\n")
            worker.stdin.flush()
            response = json.loads(worker.stdout.readline())
            elapsed = time.perf_counter() - start
            if response["exitCode"] != 0:
                raise RuntimeError(f"worker request failed: {response['output']}")
            if index:
                seconds.append(elapsed)
    finally:
        worker.stdin.close()
        worker.wait(timeout=30)
    return seconds


def p4_worker(count: int = 30) -> list[Row]:
    with tempfile.TemporaryDirectory() as scratch:
        process = _per_process(count, Path(scratch))
        request = _per_request(count, Path(scratch))
    proc_ms = 1000 * statistics.median(process)
    req_ms = 1000 * statistics.median(request)
    command = f"PYTHONPATH=tools/instrument python -m go_instrument rewrite ... ({count}x)"
    return [
        Row(
            "P4",
            "GoInstrument per action: one process each / persistent worker (median ms)",
            f"{proc_ms:.0f} ms / {req_ms:.1f} ms = {proc_ms / req_ms:.0f}x;"
            f" the worker saves {proc_ms - req_ms:.0f} ms per action",
            (command, "the same requests over --persistent_worker (JSON protocol)"),
        ),
        Row("P4", "worker overhead per action (its whole request, median)", f"{req_ms:.1f} ms", ()),
    ]
