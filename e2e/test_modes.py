"""The trace aspect under rules_go's build modes: race, pure, cross-compilation, cgo, coverage."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import Workspace

TRACE = ("--config=trace", "--output_groups=instrumented")
ELF_MACHINE_AARCH64 = 0xB7
ELF_MACHINE_X86_64 = 0x3E


def _elf_machine(path: Path) -> int:
    header = path.read_bytes()[:20]
    assert header[:4] == b"\x7fELF", f"{path} is not an ELF file"
    return int.from_bytes(header[18:20], "little")


def _run(binary: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(binary), *args], capture_output=True, text=True, timeout=60, env=env, check=True
    )
    return result.stdout + result.stderr


@pytest.mark.parametrize(
    "flag", ["--@rules_go//go/config:race", "--@rules_go//go/config:pure"], ids=["race", "pure"]
)
def test_instrumented_binary_builds_and_runs_in_mode(app: Workspace, flag: str) -> None:
    app.bazel("build", *TRACE, flag, "//cmd/orders")
    output = _run(app.root / "bazel-bin/cmd/orders/orders_instrumented", "plum")
    assert "order " in output and "1 orders" in output


def test_instrumented_binary_cross_compiles_to_arm64(app: Workspace) -> None:
    app.bazel("build", *TRACE, "--platforms=@rules_go//go/toolchain:linux_arm64", "//cmd/orders")
    binary = app.root / "bazel-bin/cmd/orders/orders_instrumented"
    assert _elf_machine(binary) == ELF_MACHINE_AARCH64


def test_cgo_package_is_instrumented_and_still_calls_c(app: Workspace) -> None:
    app.bazel("build", *TRACE, "//cmd/native")
    binary = app.root / "bazel-bin/cmd/native/native_instrumented"
    assert _elf_machine(binary) == ELF_MACHINE_X86_64
    output = _run(binary, "abc", env={"OTEL_TRACES_EXPORTER": "console"})
    assert "abc 294" in output  # 97 + 98 + 99, summed in C
    spans = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert [span["Name"] for span in spans] == ["native.Checksum"]


def test_bazel_coverage_runs_the_instrumented_test(app: Workspace) -> None:
    result = app.bazel(
        "coverage",
        "--config=trace",
        "--nocache_test_results",
        "--instrumentation_filter=//pricing",
        "//pricing:pricing_traced_test",
    )
    assert "//pricing:pricing_traced_test" in result.stdout + result.stderr
    log = (app.root / "bazel-testlogs/pricing/pricing_traced_test/test.log").read_text()
    assert "coverage: 100.0% of statements" in log
