"""A real REAPI remote cache (BuildGrid): instrumented builds are exact cache hits.

The instrumented build of e2e/app fills an empty BuildGrid from a new output base (CI's
config). A second checkout at another path, with another $HOME and so another output
base and install base (a laptop vs a CI runner), then runs the same build (a laptop's
config) and executes no spawn at all: GoInstrument, the compiles, the links and rules_go's
GoStdlib are all remote cache hits. That build is also what `bazel clean --expunge` would
leave (an empty output base), so no separate expunged rebuild is run: it would cost a
third build for a strictly weaker check. Counts come from Bazel's execution log, never
from its text output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Workspace
from remote_cache_server import RemoteCache, buildgrid, cache_root
from repo_files import copy_checkout, json_stream

# --symlink_prefix=/: no bazel-* links, so e2e/app's keep pointing at its usual output base.
BUILD = ("build", "--config=trace", "--symlink_prefix=/", "//...")
# The actions the promise is about; every other spawn must hit too.
INSTRUMENTED_MNEMONICS = ("GoInstrument", "GoInstrumentSummary", "GoCompilePkg", "GoLink")


@dataclass(frozen=True)
class Spawn:
    """One spawn of an execution log, keyed by what it produces."""

    mnemonic: str
    target: str
    outputs: tuple[str, ...]
    cache_hit: bool
    runner: str
    raw: dict

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.mnemonic, self.target, self.outputs)


def _spawns(log: Path) -> list[Spawn]:
    return [
        Spawn(
            mnemonic=raw["mnemonic"],
            target=raw.get("targetLabel", ""),
            outputs=tuple(sorted(raw.get("listedOutputs", []))),
            cache_hit=bool(raw.get("cacheHit")),
            runner=raw.get("runner", ""),
            raw=raw,
        )
        for raw in json_stream(log.read_text())
    ]


def _input_digests(spawn: Spawn) -> dict[str, str]:
    return {entry["path"]: entry.get("digest", {}).get("hash", "") for entry in spawn.raw["inputs"]}


def _why_missed(missed: Spawn, first: list[Spawn]) -> str:
    """What differs between a missed spawn and the first build's spawn of the same outputs."""
    twins = [spawn for spawn in first if spawn.key == missed.key]
    if not twins:
        return f"{missed.key}: no spawn of the first build made these outputs"
    twin = twins[0]
    lines = [f"{missed.mnemonic} {missed.target} ran ({missed.runner}):"]
    before, after = _input_digests(twin), _input_digests(missed)
    for path in sorted(set(before) | set(after)):
        if before.get(path) != after.get(path):
            lines.append(f"  input {path}: {before.get(path)} -> {after.get(path)}")
    for field in ("commandArgs", "environmentVariables", "platform"):
        if twin.raw.get(field) != missed.raw.get(field):
            lines.append(f"  {field}: {twin.raw.get(field)} -> {missed.raw.get(field)}")
    if len(lines) == 1:
        lines.append("  same inputs, command and platform: the first build's upload did not land")
    return "\n".join(lines)


def _bazel(
    root: Path, args: tuple[str, ...], env: dict[str, str] | None = None, check: bool = True
) -> str:
    # The checkout's own tools/bazel: it writes that checkout's .bazelrc.offline.
    bazel = root.parent.parent / "tools" / "bazel"
    result = subprocess.run(
        [str(bazel), *args],
        cwd=root,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if check and result.returncode != 0:
        pytest.fail(f"bazel {' '.join(args)} failed in {root}:\n{result.stderr[-6000:]}")
    return result.stdout


@dataclass(frozen=True)
class Builds:
    """Execution logs of the two builds of e2e/app against one BuildGrid."""

    first: list[Spawn]
    other_checkout: list[Spawn]


@pytest.fixture(scope="module")
def remote_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteCache]:
    with buildgrid(tmp_path_factory.mktemp("buildgrid")) as cache:
        yield cache


def _host_go_caches() -> dict[str, str]:
    """Gazelle's repository rules use this machine's Go caches in any output base: its tools
    and the modules are then not built and fetched again per output base. Repository rules
    only; no action sees these."""
    names = ("GOCACHE", "GOMODCACHE", "GOPATH")
    values = subprocess.run(["go", "env", *names], capture_output=True, text=True, check=True)
    return {
        "GO_REPOSITORY_USE_HOST_CACHE": "1",
        **dict(zip(names, values.stdout.splitlines(), strict=True)),
    }


