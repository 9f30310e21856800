"""go_test hands over `foo` and `foo_test` files together; only this package's are rewritten."""

from __future__ import annotations

import pytest

from go_instrument.engine import rewrite_package
from go_instrument.rules import load_rule_files

RULES = b"""\
rules:
  - id: mark
    join-point: {function-body: {name: "*"}}
    advice:
      - prepend-statements:
          template: "_ = 0"
"""
FILES = [
    ("p/lib.go", b"package p\n\nfunc Lib() {\n}\n"),
    ("p/lib_test.go", b"package p\n\nfunc internalHelper() {\n}\n"),
    ("p/ext_test.go", b"package p_test\n\nfunc externalHelper() {\n}\n"),
]


@pytest.mark.parametrize(
    ("importpath", "package", "rewritten"),
    [
        ("example.com/p", "p", {"p/lib.go", "p/lib_test.go"}),
        ("example.com/p_test", "p_test", {"p/ext_test.go"}),
    ],
    ids=["internal", "external"],
)
def test_only_files_of_the_package_named_by_the_import_path_change(
    importpath: str, package: str, rewritten: set[str]
) -> None:
    rules = load_rule_files(["rules.yaml"], read=lambda _: RULES)
    result = rewrite_package(importpath, FILES, rules)
    assert result.package_name == package
    assert {f.path for f in result.files if f.changed} == rewritten
    assert {m.file for m in result.matches} == rewritten
    sources = dict(FILES)
    for f in result.files:
        if f.path not in rewritten:
            assert f.output == sources[f.path]


def test_an_external_test_package_without_files_of_its_own_rewrites_nothing() -> None:
    """go_test of internal tests only: its external package gets the `p` files, all foreign."""
    rules = load_rule_files(["rules.yaml"], read=lambda _: RULES)
    internal_only = [f for f in FILES if f[0] != "p/ext_test.go"]
    result = rewrite_package("example.com/p_test", internal_only, rules)
    assert result.package_name == "p_test"
    assert not result.matches
    assert [f.output for f in result.files] == [src for _, src in internal_only]
