"""`rewrite --only-provided-imports`: advice may inject only imports the build provides."""

from __future__ import annotations

from pathlib import Path

import pytest

from go_instrument.cli import main
from go_instrument.provided import is_standard_library

RULES = """\
rules:
  - id: span
    join-point: {function-body: {name: work}}
    imports: {rt: example.com/runtime, fmt: fmt}
    advice:
      - prepend-statements:
          template: "{{ imports.rt }}.Hello(); {{ imports.fmt }}.Println()"
"""
SOURCE = "package p\n\nfunc work() {\n}\n"


def _rewrite(tmp_path: Path, *provided: str) -> tuple[int, Path]:
    (tmp_path / "rules.yaml").write_text(RULES)
    (tmp_path / "p.go").write_text(SOURCE)
    out = tmp_path / "out.go"
    argv = ["rewrite", "--importpath", "example.com/p", "--rules", str(tmp_path / "rules.yaml")]
    argv += ["--src", f"{tmp_path / 'p.go'}={out}", "--only-provided-imports"]
    for name in ("imports", "map", "report"):
        argv += [f"--{name}-out", str(tmp_path / name)]
    for path in provided:
        argv += ["--provided-import", path]
    return main(argv), out


def test_provided_imports_pass(tmp_path: Path) -> None:
    code, out = _rewrite(tmp_path, "example.com/runtime")
    assert code == 0
    assert "example.com/runtime" in out.read_text()
    assert (tmp_path / "imports").read_text() == "example.com/runtime\nfmt\n"


def test_unprovided_import_fails_at_the_rule_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _rewrite(tmp_path, "example.com/other")
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'rules.yaml'}:2:5: rules[0].imports.rt: ")
    assert "'example.com/runtime'" in err and "provided: example.com/other" in err
    assert not out.exists() and not (tmp_path / "report").exists()


@pytest.mark.parametrize(
    ("path", "std"),
    [("fmt", True), ("net/http", True), ("example.com/x", False), ("golang.org/x/y", False)],
)
def test_standard_library_is_told_by_the_first_path_element(path: str, std: bool) -> None:
    assert is_standard_library(path) is std
