"""Every bad-rule path yields one `file:line:col: key.path: message` error, exit 1, no output."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import env_with_pythonpath

from go_instrument.cli import main

GO = b'package p\n\nimport "net/http"\n\nfunc F() { http.Get("x") }\n'

CASES = [
    (
        "type arguments in a method pattern",
        "rules:\n  - id: x\n    join-point:\n      function-call: (*a.b/c.Box[int]).Get\n"
        "    advice: [{wrap-expression: {template: x}}]\n",
        "rules.yaml:4:22: rules[0].join-point.function-call: function-call pattern "
        "'(*a.b/c.Box[int]).Get' names type arguments",
    ),
    (
        "type arguments in a function pattern",
        "rules:\n  - id: x\n    join-point:\n      function-call: a.b/c.Map[int, string]\n"
        "    advice: [{wrap-expression: {template: x}}]\n",
        "rules.yaml:4:22: rules[0].join-point.function-call: function-call pattern "
        "'a.b/c.Map[int, string]' names type arguments",
    ),
    (
        "malformed yaml",
        "rules: [\n  - id: x\n",
        "rules.yaml:2:3: YAML syntax error: while parsing a flow node",
    ),
    ("empty file", "", "rules.yaml:1:1: empty rule file"),
    (
        "unknown join point",
        "rules:\n  - id: x\n    join-point: {function-cal: a.B}\n"
        "    advice: [{defer: {template: x}}]\n",
        "rules.yaml:3:18: rules[0].join-point.function-cal: unknown key 'function-cal'",
    ),
    (
        "unknown advice",
        "rules:\n  - id: x\n    join-point: {function-body: {}}\n"
        "    advice:\n      - prepend: {template: x}\n",
        "rules.yaml:5:9: rules[0].advice[0].prepend: unknown key 'prepend'",
    ),
    (
        "wrong type",
        "rules:\n  - id: x\n    join-point:\n      function-call: 42\n"
        "    advice: [{defer: {template: x}}]\n",
        "rules.yaml:4:22: rules[0].join-point.function-call: 42 is not of type 'string', 'object'",
    ),
    (
        "missing key",
        "rules:\n  - id: x\n    advice: [{defer: {template: x}}]\n",
        "rules.yaml:2:5: rules[0]: 'join-point' is a required property",
    ),
    (
        "two keys in a join point",
        "rules:\n  - id: x\n    join-point: {main: true, package: a}\n"
        "    advice: [{defer: {template: x}}]\n",
        "rules.yaml:3:17: rules[0].join-point: expected exactly one of",
    ),
    (
        "jinja syntax error (block scalar line)",
        "rules:\n  - id: x\n    join-point: {function-call: net/http.Get}\n    advice:\n"
        "      - wrap-expression:\n          template: |\n            a\n            {{ expr }\n",
        "rules.yaml:8:13: rules[0].advice[0].wrap-expression.template: Jinja syntax error: "
        "unexpected '}'",
    ),
    (
        "jinja syntax error",
        "rules:\n  - id: x\n    join-point: {function-body: {}}\n    advice:\n"
        "      - defer:\n          template: |\n            a\n            {{ x }\n",
        "rules.yaml:8:13: rules[0].advice[0].defer.template: Jinja syntax error: unexpected '}'",
    ),
    (
        "advice not valid for join point",
        "rules:\n  - id: x\n    join-point: {function-call: a.B}\n"
        "    advice: [{defer: {template: x}}]\n",
        "rules.yaml:4:15: rules[0].advice[0].defer: defer cannot apply to a call join point",
    ),
    (
        "undeclared import",
        "rules:\n  - id: x\n    join-point: {function-body: {}}\n"
        "    advice: [{defer: {template: '{{ imports.y }}.F()'}}]\n",
        "rules.yaml:4:33: rules[0].advice[0].defer.template: template uses imports.y",
    ),
    (
        "mixed kinds in all-of",
        "rules:\n  - id: x\n    join-point:\n"
        "      all-of: [{function-body: {}}, {function-call: a.B}]\n"
        "    advice: [{defer: {template: x}}]\n",
        "rules.yaml:4:15: rules[0].join-point.all-of: cannot combine join points",
    ),
    (
        "only not",
        "rules:\n  - id: x\n    join-point:\n      all-of: [{not: {main: true}}]\n"
        "    advice: [{add-blank-import: embed}]\n",
        "rules.yaml:4:15: rules[0].join-point.all-of: needs at least one positive join point",
    ),
    (
        "wrap without expr",
        "rules:\n  - id: x\n    join-point: {function-call: net/http.Get}\n"
        "    advice: [{wrap-expression: {template: 'f()'}}]\n",
        "rules.yaml:4:43: rules[0].advice[0].wrap-expression.template: "
        "wrap-expression template must use {{ expr }}",
    ),
    (
        "duplicate key",
        "rules:\n  - id: x\n    id: y\n    join-point: {main: true}\n"
        "    advice: [{add-blank-import: embed}]\n",
        "rules.yaml:3:5: rules[0].id: duplicate key",
    ),
    (
        "duplicate rule id",
        "rules:\n  - id: x\n    join-point: {main: true}\n    advice: [{add-blank-import: embed}]\n"
        "  - id: x\n    join-point: {main: true}\n    advice: [{add-blank-import: embed}]\n",
        "rules.yaml:5:5: rules[1].id: duplicate rule id 'x'",
    ),
    # Errors found while rendering: the rule location plus the Go file:line.
    (
        "rendered code does not parse",
        "rules:\n  - id: x\n    join-point: {function-call: net/http.Get}\n"
        "    advice:\n      - wrap-expression:\n          template: '{{ expr }} +'\n",
        "rules.yaml:6:21: rules[0].advice[0].wrap-expression.template: rendered code does not "
        "parse as Go in src/p.go:5",
    ),
    (
        "expr rendered twice",
        "rules:\n  - id: x\n    join-point: {function-call: net/http.Get}\n"
        "    advice:\n      - wrap-expression:\n          template: '{{ expr }} + {{ expr }}'\n",
        "rules.yaml:6:21: rules[0].advice[0].wrap-expression.template: wrap-expression template "
        "must render {{ expr }} exactly once (rendered it 2 times) (at src/p.go:5)",
    ),
    (
        "undefined variable at render time",
        "rules:\n  - id: x\n    join-point: {function-body: {}}\n"
        "    advice: [{prepend-statements: {template: '{{ function.nme }}'}}]\n",
        "rules.yaml:4:46: rules[0].advice[0].prepend-statements.template: template failed for "
        "src/p.go:5: UndefinedError",
    ),
]


def _run(tmp_path: Path, rules_text: str) -> tuple[int, str, list[Path]]:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "p.go").write_bytes(GO)
    (tmp_path / "rules.yaml").write_text(rules_text)
    out = tmp_path / "out"
    err = io.StringIO()
    code = main(
        [
            "rewrite",
            "--importpath=example.com/p",
            "--rules=rules.yaml",
            "--src=src/p.go=out/p.go",
            "--imports-out=out/p.imports",
            "--map-out=out/p.map.json",
            "--report-out=out/p.report.json",
        ],
        stdout=io.StringIO(),
        stderr=err,
        root=str(tmp_path),
    )
    written = sorted(out.rglob("*")) if out.exists() else []
    return code, err.getvalue(), written


@pytest.mark.parametrize(("label", "rules_text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule_error(tmp_path: Path, label: str, rules_text: str, expected: str) -> None:
    code, err, written = _run(tmp_path, rules_text)
    assert code == 1, err
    assert err.startswith("error: " + expected), err
    assert err.count("\n") == 1, "exactly one line of error"
    assert "Traceback" not in err
    assert written == [], "no output may be written on error"


def test_check_subcommand_reports_error_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    join-point: {function-call: 42}\n    advice: []\n")
    r = subprocess.run(
        [sys.executable, "-m", "go_instrument", "check", str(bad)],
        capture_output=True,
        text=True,
        env=env_with_pythonpath(),
    )
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr.startswith(f"error: {bad}:3:33: rules[0].join-point.function-call:")
    assert "Traceback" not in r.stderr


def test_check_subcommand_ok(tmp_path: Path) -> None:
    good = Path(__file__).parent / "golden" / "function_call" / "rules.yaml"
    out = io.StringIO()
    assert main(["check", str(good)], stdout=out, stderr=io.StringIO()) == 0
    assert out.getvalue() == "ok: 4 rules in 1 files\n"
