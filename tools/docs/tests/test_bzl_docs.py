"""tools/docs/bzl_docs.py: docs/ is fresh, and an undocumented public API is one clear error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bzl_docs  # noqa: E402


def test_checked_in_docs_are_fresh(capsys: pytest.CaptureFixture[str]) -> None:
    assert bzl_docs.main(["--check"]) == 0, capsys.readouterr().out


def test_every_public_bzl_file_has_a_page() -> None:
    for relative in bzl_docs.PUBLIC_BZL:
        page = (bzl_docs.DOCS_DIR / (Path(relative).stem + ".md")).read_text()
        assert page.startswith(f"# `@rules_go_instrument//rules:{Path(relative).name}`")


def test_profile_page_lists_its_attrs_with_docs() -> None:
    page = bzl_docs.render("rules/profile.bzl")
    assert "| `rules` | label_list | yes | YAML rule files" in page
    assert "| `runtime` | label_list | no |" in page


def _write(tmp_path: Path, text: str) -> str:
    (tmp_path / "x.bzl").write_text(text)
    return "x.bzl"


def test_rule_attr_without_doc_names_file_and_line(tmp_path: Path) -> None:
    relative = _write(
        tmp_path,
        '"""Module."""\n\nr = rule(\n    implementation = _impl,\n    doc = "A rule.",\n'
        '    attrs = {\n        "srcs": attr.label_list(),\n    },\n)\n',
    )
    with pytest.raises(bzl_docs.DocError, match=r"^x\.bzl:7: rule 'r' attr 'srcs' has no doc$"):
        bzl_docs.render(relative, root=tmp_path)


def test_provider_field_without_doc_is_an_error(tmp_path: Path) -> None:
    relative = _write(
        tmp_path, '"""Module."""\n\nP = provider(doc = "P.", fields = {"a": "doc", "b": ""})\n'
    )
    with pytest.raises(bzl_docs.DocError, match="provider 'P' field 'b' has no doc"):
        bzl_docs.render(relative, root=tmp_path)


def test_macro_argument_without_doc_is_an_error(tmp_path: Path) -> None:
    relative = _write(
        tmp_path,
        '"""Module."""\n\ndef m(name, target):\n    """Does m.\n\n    Args:\n'
        '        name: the name.\n    """\n',
    )
    with pytest.raises(bzl_docs.DocError, match="x.bzl:3: macro 'm' argument 'target' has no doc"):
        bzl_docs.render(relative, root=tmp_path)


def test_stale_page_fails_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bzl_docs, "DOCS_DIR", tmp_path)
    assert bzl_docs.main(["--check"]) == 1
    assert bzl_docs.main([]) == 0
    assert bzl_docs.main(["--check"]) == 0
