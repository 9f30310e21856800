"""Go sources with syntax errors: pass through when untouched, fail with file:line otherwise."""

from __future__ import annotations

from go_instrument.engine import rewrite_package
from go_instrument.rules import load_rule_text

RULES = load_rule_text(
    "r.yaml",
    """
rules:
  - id: f
    join-point: {function-body: {name: Good}}
    advice: [{prepend-statements: {template: "println()"}}]
""",
)
BROKEN = b"package p\n\nfunc Broken() {\n\tx := \n}\n"
GOOD = b"package p\n\nfunc Good() {}\n"


def test_untouched_broken_file_passes_through_with_warning() -> None:
    result = rewrite_package("p", [("p/broken.go", BROKEN), ("p/good.go", GOOD)], RULES)
    outs = {f.path: f.output for f in result.files}
    assert outs["p/broken.go"] == BROKEN
    assert outs["p/good.go"] == b"package p\n\nfunc Good() { println()\n/*line p/good.go:3:14*/}\n"
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("p/broken.go:4:")
    assert "left uninstrumented" in result.warnings[0]


def test_touched_broken_declaration_is_refused_with_its_line() -> None:
    broken = BROKEN.replace(b"Broken", b"Good")
    result = rewrite_package("p", [("p/broken.go", broken)], RULES)
    assert result.files[0].output == broken
    assert result.matches == []
    assert [w.split(": ")[0] for w in result.warnings] == ["p/broken.go:4:6"]


def test_other_declarations_of_a_broken_file_are_still_rewritten() -> None:
    # One declaration tree-sitter cannot parse must not turn off the whole file.
    src = b"package p\n\nfunc Bad() { x := }\n\nfunc Good() {\n}\n"
    rules = load_rule_text(
        "r.yaml",
        "rules:\n  - id: f\n    join-point: {function-body: {}}\n"
        '    advice: [{prepend-statements: {template: "println()"}}]\n',
    )
    result = rewrite_package("p", [("p/x.go", src)], rules)
    assert [m.target for m in result.matches] == ["Good"]
    assert b"func Good() { println()\n" in result.files[0].output
    assert b"func Bad() { x := }" in result.files[0].output
    assert result.warnings[0].startswith("p/x.go:3:")


def test_unmatched_package_is_not_parsed_and_copied() -> None:
    # No rule can match (no `Good` in the bytes): byte-identical, no parse, no warning.
    result = rewrite_package("p", [("p/broken.go", BROKEN)], RULES)
    assert result.files[0].output == BROKEN
    assert result.warnings == [] and result.package_name == "p"
    full = rewrite_package("p", [("p/broken.go", BROKEN)], RULES, prefilter=False)
    assert full.files[0].output == BROKEN and len(full.warnings) == 1
