"""The instrumenter runs on the Python toolchain the build resolves, never imposing its own.

A consumer workspace (e2e/smoke's Go sources) depends on rules_go_instrument and, after
it, on a module of its own that registers a Python toolchain, as rules_python 1.x does
with its hermetic interpreters: here Debian sid's python3.13 (e2e/sid_python.py), which
differs from the python3.11 that .bazelrc.offline's host toolchain names. Its .bazelrc
takes .bazelrc.offline's module overrides without that --extra_toolchains line. Had
rules_go_instrument registered a toolchain in its MODULE.bazel, that toolchain would
come first (bazel_dep order) and capture both the consumer's py_binary and the
instrumenter.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BAZEL, HOST_GO_MODCACHE, REPO_ROOT, Workspace, run_program
from sid_python import CACHE, sid_python313

# A consumer workspace with an output base of its own: minutes when cold (make test-slow).
pytestmark = pytest.mark.slow

SMOKE = REPO_ROOT / "e2e" / "smoke"

_TOOLCHAIN_MODULE = """\
module(name = "consumer_python", version = "1.0")

bazel_dep(name = "rules_python", version = "0.22.1")

register_toolchains("//:python313_toolchain")
"""

_TOOLCHAIN_BUILD = """\
load("@rules_python//python:defs.bzl", "py_runtime", "py_runtime_pair")

py_runtime(
    name = "python313",
    interpreter_path = "{interpreter}",
    python_version = "PY3",
)

py_runtime_pair(
    name = "runtime_pair",
    py3_runtime = ":python313",
)

toolchain(
    name = "python313_toolchain",
    toolchain = ":runtime_pair",
    toolchain_type = "@bazel_tools//tools/python:toolchain_type",
)
"""

_PY_BUILD = """\
load("@rules_python//python:defs.bzl", "py_binary")

py_binary(
    name = "which_python",
    srcs = ["which_python.py"],
)
"""

_WHICH_PYTHON = """\
import sys

print(f"{sys.version_info[0]}.{sys.version_info[1]} {sys.executable}")
"""


def _offline_rc() -> str:
    """.bazelrc.offline's lines (made by tools/bazel) but the host Python toolchain."""
    subprocess.run([str(BAZEL), "--version"], check=True, capture_output=True, timeout=1800)
    offline = REPO_ROOT / ".bazelrc.offline"
    if not offline.exists():  # a real Bazel with the Bazel Central Registry
        return ""
    lines = offline.read_text().splitlines(keepends=True)
    return "".join(line for line in lines if "--extra_toolchains" not in line)


def _consumer(root: Path, interpreter: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(SMOKE, root, ignore=shutil.ignore_patterns("bazel-*", ".bazelrc"))
    module = (SMOKE / "MODULE.bazel").read_text()
    module = module.replace('module(name = "smoke")', 'module(name = "py_consumer")')
    module = module.replace('path = "../.."', f'path = "{REPO_ROOT}"')
    # Toolchains register in breadth-first module order: consumer_python before
    # rules_python, whose Debian 0.22.1 registers Bazel's autodetecting toolchain.
    module += (
        '\nbazel_dep(name = "consumer_python", version = "1.0")\n'
        'local_path_override(module_name = "consumer_python", path = "consumer_python")\n'
        'bazel_dep(name = "rules_python", version = "0.22.1")\n'
    )
    (root / "MODULE.bazel").write_text(module)
    (root / "consumer_python").mkdir()
    (root / "consumer_python" / "MODULE.bazel").write_text(_TOOLCHAIN_MODULE)
    (root / "consumer_python" / "BUILD.bazel").write_text(
        _TOOLCHAIN_BUILD.format(interpreter=interpreter)
    )
    (root / "py").mkdir()
    (root / "py" / "BUILD.bazel").write_text(_PY_BUILD)
    (root / "py" / "which_python.py").write_text(_WHICH_PYTHON)
    (root / ".bazelrc").write_text(
        _offline_rc()
        + "common --lockfile_mode=off\n"
        + "build --incompatible_strict_action_env\n"
        + "build --disk_cache=~/.cache/rules_go_instrument/disk-cache\n"
        + "build:trace --aspects=@rules_go_instrument//rules:instrument.bzl%trace\n"
        + "build:trace --output_groups=+instrumented,+instrument_report\n"
    )


@pytest.fixture(scope="module")
def consumer() -> Iterator[tuple[Workspace, Path]]:
    interpreter = sid_python313()
    # Under the cache, at a fixed path: its output base is reused from run to run.
    root = CACHE / "workspaces" / "python-toolchains"
    _consumer(root, interpreter)
    output_base = CACHE / "output_bases" / "python-toolchains"
    workspace = Workspace(root, startup_options=(f"--output_base={output_base}",))
    try:
        workspace.bazel(
            "build", HOST_GO_MODCACHE, "--config=trace", "//cmd/smoke", "//py:which_python"
        )
        yield workspace, interpreter
    finally:
        workspace.bazel("shutdown", check=False)


def test_consumers_py_binary_runs_on_the_consumers_toolchain(
    consumer: tuple[Workspace, Path],
) -> None:
    workspace, interpreter = consumer
    result = workspace.bazel("run", HOST_GO_MODCACHE, "//py:which_python")
    assert result.stdout.strip() == f"3.13 {interpreter}"


def test_instrumenter_runs_on_the_resolved_toolchain(consumer: tuple[Workspace, Path]) -> None:
    workspace, interpreter = consumer
    # The py_binary stub of the instrumenter (exec configuration) names its interpreter.
    execroot_bin = Path(workspace.bazel("info", "output_path").stdout.strip())
    stubs = list(
        execroot_bin.glob("*-exec*/bin/external/rules_go_instrument*/tools/instrument/instrument")
    )
    assert stubs, f"no instrumenter stub under {execroot_bin}"
    for stub in stubs:
        assert f"PYTHON_BINARY = '{interpreter}'" in stub.read_text()
    bin_dir = Path(workspace.bazel("info", "bazel-bin").stdout.strip())
    report = (bin_dir / "cmd/smoke/smoke_instrumented.report.txt").read_text()
    assert "cmd/smoke/main.go:12: main <- sdk-start-in-main [prepend-statements]" in report
    run = run_program(bin_dir / "cmd/smoke/smoke_instrumented", "e2e", exporter="none", check=False)
    assert run.returncode == 0, run.stderr
