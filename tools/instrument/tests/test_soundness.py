"""The soundness check: reproducers of rewrites that used to exit 0 with wrong Go."""

from __future__ import annotations

import pytest

from go_instrument.engine import rewrite_package
from go_instrument.rules import RuleError, load_rule_text
from go_instrument.tokens import COMMENT, SEMI, tokenize

SRC = b"""package p

import "net/http"

func f() int { return 1 }

func g() int {
	return f() + 41
}

func h() *http.Server {
	return &http.Server{Handler: nil, Addr: ":1"}
}
"""


def _rules(advice: str, join_point: str = "{function-call: example.com/p.f}") -> list:
    return load_rule_text(
        "r.yaml",
        f"rules:\n  - id: bad\n    join-point: {join_point}\n    advice:\n{advice}",
    )


def _rewrite(rules: list, src: bytes = SRC):
    return rewrite_package("example.com/p", [("p/p.go", src)], rules)


def _wrap(template: str) -> str:
    return f"      - wrap-expression:\n          template: {template}\n"


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ('"{{ expr }} // traced"', "merges with neighbouring code"),
        ('"{{ expr }} /* unclosed"', "merges with neighbouring code"),
        ('"{{ expr }} + \'"', "leaves a comment, string or rune open"),
        ('"x{{ expr }}"', "does not parse"),
        ('"{{ expr }})"', "closes a bracket the original code opened"),
        ('"({{ expr }}"', "bad"),
    ],
)
def test_template_text_that_breaks_tokens_is_refused(template: str, reason: str) -> None:
    with pytest.raises(RuleError) as e:
        _rewrite(_rules(_wrap(template)))
    msg = str(e.value)
    assert msg.startswith("r.yaml:6:21: rules[0].advice[0].wrap-expression.template: "), msg
    assert "p/p.go:8" in msg, msg
    if reason != "bad":
        assert reason in msg, msg


def test_newline_after_expr_in_composite_literal_is_refused() -> None:
    rules = _rules(
        _wrap('"{{ expr }}\\n/* end */"'),
        "{struct-literal: {type: net/http.Server, field: Handler}}",
    )
    with pytest.raises(RuleError) as e:
        _rewrite(rules)
    assert "p/p.go:12" in str(e.value) and "ends a statement" in str(e.value)


def test_newline_inside_inserted_braces_is_fine() -> None:
    rules = _rules(_wrap('"func() int {\\n\\treturn {{ expr }}\\n}()"'))
    out = _rewrite(rules).files[0].output
    assert b"return func() int {\n\treturn " in out


def test_user_string_that_looks_like_a_placeholder_is_kept() -> None:
    src = b'package p\n\nimport "fmt"\n\nfunc f() { fmt.Println("__instr_imp_0_0__", 1) }\n'
    rules = load_rule_text(
        "r.yaml",
        """
rules:
  - id: w
    join-point: {function-call: fmt.Println}
    imports: {otel: go.opentelemetry.io/otel}
    advice:
      - wrap-expression:
          template: "{{ imports.otel }}.W({{ call.args_text }}, {{ expr }})"
""",
    )
    out = rewrite_package("p", [("p/p.go", src)], rules).files[0].output
    assert out.count(b'"__instr_imp_0_0__"') == 2
    assert b"otel.W(" in out


def test_already_instrumented_output_is_passed_through() -> None:
    rules = _rules(_wrap('"t({{ expr }})"'))
    once = _rewrite(rules).files[0].output
    again = rewrite_package("example.com/p", [("p/p.go", once)], rules)
    assert again.files[0].output == once
    assert again.matches == []
    assert "already carries this engine's instrumentation" in again.warnings[0]


def test_two_replacements_of_one_call_conflict() -> None:
    rules = _rules(
        "      - replace-expression: {template: 'a()'}\n"
        "      - replace-expression: {template: 'b()'}\n"
    )
    with pytest.raises(RuleError, match="two advice replace the same code"):
        _rewrite(rules)


def test_tokenizer_semicolons_and_comments() -> None:
    toks = tokenize(b"x := f()\n// c\nreturn /* a\nb */ y")
    kinds = [t.kind for t in toks]
    assert kinds.count(SEMI) == 3  # after `)`, after `return` (comment with newline), at EOF
    assert kinds.count(COMMENT) == 2
