"""Shared pieces of `make bench`: timings, Bazel runs, execution logs, the printed table."""

from __future__ import annotations

import contextlib
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# The e2e helpers that need no pytest (copying a checkout, reading execution logs).
sys.path.insert(0, str(REPO_ROOT / "e2e"))
from repo_files import copy_checkout as copy_checkout  # noqa: E402
from repo_files import json_stream  # noqa: E402


def machine() -> str:
    """One line naming the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{platform.node()}: {os.cpu_count()} x {cpu}, {mem_gib:.0f} GiB, "
        f"{platform.system()} {platform.release()}, load average at start {load}"
    )


@dataclass
class Timings:
    """Wall-clock seconds of repeated runs of one command."""

    command: str
    seconds: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def __str__(self) -> str:
        return f"min {self.min:.1f}s median {self.median:.1f}s (n={len(self.seconds)})"


@dataclass(frozen=True)
class Row:
    """One figure of the table: what, the value, and how it was measured."""

    figure: str
    what: str
    value: str
    commands: tuple[str, ...]


@dataclass(frozen=True)
class LeafEdit:
    """P2's edit: a statement of one leaf function's body, replaced by a new one each run."""

    file: Path
    statement: str
    edited: str  # {n} is a new number every run
    target: str

    @contextlib.contextmanager
    def applied(self, root: Path) -> Iterator[None]:
        """The leaf under root edited with a new number while the block runs, then restored."""
        leaf = root / self.file
        original = leaf.read_text()
        new = self.edited.format(n=2 + uuid.uuid4().int % 10**9)
        edited = original.replace(self.statement, new, 1)
        if edited == original:
            raise RuntimeError(f"{leaf}: no {self.statement.strip()!r} to edit")
        leaf.write_text(edited)
        try:
            yield
        finally:
            leaf.write_text(original)


# A leaf of a library each workspace's binary links; e2e/app's (a tiny program whose
# plain link is short) and e2e/services' (a gRPC service: its plain link already holds
# grpc and protobuf, like most services).
LEAF_EDITS = {
    "app": LeafEdit(Path("pricing/pricing.go"), "\treturn 1\n", "\treturn {n}\n", "//cmd/orders"),
    "services": LeafEdit(
        Path("prices/prices.go"),
        "\treturn out.GetValue(), err\n",
        "\t_ = {n}\n\treturn out.GetValue(), err\n",
        "//cmd/frontend",
    ),
}


def ratio(numerator: Timings, denominator: Timings) -> str:
    """'x.xx (min) / x.xx (median)' of two timings measured in the same run."""
    return (
        f"{numerator.min / denominator.min:.2f} (min) / "
        f"{numerator.median / denominator.median:.2f} (median)"
    )


def print_table(rows: Sequence[Row], header: str) -> None:
    print(header)
    print(f"{'':-<100}")
    for row in rows:
        print(f"{row.figure:4} {row.what}")
        print(f"     = {row.value}")
        for command in row.commands:
            print(f"       $ {command}")
    print(f"{'':-<100}", flush=True)


def host_go_caches() -> tuple[tuple[str, str], ...]:
    """Environment that makes gazelle's repository rules use this machine's Go caches in a
    new output base: its tools and the modules are not built and fetched again for each
    cold run (untimed work, but minutes of it). Repository rules only; no action sees it."""
    names = ("GOCACHE", "GOMODCACHE", "GOPATH")
    values = subprocess.run(["go", "env", *names], capture_output=True, text=True, check=True)
    pairs = zip(names, values.stdout.splitlines(), strict=True)
    return (("GO_REPOSITORY_USE_HOST_CACHE", "1"), *pairs)


@dataclass(frozen=True)
class Bazel:
    """tools/bazel in one workspace with one output base."""

    workspace: Path
    output_base: Path
    env: tuple[tuple[str, str], ...] = ()

    def command(self, *args: str) -> list[str]:
        # The checkout's own tools/bazel: it reads and writes that checkout's files.
        bazel = self.workspace.parent.parent / "tools" / "bazel"
        return [str(bazel), f"--output_base={self.output_base}", *args]

    def run(self, *args: str) -> float:
        """Run Bazel; return its wall-clock seconds; fail loudly on a failed build."""
        start = time.perf_counter()
        self._checked(*args)
        return time.perf_counter() - start

    def query(self, expression: str) -> list[str]:
        """The labels `bazel query EXPRESSION` prints."""
        return self._checked("query", expression).stdout.split()

    def _checked(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            self.command(*args),
            cwd=self.workspace,
            capture_output=True,
            text=True,
            env={**os.environ, **dict(self.env)},
        )
        if result.returncode != 0:
            raise RuntimeError(f"{shlex.join(self.command(*args))} failed: {result.stderr[-1500:]}")
        return result

    def shutdown(self) -> None:
        subprocess.run(self.command("shutdown"), cwd=self.workspace, capture_output=True)

    def shown(self, *args: str) -> str:
        """The command as a user would type it (output base elided)."""
        return f"(cd e2e/{self.workspace.name} && bazel {shlex.join(args)})"


def remove_tree(path: Path) -> None:
    """Delete a scratch tree, Bazel's read-only output directories included."""
    subprocess.run(["chmod", "-R", "u+w", str(path)], capture_output=True)
    shutil.rmtree(path, ignore_errors=True)


def spawns(log: Path) -> list[dict]:
    return list(json_stream(log.read_text()))


def executed_seconds(log: Path) -> float:
    """Summed wall time of the spawns that really ran (no cache hit): the build's work,
    without Bazel's own fixed cost per build."""
    total = 0.0
    for spawn in spawns(log):
        if not spawn.get("cacheHit"):
            total += float(spawn.get("metrics", {}).get("totalTime", "0s").rstrip("s") or 0)
    return total


def executed(log: Path) -> list[str]:
    """'Mnemonic target' of every spawn that really ran (no cache hit), sorted."""
    return sorted(
        f"{spawn['mnemonic']} {spawn.get('targetLabel', '')}"
        for spawn in spawns(log)
        if not spawn.get("cacheHit")
    )
