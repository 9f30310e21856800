"""Type facts: the gofacts document, its errors, and what the engine does with and without."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from host_facts import make_facts

from go_instrument.cli import main
from go_instrument.engine import rewrite_package
from go_instrument.facts import FactsError, parse_facts
from go_instrument.rules import load_rule_files

SRC = b"""package p

import "net/http"

type S struct{ c *http.Client }

func (s S) F(req *http.Request) { s.c.Do(req) }
"""

RULES = """rules:
  - id: do
    join-point:
      function-call: (*net/http.Client).Do
    advice:
      - wrap-expression:
          template: "wrap({{ expr }})"
"""


def _rules(tmp_path: Path):
    (tmp_path / "rules.yaml").write_text(RULES)
    return load_rule_files([str(tmp_path / "rules.yaml")])


def test_field_call_matches_with_facts_only(tmp_path: Path) -> None:
    files = [("p/a.go", SRC)]
    facts, _ = make_facts("example.com/p", files)
    rules = _rules(tmp_path)
    typed = rewrite_package("example.com/p", files, rules, facts=facts)
    plain = rewrite_package("example.com/p", files, rules)
    assert [m.rule for m in typed.matches] == ["do"]
    assert typed.types == "facts"
    assert plain.matches == [] and plain.types == "syntax"


def test_facts_are_byte_identical_across_directories() -> None:
    files = [("p/a.go", SRC)]
    _, one = make_facts("example.com/p", files)
    _, two = make_facts("example.com/p", files)
    assert one == two
    assert b"/tmp" not in one


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{", "f.json: not a type facts file"),
        (b'{"version": 9}', "f.json: type facts version 9, this engine reads 1"),
        (b'{"version": 1, "importpath": "p"}', "f.json: malformed type facts: KeyError"),
        (
            b'{"version": 1, "importpath": "p", "errors": [], "files": [{"path": "a.go", '
            b'"calls": [{"start": 5, "end": 2, "callee": "x"}], "literals": [], '
            b'"shadowed": []}]}',
            "f.json: malformed type facts: ValueError: bad span 5..2",
        ),
    ],
)
def test_bad_facts_file(data: bytes, message: str) -> None:
    with pytest.raises(FactsError) as e:
        parse_facts("f.json", data)
    assert str(e.value).startswith(message)


def test_cli_rewrite_with_facts_and_mismatched_importpath(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.go").write_bytes(SRC)
    _, raw = make_facts("example.com/p", [("src/a.go", SRC)])
    (tmp_path / "facts.json").write_bytes(raw)
    (tmp_path / "rules.yaml").write_text(RULES)

    def run(importpath: str) -> tuple[int, str]:
        err = io.StringIO()
        code = main(
            [
                "rewrite",
                f"--importpath={importpath}",
                "--rules=rules.yaml",
                "--facts=facts.json",
                "--src=src/a.go=out/a.go",
                "--imports-out=out/imports.txt",
                "--map-out=out/map.json",
                "--report-out=out/report.json",
            ],
            stdout=io.StringIO(),
            stderr=err,
            root=str(tmp_path),
        )
        return code, err.getvalue()

    assert run("example.com/p") == (0, "")
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["types"] == "facts" and [m["rule"] for m in report["matches"]] == ["do"]
    assert b"wrap(" in (tmp_path / "out" / "a.go").read_bytes()
    code, err = run("example.com/other")
    assert code == 1
    assert err == (
        "error: type facts are for 'example.com/p', not for the package 'example.com/other'\n"
    )


def test_facts_without_an_interface_a_rule_names_are_refused(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(
        "rules:\n  - id: readers\n    join-point:\n"
        "      function-body: {result-implements: io.Reader}\n"
        "    advice:\n      - prepend-statements: {template: '_ = 0'}\n"
    )
    rules = load_rule_files([str(tmp_path / "rules.yaml")])
    files = [("p/a.go", SRC)]
    facts, _ = make_facts("example.com/p", files)  # made without -interfaces
    with pytest.raises(FactsError) as e:
        rewrite_package("example.com/p", files, rules, facts=facts)
    assert str(e.value) == (
        "type facts of example.com/p were made without interface io.Reader (named by rule "
        "readers): give gofacts the profile's interfaces"
    )


def test_interfaces_subcommand_lists_what_type_filters_name(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "rules:\n  - id: a\n    join-point:\n      function-body: {result-implements: io.Reader,"
        " argument-implements: error}\n    advice:\n      - prepend-statements: {template: x}\n"
        "  - id: b\n    join-point:\n      function-call: {call: a.b/c.F, "
        "final-result-implements: error}\n    advice:\n"
        "      - wrap-expression: {template: '{{ expr }}'}\n"
    )
    (tmp_path / "b.yaml").write_text(RULES)
    code = main(
        ["interfaces", "--out", "out/ifaces.txt", "a.yaml", "b.yaml"],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        root=str(tmp_path),
    )
    assert code == 0
    assert (tmp_path / "out" / "ifaces.txt").read_text() == "error\nio.Reader\n"
