"""`summarize`: package reports of one binary merged into a summary."""

from __future__ import annotations

import json
from pathlib import Path

from go_instrument.cli import main


def _match(file: str, line: int, target: str) -> dict:
    return {
        "advice": ["prepend-statements", "defer"],
        "column": 1,
        "file": file,
        "join_point": "function",
        "line": line,
        "rule": "span-from-directive",
        "rules_file": "aspects/trace.yaml",
        "rules_line": 11,
        "target": target,
    }


def _write(path: Path, doc: dict) -> str:
    path.write_text(json.dumps(doc))
    return str(path)


def test_summary_merges_packages_and_counts_injection_points(tmp_path: Path) -> None:
    quote = _match("pricing/pricing.go", 17, "Quote")
    reports = [
        _write(
            tmp_path / "a.json",
            {
                "importpath": "example.com/app/pricing",
                "imports": ["rt"],
                "matches": [quote],
                "warnings": [],
            },
        ),
        # The internal test package shares the library's import path and match.
        _write(
            tmp_path / "b.json",
            {
                "importpath": "example.com/app/pricing",
                "imports": ["rt"],
                "matches": [quote],
                "warnings": ["w1"],
            },
        ),
        _write(
            tmp_path / "c.json",
            {"importpath": "example.com/app/store", "imports": [], "matches": [], "warnings": []},
        ),
        _write(
            tmp_path / "d.json",
            {
                "importpath": "go.opentelemetry.io/otel",
                "excluded": "in the injected runtime's closure",
            },
        ),
    ]
    json_out, text_out = tmp_path / "s.json", tmp_path / "s.txt"
    code = main(
        [
            "summarize",
            "--target",
            "//cmd:orders",
            "--json-out",
            str(json_out),
            "--text-out",
            str(text_out),
            *reports,
        ]
    )
    assert code == 0
    doc = json.loads(json_out.read_text())
    assert doc["injection_points"] == 1
    assert [p["importpath"] for p in doc["packages"]["rewritten"]] == ["example.com/app/pricing"]
    assert doc["packages"]["unchanged"] == ["example.com/app/store"]
    assert doc["packages"]["excluded"] == [
        {"importpath": "go.opentelemetry.io/otel", "reason": "in the injected runtime's closure"}
    ]
    assert doc["warnings"] == ["w1"]
    assert text_out.read_text().splitlines() == [
        "Instrumentation of //cmd:orders: 1 injection points in 1 packages"
        " (1 unchanged, 1 excluded)",
        "  example.com/app/pricing",
        "    pricing/pricing.go:17: Quote <- span-from-directive [prepend-statements, defer]",
        "  excluded (in the injected runtime's closure): 1 packages",
        "  warning: w1",
    ]


def test_summary_rejects_a_file_that_is_not_a_report(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code = main(
        [
            "summarize",
            "--target",
            "//x",
            "--json-out",
            str(tmp_path / "o.json"),
            "--text-out",
            str(tmp_path / "o.txt"),
            str(bad),
        ]
    )
    assert code == 1
    assert f"{bad}:1:2: not a report" in capsys.readouterr().err
    assert not (tmp_path / "o.json").exists()
