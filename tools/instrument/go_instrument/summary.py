"""One readable summary of the per-package reports of a binary or test."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

SUMMARY_VERSION = 1


@dataclass(frozen=True)
class Summary:
    """A binary's merged report, as JSON document and text."""

    doc: dict[str, Any]
    text: str


def summarize(target: str, reports: list[dict[str, Any]]) -> Summary:
    """Merges package reports (in any order) into one document and its text form."""
    by_importpath: dict[str, dict[str, Any]] = {}
    for report in reports:
        # A library and the internal test package that embeds it share an import path.
        known = by_importpath.setdefault(
            report["importpath"], {**report, "matches": [], "warnings": []}
        )
        for key in ("matches", "warnings"):
            for item in report.get(key, []):
                if item not in known[key]:
                    known[key].append(item)
        if not report.get("excluded"):
            known.pop("excluded", None)
    packages = [by_importpath[p] for p in sorted(by_importpath)]
    rewritten = [p for p in packages if p.get("matches")]
    excluded = [p for p in packages if p.get("excluded")]
    unchanged = [p for p in packages if not p.get("matches") and not p.get("excluded")]
    points = sum(len(p["matches"]) for p in rewritten)
    doc = {
        "version": SUMMARY_VERSION,
        "target": target,
        "injection_points": points,
        "packages": {
            "rewritten": [_package_entry(p) for p in rewritten],
            "unchanged": [p["importpath"] for p in unchanged],
            "excluded": [
                {"importpath": p["importpath"], "reason": p["excluded"]} for p in excluded
            ],
        },
        "warnings": [w for p in packages for w in p.get("warnings", [])],
    }
    return Summary(doc=doc, text=_text(doc))


def _package_entry(report: dict[str, Any]) -> dict[str, Any]:
    matches = sorted(
        report["matches"], key=lambda m: (m["file"], m["line"], m["column"], m["rule"])
    )
    return {"importpath": report["importpath"], "imports": report["imports"], "matches": matches}


def _text(doc: dict[str, Any]) -> str:
    packages = doc["packages"]
    lines = [
        f"Instrumentation of {doc['target']}: {doc['injection_points']} injection points "
        f"in {len(packages['rewritten'])} packages "
        f"({len(packages['unchanged'])} unchanged, {len(packages['excluded'])} excluded)",
    ]
    for package in packages["rewritten"]:
        lines.append(f"  {package['importpath']}")
        for m in package["matches"]:
            advice = ", ".join(m["advice"])
            lines.append(f"    {m['file']}:{m['line']}: {m['target']} <- {m['rule']} [{advice}]")
    if packages["excluded"]:
        reasons = sorted({e["reason"] for e in packages["excluded"]})
        for reason in reasons:
            names = [e["importpath"] for e in packages["excluded"] if e["reason"] == reason]
            lines.append(f"  excluded ({reason}): {len(names)} packages")
    for warning in doc["warnings"]:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines) + "\n"


def load_reports(texts: list[tuple[str, bytes]]) -> list[dict[str, Any]]:
    """Parses report files; a report that is not one is a tool bug, named by its path."""
    reports = []
    for path, text in texts:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{e.lineno}:{e.colno}: not a report: {e.msg}") from None
        if not isinstance(doc, dict) or "importpath" not in doc:
            raise ValueError(f"{path}:1:1: not a report: no importpath")
        reports.append(doc)
    return reports
