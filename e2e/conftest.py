"""Shared fixtures: run Bazel (through tools/bazel) inside an e2e workspace."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BAZEL = REPO_ROOT / "tools" / "bazel"


def json_stream(text: str) -> Iterator[dict]:
    """The objects of concatenated JSON: Bazel's --execution_log_json_file, span lines."""
    decoder = json.JSONDecoder()
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            return
        value, index = decoder.raw_decode(text, index)
        yield value


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
