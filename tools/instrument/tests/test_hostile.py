"""Hostile input is bounded: rule files (YAML, patterns, templates) and deep Go nesting end
in one clear error with a location, never a hang, a memory blow-up or a RecursionError."""

from __future__ import annotations

import pytest

from go_instrument.engine import rewrite_package
from go_instrument.rules import RuleError, load_rule_text

_BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
_NOTS = (
    "rules:\n  - id: x\n    join-point: "
    + "{not: " * 400
    + "{main: true}"
    + "}" * 400
    + "\n    advice: [{defer: {template: x()}}]\n"
)


def _template_rule(template: str) -> str:
    return (
        "rules:\n  - id: x\n    join-point: {main: true}\n"
        f"    advice: [{{prepend-statements: {{template: '{template}'}}}}]\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_BOMB, "more than 100000 YAML nodes once aliases are expanded"),
        ("rules: &a\n  - *a\n", "r.yaml:1:8: rules[0]: an alias refers to a node containing it"),
        ("rules: " + "[" * 2000 + "]" * 2000, "r.yaml:1:57: nested more than 50 levels deep"),
        (_NOTS, "nested more than 50 levels deep"),
        (
            "rules:\n  - id: x\n    join-point: {function-call: '(foo*'}\n"
            "    advice: [{wrap-expression: {template: 'f({{ expr }})'}}]\n",
            "r.yaml:3:33: rules[0].join-point.function-call: bad function-call pattern '(foo*'",
        ),
    ],
    ids=["alias-bomb", "self-alias", "deep-list", "nested-not", "bad-call-pattern"],
)
def test_hostile_rule_files_fail_at_load(text: str, expected: str) -> None:
    with pytest.raises(RuleError) as e:
        load_rule_text("r.yaml", text)
    assert expected in str(e.value)
    assert str(e.value).startswith("r.yaml:")


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{% for i in range(100000) %}{% endfor %}", "range of 100000 items"),
        (
            "{% set r = range(10000) %}{% for i in r %}{% for j in r %}{% for k in r %}"
            "{% endfor %}{% endfor %}{% endfor %}",
            "rendering took longer than",
        ),
        ('{{ "a"*10**8 }}', "exceed the output limit"),
        ("{{ 10**1000000 }}", "exponent"),
        ('{% for i in range(9999) %}{{ "a" * 9999 }}{% endfor %}', "rendered more than"),
        ("{{ rule.__class__.__mro__ }}", "SecurityError|UndefinedError|unsafe"),
    ],
    ids=["big-range", "nested-loops", "big-string", "big-power", "big-output", "sandbox"],
)
def test_template_rendering_is_bounded(template: str, expected: str) -> None:
    rules = load_rule_text("r.yaml", _template_rule(template))
    src = b"package main\n\nfunc main() {\n}\n"
    with pytest.raises(RuleError, match=expected) as e:
        rewrite_package("main", [("main.go", src)], rules)
    assert str(e.value).startswith("r.yaml:4:")
    assert "main.go:3" in str(e.value)


def test_deeply_nested_go_type_is_handled() -> None:
    deep = "[]" * 1500
    src = f'package p\n\nimport "context"\n\nfunc F(ctx context.Context, y {deep}int) {{}}\n'
    rules = load_rule_text(
        "r.yaml",
        "rules:\n  - id: f\n    join-point: {function-body: {has-param-of-type: context.Context}}\n"
        '    advice: [{prepend-statements: {template: "println()"}}]\n',
    )
    result = rewrite_package("p", [("p/deep.go", src.encode())], rules)
    assert b"{ println()\n" in result.files[0].output