@pytest.fixture(scope="module")
def builds(
    app: Workspace, remote_cache: RemoteCache, tmp_path_factory: pytest.TempPathFactory
) -> Builds:
    logs = tmp_path_factory.mktemp("execution_logs")
    # CI's config (reads and writes) for the first checkout, a laptop's (reads) for the other.
    ci = (*BUILD, "--config=ci", *remote_cache.bazel_flags())
    laptop = (*BUILD, "--config=remote-cache", *remote_cache.bazel_flags())
    output_base = tmp_path_factory.mktemp("output_base")
    startup = (f"--output_base={output_base}",)
    go_caches = _host_go_caches()
    try:
        repository_cache = _bazel(app.root, (*startup, "info", "repository_cache")).strip()
        first_log = f"--execution_log_json_file={logs}/first.json"
        _bazel(app.root, (*startup, *ci, first_log), go_caches)
    finally:
        _bazel(app.root, (*startup, "shutdown"), go_caches, check=False)
        shutil.rmtree(output_base, ignore_errors=True)

    checkout = copy_checkout(tmp_path_factory.mktemp("checkout"))
    # Another $HOME: another Bazel output user root (output base, install base) and Go
    # caches. RGI_CACHE keeps tools/bazel's sysroot (and BuildGrid) the machine's shared
    # ones, where a real laptop would run its own Bazel, and the downloads come from the
    # shared repository cache and Go caches to save time: none of them is an action input.
    home = str(tmp_path_factory.mktemp("home"))
    env = {**go_caches, "HOME": home, "RGI_CACHE": str(cache_root())}
    other_app = checkout / "e2e" / "app"
    try:
        other_log = f"--execution_log_json_file={logs}/other.json"
        _bazel(other_app, (*laptop, f"--repository_cache={repository_cache}", other_log), env)
    finally:
        _bazel(other_app, ("shutdown",), env, check=False)
    return Builds(first=_spawns(logs / "first.json"), other_checkout=_spawns(logs / "other.json"))


def _assert_all_remote_hits(rebuild: list[Spawn], first: list[Spawn]) -> None:
    missed = [spawn for spawn in rebuild if not spawn.cache_hit]
    assert missed == [], "\n".join(_why_missed(spawn, first) for spawn in missed)
    assert {spawn.runner for spawn in rebuild} == {"remote cache hit"}
    assert Counter(spawn.key for spawn in rebuild) == Counter(spawn.key for spawn in first)


def test_first_build_runs_every_action_and_fills_the_cache(builds: Builds) -> None:
    ran = Counter(spawn.mnemonic for spawn in builds.first if not spawn.cache_hit)
    assert all(ran[mnemonic] > 0 for mnemonic in INSTRUMENTED_MNEMONICS), ran
    assert ran["GoStdlib"] >= 1
    assert [spawn for spawn in builds.first if spawn.cache_hit] == []
    assert all(spawn.raw.get("remoteCacheable") for spawn in builds.first)


def test_another_checkout_home_and_output_base_execute_nothing(builds: Builds) -> None:
    hits = Counter(spawn.mnemonic for spawn in builds.other_checkout if spawn.cache_hit)
    # The instrumented actions were all looked up (and found): 0 of them executed.
    assert all(hits[mnemonic] > 0 for mnemonic in INSTRUMENTED_MNEMONICS), hits
    _assert_all_remote_hits(builds.other_checkout, builds.first)


def test_the_standard_library_is_compiled_once_for_the_target(builds: Builds) -> None:
    """gofacts, the one Go tool of the aspect, is built by go build (GoExecTool): no
    standard library compiled for the exec configuration as a go_binary there needs."""
    stdlibs = [spawn.outputs[0] for spawn in builds.first if spawn.mnemonic == "GoStdlib"]
    assert len(stdlibs) == 1 and "-exec" not in stdlibs[0], stdlibs
    gofacts = {spawn.mnemonic for spawn in builds.first if spawn.target.endswith("gofacts")}
    assert gofacts == {"GoExecTool"}
