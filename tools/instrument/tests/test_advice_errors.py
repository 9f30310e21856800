"""Advice that cannot apply at a match fails with the rule's location and the Go file:line."""

from __future__ import annotations

import pytest

from go_instrument.engine import rewrite_package
from go_instrument.rules import RuleError, load_rule_text

SRC = b"""package p

import (
	"net/http"
	"os"
)

func F(c *http.Client, req *http.Request) {
	_ = http.Server{":1", nil, nil}
	c.Do(req)
	_ = os.Getenv("A")
}
"""


def _fail(join_point: str, advice: str) -> str:
    rules = load_rule_text(
        "r.yaml",
        f"rules:\n  - id: x\n    join-point: {join_point}\n    advice:\n      - {advice}\n",
    )
    with pytest.raises(RuleError) as e:
        rewrite_package("example.com/p", [("p/p.go", SRC)], rules)
    return str(e.value)


def test_add_field_on_positional_literal() -> None:
    msg = _fail(
        "{struct-literal: {type: net/http.Server}}",
        "add-field: {field: Handler, template: h}",
    )
    assert msg.startswith("r.yaml:5:")
    assert "positional struct literal (at p/p.go:9)" in msg


def test_replace_function_on_a_method_call() -> None:
    msg = _fail("{function-call: '(*net/http.Client).Do'}", "replace-function: example.com/rt.Do")
    assert "cannot replace a method call's receiver (at p/p.go:10)" in msg


def test_replace_expression_removing_the_only_use_of_an_import() -> None:
    msg = _fail("{function-call: os.Getenv}", "replace-expression: {template: '\"\"'}")
    assert "only use of import 'os'" in msg and "p/p.go:11" in msg


def test_field_and_without_field_together() -> None:
    with pytest.raises(RuleError, match="either field or without-field"):
        load_rule_text(
            "r.yaml",
            "rules:\n  - id: x\n    join-point: {struct-literal: {type: a.B, field: C, "
            "without-field: C}}\n    advice: [{wrap-expression: {template: '{{ expr }}'}}]\n",
        )


def test_append_args_template_error_names_its_value() -> None:
    msg = _fail(
        "{function-call: os.Getenv}",
        "append-args: {type: string, values: ['a', '{{ nope }}']}",
    )
    assert msg.startswith("r.yaml:5:") and "values[1]" in msg and "p/p.go:11" in msg
