"""The rules_go_instrument module itself: its Go runtime tests and its instrumenter under Bazel."""

from __future__ import annotations

import yaml
from conftest import REPO_ROOT, Workspace

ROOT = Workspace(REPO_ROOT)


def test_root_module_builds_and_its_go_tests_pass() -> None:
    result = ROOT.bazel("test", "//...")
    assert "//aspects/runtime:runtime_test" in result.stdout + result.stderr


def test_instrumenter_py_binary_checks_the_builtin_rules() -> None:
    # pip.parse's tree-sitter, PyYAML, Jinja2 and jsonschema load inside Bazel.
    result = ROOT.bazel(
        "run", "//tools/instrument:instrument", "--", "check", f"{REPO_ROOT}/aspects/trace.yaml"
    )
    rules = yaml.safe_load((REPO_ROOT / "aspects" / "trace.yaml").read_text())["rules"]
    assert result.stdout.strip() == f"ok: {len(rules)} rules in 1 files"


def test_instrumenter_reports_bad_rules_with_file_and_line(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    join-point: {function-bodyy: {}}\n    advice: []\n")
    result = ROOT.bazel(
        "run", "//tools/instrument:instrument", "--", "check", str(bad), check=False
    )
    assert result.returncode != 0
    assert f"{bad}:3:" in result.stderr
