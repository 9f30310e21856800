"""P1-P3: what the `trace` aspect costs a Bazel build of e2e/app, as ratios to a plain build.

P1 cold: a new output base per run, `--disk_cache=`, no remote cache; the repository cache
  is warm and the repositories are fetched (and the server restarted) before the clock starts.
  e2e/app (a few packages: the runtime's closure is most of the instrumented build) and
  e2e/services, the large closure (grpc, protobuf, x/net, sqlite through cgo: hundreds of
  packages with the runtime's). `//...` less the go_instrumented_binary/_test targets, which
  apply the aspect themselves (a plain build of e2e/app would otherwise hold the runtime).
P2 incremental: one leaf function body edited in place (a new value every run), rebuilt,
  restored; the actions that ran come from the execution log. e2e/app and e2e/services.
P3 remote cache: BuildGrid filled by one build, `clean --expunge`, the hit rate of the rebuild.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench_lib import (
    LEAF_EDITS,
    REPO_ROOT,
    Bazel,
    LeafEdit,
    Row,
    Timings,
    executed,
    executed_seconds,
    host_go_caches,
    ratio,
    remove_tree,
    spawns,
)

sys.path.insert(0, str(REPO_ROOT / "e2e"))
from remote_cache_server import buildgrid  # noqa: E402

NO_CACHE = ("--disk_cache=",)
TRACE = ("--config=trace",)
INSTRUMENTED_ONLY = ("--config=trace", "--output_groups=instrumented")
INSTRUMENTED_MNEMONICS = {"GoInstrument", "GoInstrumentSummary", "GoCompilePkg", "GoLink"}


def _fresh_bazel(app: Path, scratch: Path, name: str) -> Bazel:
    output_base = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=scratch))
    return Bazel(app, output_base, host_go_caches())


def _cold_once(app: Path, flags: tuple[str, ...], targets: tuple[str, ...], scratch: Path) -> float:
    bazel = _fresh_bazel(app, scratch, "cold")
    try:
        # Fetch every repository (the aspect's too) and restart the server: the clock
        # then covers start-up, analysis and execution, not downloads.
        bazel.run("build", "--nobuild", *NO_CACHE, *TRACE, *targets)
        bazel.shutdown()
        return bazel.run("build", *NO_CACHE, *flags, *targets)
    finally:
        bazel.shutdown()
        remove_tree(bazel.output_base)


def _plain_targets(app: Path, scratch: Path) -> tuple[str, ...]:
    """//... without the go_instrumented_binary/_test targets: those apply the aspect
    themselves, so a plain build of them is no plain build."""
    bazel = _fresh_bazel(app, scratch, "query")
    try:
        rule_form = bazel.query('kind("_go_instrumented_", //...)')
    finally:
        bazel.shutdown()
        remove_tree(bazel.output_base)
    return ("--", "//...", *(f"-{label}" for label in rule_form))


def p1_cold(app: Path, runs: int, scratch: Path) -> list[Row]:
    """Cold builds of //... (the rule-form targets left out): --config=trace and
    instrumented-only, each over plain."""
    variants = ((), TRACE, INSTRUMENTED_ONLY)
    where = f"e2e/{app.name}"
    targets = _plain_targets(app, scratch)
    timings = {
        flags: Timings(Bazel(app, Path("OB")).shown("build", *NO_CACHE, *flags, *targets))
        for flags in variants
    }
    # Interleaved run by run, so a change in the machine's load weighs on every variant,
    # and rotated, so no variant always runs right after the same other one.
    for index in range(runs):
        for flags in variants[index % len(variants) :] + variants[: index % len(variants)]:
            seconds = _cold_once(app, flags, targets, scratch)
            timings[flags].seconds.append(seconds)
            print(f"  P1 {where} {' '.join(flags) or 'plain'} run {index + 1}: {seconds:.1f}s")
    plain, trace, only = (timings[flags] for flags in variants)
    return [
        Row(
            "P1",
            f"{where}: cold build, instrumented-only output group / plain",
            ratio(only, plain),
            (only.command, plain.command),
        ),
        Row("P1", f"{where}: cold build, --config=trace / plain", ratio(trace, plain), ()),
        Row(
            "P1",
            f"{where}: cold build seconds, plain / --config=trace / instrumented-only",
            f"{plain} / {trace} / {only}",
            (),
        ),
    ]


def _edit_and_build(bazel: Bazel, edit: LeafEdit, flags: tuple[str, ...], log: Path) -> float:
    with edit.applied(bazel.workspace):
        return bazel.run(
            "build", *NO_CACHE, *flags, f"--execution_log_json_file={log}", edit.target
        )


def p2_incremental(app: Path, runs: int, scratch: Path) -> list[Row]:
    """One leaf function edited: rebuild time with the aspect over without, and what ran."""
    edit = LEAF_EDITS[app.name]
    where = f"e2e/{app.name}"
    bazel = _fresh_bazel(app, scratch, "incremental")
    variants = ((), TRACE, INSTRUMENTED_ONLY)
    wall = {flags: Timings(bazel.shown("build", *flags, edit.target)) for flags in variants}
    work = {flags: Timings("summed wall time of the spawns that ran") for flags in variants}
    ran: dict[tuple[str, ...], list[str]] = {}
    try:
        # Every variant built once before the clock (from the machine's disk cache, when
        # it has the actions): the first build of each pays for analysis of its
        # configuration, which no later incremental build repeats.
        for flags in variants:
            bazel.run("build", *flags, edit.target)
        # Variants interleaved run by run, so a change in the machine's load between
        # runs weighs on every variant alike.
        for index in range(runs):
            for flags in variants:
                bazel.run("build", *NO_CACHE, *flags, edit.target)  # warm, from the original
                log = scratch / f"p2-{app.name}-{index}.json"
                wall[flags].seconds.append(_edit_and_build(bazel, edit, flags, log))
                work[flags].seconds.append(executed_seconds(log))
                ran[flags] = executed(log)
                print(f"  P2 {where} {' '.join(flags) or 'plain'} run {index + 1}: {wall[flags]}")
    finally:
        bazel.shutdown()
        remove_tree(bazel.output_base)
    plain, trace, only = (wall[flags] for flags in variants)
    return [
        Row(
            "P2",
            f"{where}: edit one leaf function, rebuild (wall): instrumented-only / plain",
            ratio(only, plain),
            (only.command, plain.command, f"edit {where}/{edit.file}: {edit.statement.strip()}"),
        ),
        Row(
            "P2",
            f"{where}: the same, summed time of the actions that ran: instrumented-only / plain",
            ratio(work[INSTRUMENTED_ONLY], work[()]),
            (),
        ),
        Row(
            "P2",
            f"{where}: the same, --config=trace (plain and instrumented outputs) / plain",
            ratio(trace, plain),
            (trace.command,),
        ),
        Row("P2", f"{where}: plain incremental (the denominator)", str(plain), ()),
        Row("P2", f"{where}: actions run, plain", ", ".join(ran[()]), ()),
        Row(
            "P2",
            f"{where}: actions run, instrumented-only",
            ", ".join(ran[INSTRUMENTED_ONLY]),
            (),
        ),
    ]


def p3_remote_cache(app: Path, scratch: Path) -> list[Row]:
    """Remote-cache hit rate of the instrumented build after clean --expunge (BuildGrid)."""
    bazel = _fresh_bazel(app, scratch, "remote")
    log = scratch / "p3.json"
    with buildgrid(Path(tempfile.mkdtemp(prefix="buildgrid-", dir=scratch))) as cache:
        flags = (*TRACE, "--config=ci", *cache.bazel_flags(), "//...")
        try:
            bazel.run("build", *flags)
            bazel.run("clean", "--expunge")
            bazel.run("build", *flags, f"--execution_log_json_file={log}")
        finally:
            bazel.shutdown()
            remove_tree(bazel.output_base)
    all_spawns = spawns(log)
    hits = Counter(spawn["mnemonic"] for spawn in all_spawns if spawn.get("cacheHit"))
    total = Counter(spawn["mnemonic"] for spawn in all_spawns)
    instr_hits = sum(hits[m] for m in INSTRUMENTED_MNEMONICS)
    instr_total = sum(total[m] for m in INSTRUMENTED_MNEMONICS)
    command = (
        bazel.shown("build", *TRACE, "--config=ci", "--remote_cache=grpc://...", *NO_CACHE, "//...")
        + "; bazel clean --expunge; the same again"
    )
    return [
        Row(
            "P3",
            f"remote hits after clean --expunge, {'/'.join(sorted(INSTRUMENTED_MNEMONICS))}",
            f"{instr_hits}/{instr_total} = {100 * instr_hits / max(instr_total, 1):.0f}%",
            (command,),
        ),
        Row(
            "P3",
            "remote hits after clean --expunge, every spawn",
            f"{sum(hits.values())}/{sum(total.values())}"
            f" ({', '.join(f'{m} {hits[m]}/{n}' for m, n in sorted(total.items()))})",
            (),
        ),
    ]
