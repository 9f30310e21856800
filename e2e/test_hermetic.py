"""Hermetic GoInstrument actions: same bytes from another output base, no host paths, no network."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT, Workspace

OUTPUT_GROUPS = "--output_groups=instrumented,instrument_srcs,instrument_report,instrument_map"
TARGETS = ("//cmd/orders", "//pricing:pricing_test")
# Sandboxed, offline, and with no cache to answer: every action really runs.
# The sandboxed strategy also replaces the persistent worker with the plain
# process fallback of the instrumenter.
STRICT = (
    "--spawn_strategy=sandboxed",
    "--strategy=GoInstrument=sandboxed",
    "--sandbox_default_allow_network=false",
    "--disk_cache=",
)


def _instrumented_outputs(bin_dir: Path) -> dict[str, bytes]:
    outputs = {}
    for path in sorted(bin_dir.rglob("*")):
        relative = path.relative_to(bin_dir).as_posix()
        in_instr_dir = "_instr_" in relative
        summary = path.name.endswith((".report.json", ".report.txt"))
        if path.is_file() and (in_instr_dir or summary or relative.endswith("_instrumented")):
            if not path.name.endswith(".params"):
                outputs[relative] = path.read_bytes()
    return outputs


@pytest.fixture(scope="module")
def two_builds(app: Workspace, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, bytes]]:
    builds = []
    for name in ("first", "second"):
        output_base = tmp_path_factory.mktemp(f"output_base_{name}")
        startup = (f"--output_base={output_base}",)
        other = Workspace(app.root, startup_options=startup)
        try:
            other.bazel("build", "--config=trace", OUTPUT_GROUPS, *STRICT, *TARGETS)
            bin_dir = Path(other.bazel("info", "bazel-bin").stdout.strip())
            builds.append(_instrumented_outputs(bin_dir))
        finally:
            other.bazel("shutdown", check=False)
            shutil.rmtree(output_base, ignore_errors=True)
    return builds


def test_outputs_are_byte_identical_across_output_bases(two_builds: list[dict[str, bytes]]) -> None:
    first, second = two_builds
    assert "cmd/orders/orders_instrumented" in first
    assert "pricing/pricing_instr_srcs/pricing.go" in first
    assert "pricing/pricing_instr_srcs/facts.json" in first  # GoTypeFacts' output
    assert "cmd/orders/orders_instrumented.report.json" in first  # the binary's summary
    assert "cmd/orders/orders_instrumented.report.txt" in first
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_outputs_hold_no_host_paths(two_builds: list[dict[str, bytes]]) -> None:
    host_paths = [str(REPO_ROOT).encode(), str(Path.home()).encode(), b"/tmp/"]
    for name, content in two_builds[0].items():
        if name.endswith("_instrumented"):
            continue  # binaries: the linker's own business, compared above
        for host_path in host_paths:
            assert host_path not in content, f"{name} contains {host_path!r}"
