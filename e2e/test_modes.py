"""The trace aspect under rules_go's build modes: race, pure, cross-compilation, cgo, coverage."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Workspace, run_program

TRACE = ("--config=trace", "--output_groups=instrumented")
ELF_MACHINE_AARCH64 = 0xB7
ELF_MACHINE_X86_64 = 0x3E


def _elf_machine(path: Path) -> int:
    header = path.read_bytes()[:20]
    assert header[:4] == b"\x7fELF", f"{path} is not an ELF file"
    return int.from_bytes(header[18:20], "little")


def _run(binary: Path, *args: str, exporter: str | None = None) -> str:
    result = run_program(binary, *args, exporter=exporter)
    return result.stdout + result.stderr


PT_INTERP = 3


def _has_program_interpreter(path: Path) -> bool:
    """Whether an ELF64 binary asks for a dynamic loader (a PT_INTERP program header)."""
    data = path.read_bytes()
    phoff = int.from_bytes(data[0x20:0x28], "little")
    phentsize = int.from_bytes(data[0x36:0x38], "little")
    phnum = int.from_bytes(data[0x38:0x3A], "little")
    for i in range(phnum):
        start = phoff + i * phentsize
        if int.from_bytes(data[start : start + 4], "little") == PT_INTERP:
            return True
    return False


def _race_runtime(path: Path) -> bool:
    """Whether the binary links the race detector's runtime (ThreadSanitizer)."""
    return b"__tsan_" in path.read_bytes()


def test_race_mode_links_the_race_runtime(app: Workspace) -> None:
    binary = app.root / "bazel-bin/cmd/orders/orders_instrumented"
    app.bazel("build", *TRACE, "//cmd/orders")
    assert not _race_runtime(binary)  # the default build does not: the check can fail
    app.bazel("build", *TRACE, "--@rules_go//go/config:race", "//cmd/orders")
    assert _race_runtime(binary)
    output = _run(binary, "plum")
    assert "order " in output and "1 orders" in output


def test_pure_mode_links_statically(app: Workspace) -> None:
    app.bazel("build", *TRACE, "--@rules_go//go/config:pure", "//cmd/orders")
    binary = app.root / "bazel-bin/cmd/orders/orders_instrumented"
    assert _elf_machine(binary) == ELF_MACHINE_X86_64
    assert not _has_program_interpreter(binary)  # cgo off: no dynamic loader
    output = _run(binary, "plum")
    assert "order " in output and "1 orders" in output


def test_instrumented_binary_cross_compiles_to_arm64(app: Workspace) -> None:
    app.bazel("build", *TRACE, "--platforms=@rules_go//go/toolchain:linux_arm64", "//cmd/orders")
    binary = app.root / "bazel-bin/cmd/orders/orders_instrumented"
    assert _elf_machine(binary) == ELF_MACHINE_AARCH64


def test_cgo_package_is_instrumented_and_still_calls_c(app: Workspace) -> None:
    app.bazel("build", *TRACE, "//cmd/native")
    binary = app.root / "bazel-bin/cmd/native/native_instrumented"
    assert _elf_machine(binary) == ELF_MACHINE_X86_64
    output = _run(binary, "abc", exporter="console")
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
