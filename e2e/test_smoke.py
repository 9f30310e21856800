"""e2e/smoke: go_binary -> go_library -> go.opentelemetry.io/otel, built by Bazel."""

from __future__ import annotations

import re

from conftest import Workspace


def _required_version(workspace: Workspace, module: str) -> str:
    go_mod = (workspace.root / "go.mod").read_text()
    match = re.search(rf"^\s*{re.escape(module)} v(\S+)", go_mod, re.MULTILINE)
    assert match, f"{module} is not required in {workspace.root}/go.mod"
    return match.group(1)


def test_smoke_app_runs_with_the_otel_module_from_go_mod(smoke: Workspace) -> None:
    result = smoke.bazel("run", "//cmd/smoke", "--", "e2e")
    otel_version = _required_version(smoke, "go.opentelemetry.io/otel")
    assert result.stdout.strip() == (
        f"hello, e2e (go.opentelemetry.io/otel {otel_version}, recording=false)"
    )


def test_smoke_binary_is_a_cached_bazel_output(smoke: Workspace) -> None:
    smoke.bazel("build", "//cmd/smoke")
    rebuild = smoke.bazel("build", "//cmd/smoke")
    # A second build of unchanged sources must not run a single action.
    assert re.search(r"INFO: (\d+) process(es)?: \1 internal\.", rebuild.stderr) or (
        "0 processes" in rebuild.stderr
    ), rebuild.stderr[-2000:]
