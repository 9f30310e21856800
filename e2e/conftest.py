"""Shared fixtures: run Bazel (through tools/bazel) inside an e2e workspace."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from repo_files import REPO_ROOT as REPO_ROOT
from repo_files import json_stream as json_stream

BAZEL = REPO_ROOT / "tools" / "bazel"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="run the tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked slow (the rules_go/Go/Bazel-8 matrix, the release and Python toolchain
    consumers, the sysroots of their own) run with `make test-slow`, not in `make test`."""
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with `make test-slow`")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


# For tests that build from an output base of their own (the compatibility matrix, the
# release and toolchain consumers): gazelle's go_repository then reads Go modules from
# the machine's module cache instead of downloading each into every output base.
HOST_GO_MODCACHE = "--repo_env=GO_REPOSITORY_USE_HOST_MODCACHE=1"


def run_program(
    binary: Path,
    *args: str,
    exporter: str | None = None,
    cwd: Path | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Runs a built program for at most 60 s and captures its output as text.

    exporter, if given, is its OTEL_TRACES_EXPORTER: `console` writes the spans to stderr
    as JSON, `none` exports nothing.
    """
    env = dict(os.environ)
    if exporter is not None:
        env["OTEL_TRACES_EXPORTER"] = exporter
    return subprocess.run(
        [str(binary), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env=env,
        check=check,
    )


@dataclass(frozen=True)
class Workspace:
    """One e2e workspace and the Bazel that builds it."""

    root: Path
    startup_options: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)

    def bazel(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(BAZEL), *self.startup_options, *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=1800,
            env={**os.environ, **self.env} if self.env else None,
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"bazel {' '.join(args)} failed in {self.root} (exit {result.returncode}):\n"
                f"{result.stderr[-6000:]}"
            )
        return result


@pytest.fixture(scope="session")
def smoke() -> Workspace:
    return Workspace(REPO_ROOT / "e2e" / "smoke")


@pytest.fixture(scope="session")
def app() -> Workspace:
    return Workspace(REPO_ROOT / "e2e" / "app")
