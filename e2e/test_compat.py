"""The CI matrix: e2e/app traced under other rules_go versions and with Bazel 8's flags.

The rest of the e2e suite runs on MODULE.bazel's versions (the oldest supported
rules_go); each configuration here builds and runs the app once, in an output
base of its own (kept under the cache, so later runs are incremental).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import HOST_GO_MODCACHE, REPO_ROOT, Workspace, run_program

pytestmark = pytest.mark.slow

APP = REPO_ROOT / "e2e" / "app"
CACHE = Path(os.environ.get("RGI_CACHE", Path.home() / ".cache" / "rules_go_instrument"))
TARGETS = ("//cmd/orders", "//cmd/native", "//pricing:pricing_test")
# The flags whose defaults Bazel 8 flips, as far as Bazel 7.7 knows them.
BAZEL8_FLAGS = (
    "--incompatible_use_plus_in_repo_names",
    "--incompatible_disallow_empty_glob",
    "--incompatible_autoload_externally=",
)


@dataclass(frozen=True)
class Config:
    """One extra configuration of the matrix."""

    name: str
    env: dict[str, str] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    go_version: str = ""  # expected in the binaries; "" for the host's Go


CONFIGS = [
    Config("rules_go_0.60", env={"RGI_RULES_GO_VERSION": "0.60.0"}),
    Config("rules_go_0.62", env={"RGI_RULES_GO_VERSION": "0.62.0"}),
    Config("bazel8_flags", flags=BAZEL8_FLAGS),
    # tools/bazel binds `go env GOROOT` into the sysroot: with GOTOOLCHAIN set,
    # that is the SDK the go command fetched from the Go module proxy, which
    # go_sdk.host() then finds on PATH. Go 1.27 with cgo needs rules_go 0.62.
    Config(
        "go_1.27.3",
        env={"GOTOOLCHAIN": "go1.27.3", "RGI_RULES_GO_VERSION": "0.62.0"},
        go_version="go1.27.3",
    ),
]


def _json_values(text: str) -> Iterator[dict]:
    decoder = json.JSONDecoder()
    index = 0
    while (index := _skip_space(text, index)) < len(text):
        value, index = decoder.raw_decode(text, index)
        yield value


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _run(binary: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_program(binary, *args, exporter="console", cwd=cwd, check=False)


@pytest.fixture(scope="module", params=CONFIGS, ids=lambda config: config.name)
def matrix_build(request: pytest.FixtureRequest) -> Iterator[tuple[Config, Path]]:
    config: Config = request.param
    output_base = CACHE / "output_bases" / f"compat-{config.name}"
    workspace = Workspace(APP, startup_options=(f"--output_base={output_base}",), env=config.env)
    try:
        workspace.bazel("build", *config.flags, HOST_GO_MODCACHE, "--config=trace", *TARGETS)
        bin_dir = workspace.bazel("info", *config.flags, "bazel-bin").stdout.strip()
        yield config, Path(bin_dir)
    finally:
        workspace.bazel("shutdown", check=False)


def test_traced_app_runs_in_configuration(matrix_build: tuple[Config, Path]) -> None:
    config, bin_dir = matrix_build
    if config.go_version:
        binary = (bin_dir / "cmd/orders/orders_instrumented").read_bytes()
        assert config.go_version.encode() in binary  # runtime.Version()
    orders = _run(bin_dir / "cmd/orders/orders_instrumented", "apple,pear", "plum")
    assert orders.returncode == 0, orders.stderr
    assert "2 orders" in orders.stdout
    names = sorted({span["Name"] for span in _json_values(orders.stderr)})
    assert names == ["orders.run", "pricing.Quote", "store.Save"]

    native = _run(bin_dir / "cmd/native/native_instrumented", "abc")
    assert native.returncode == 0, native.stderr
    assert "abc 294" in native.stdout + native.stderr  # summed in C: cgo works
    assert "native.Checksum" in native.stderr

    test = _run(bin_dir / "pricing/pricing_test_instrumented", "-test.v", cwd=bin_dir / "pricing")
    assert test.returncode == 0, test.stdout + test.stderr
    assert "--- PASS: TestQuote " in test.stdout


def test_unsupported_rules_go_fails_analysis_naming_the_range() -> None:
    output_base = CACHE / "output_bases" / "compat-rules_go_0.53"
    workspace = Workspace(
        APP,
        startup_options=(f"--output_base={output_base}",),
        env={"RGI_RULES_GO_VERSION": "0.53.0"},
    )
    try:
        result = workspace.bazel(
            "build", "--nobuild", HOST_GO_MODCACHE, "--config=trace", "//cmd/orders", check=False
        )
    finally:
        workspace.bazel("shutdown", check=False)
    assert result.returncode != 0
    assert (
        "rules_go_instrument supports rules_go 0.57.0 to 0.62.x, but this build resolved "
        "rules_go 0.53.0"
    ) in result.stderr, result.stderr[-4000:]
