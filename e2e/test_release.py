"""tools/release.sh: a workspace outside the repository builds e2e/app from the archive alone."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import HOST_GO_MODCACHE, REPO_ROOT, Workspace, run_program

CACHE = Path(os.environ.get("RGI_CACHE", Path.home() / ".cache" / "rules_go_instrument"))
VERSION = "0.0.0-e2e"


def _release(out_dir: Path) -> dict[str, str]:
    result = subprocess.run(
        [str(REPO_ROOT / "tools" / "release.sh"), VERSION, str(out_dir)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return dict(re.findall(r"^([a-z0-9_]+): +(\S+)$", result.stdout, re.MULTILINE))


def _span_names(text: str) -> set[str]:
    decoder = json.JSONDecoder()
    names, index = set(), 0
    while rest := text[index:].lstrip():
        span, index = decoder.raw_decode(text, len(text) - len(rest))
        names.add(span["Name"])
    return names


def _consumer(root: Path, release: dict[str, str]) -> None:
    """e2e/app's sources with a MODULE.bazel that takes the module from the archive."""
    shutil.copytree(
        REPO_ROOT / "e2e" / "app",
        root,
        ignore=shutil.ignore_patterns("bazel-*", "MODULE.bazel", ".bazelrc"),
    )
    module = (REPO_ROOT / "e2e" / "app" / "MODULE.bazel").read_text()
    override = (
        "archive_override(\n"
        '    module_name = "rules_go_instrument",\n'
        f'    urls = ["file://{release["archive"]}"],\n'
        f'    integrity = "{release["integrity"]}",\n'
        f'    strip_prefix = "{release["strip_prefix"]}",\n'
        ")"
    )
    module, count = re.subn(r"local_path_override\([^)]*\)", override, module)
    assert count == 1
    module = module.replace('version = "0.1.0"', f'version = "{VERSION}"')
    (root / "MODULE.bazel").write_text(module)
    rc = (REPO_ROOT / "e2e" / "app" / ".bazelrc").read_text()
    rc = rc.replace("%workspace%/../../.bazelrc.offline", str(REPO_ROOT / ".bazelrc.offline"))
    (root / ".bazelrc").write_text(rc)


def test_archive_is_deterministic(tmp_path: Path) -> None:
    first = _release(tmp_path / "a")
    second = _release(tmp_path / "b")
    assert first["sha256"] == second["sha256"]
    assert first["integrity"].startswith("sha256-")


@pytest.mark.slow
def test_consumer_outside_the_repository_builds_the_instrumented_app(tmp_path: Path) -> None:
    release = _release(tmp_path / "dist")
    root = tmp_path / "consumer"
    _consumer(root, release)
    assert not root.resolve().is_relative_to(REPO_ROOT)
    output_base = CACHE / "output_bases" / "release-consumer"
    workspace = Workspace(root, startup_options=(f"--output_base={output_base}",))
    try:
        workspace.bazel("build", HOST_GO_MODCACHE, "--config=trace", "//cmd/orders")
        bin_dir = Path(workspace.bazel("info", "bazel-bin").stdout.strip())
    finally:
        workspace.bazel("shutdown", check=False)
    result = run_program(
        bin_dir / "cmd/orders/orders_instrumented", "apple,pear", exporter="console"
    )
    assert _span_names(result.stderr) == {"orders.run", "pricing.Quote", "store.Save"}


@pytest.mark.parametrize("version", ["", "1.2", "v1.2.3"])
def test_release_rejects_a_malformed_version(version: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(REPO_ROOT / "tools" / "release.sh"), version, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "usage: tools/release.sh VERSION" in result.stderr
