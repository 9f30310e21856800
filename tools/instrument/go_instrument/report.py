"""Report and source-map documents (JSON, sorted keys, no timestamps or absolute paths)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .linemap import line_starts, offset_to_line_col

SOURCE_MAP_VERSION = 1
REPORT_VERSION = 1


@dataclass(frozen=True)
class Match:
    """One rule matched at one place (a report entry)."""

    rule: str
    rule_index: int
    rules_file: str
    rules_line: int
    file: str
    line: int
    column: int
    join_point: str
    target: str
    advice: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "rules_file": self.rules_file,
            "rules_line": self.rules_line,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "join_point": self.join_point,
            "target": self.target,
            "advice": self.advice,
        }


def file_source_map(orig: bytes, gen: bytes, segments) -> dict[str, Any]:
    """Generated position -> original position for one file.

    `mappings`: [gen_line, gen_col, orig_line, orig_col, byte_length] per run of original
    bytes copied unchanged (positions inside a run follow by byte offset; a run may span
    lines). `inserted`: [gen_line, gen_col, byte_length, "rule-id/advice"] per inserted text
    (`line-directive` for the position-restoring comments, `imports` for import lines).
    `removed` (only when advice replaced code): [orig_line, orig_col, byte_length,
    "rule-id/advice"] per run of original bytes that a replace advice dropped.
    """
    if segments is None:
        return {"mappings": [[1, 1, 1, 1, len(orig)]] if orig else [], "inserted": []}
    gs, os_ = line_starts(gen), line_starts(orig)
    mappings: list[list[Any]] = []
    inserted: list[list[Any]] = []
    removed: list[list[Any]] = []
    for seg in segments:
        gl, gc = offset_to_line_col(gs, seg.gen_start)
        if seg.removed:
            ol, oc = offset_to_line_col(os_, seg.orig_start)
            removed.append([ol, oc, seg.removed, seg.label])
        elif seg.orig_start is None:
            inserted.append([gl, gc, seg.length, seg.label])
        else:
            ol, oc = offset_to_line_col(os_, seg.orig_start)
            mappings.append([gl, gc, ol, oc, seg.length])
    doc: dict[str, Any] = {"mappings": mappings, "inserted": inserted}
    if removed:
        doc["removed"] = removed
    return doc


def dumps(doc: Any) -> bytes:
    """Deterministic JSON bytes (sorted keys, trailing newline)."""
    return (json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def report_doc(result) -> dict[str, Any]:
    """The --report-out document of a package result."""
    return {
        "version": REPORT_VERSION,
        "importpath": result.importpath,
        "package": result.package_name,
        "files": [{"path": f.path, "changed": f.changed} for f in result.files],
        "imports": result.imports,
        "matches": [m.to_json() for m in result.matches],
        "warnings": result.warnings,
        "skipped": result.skipped,
        "types": result.types,
    }


def source_map_doc(result) -> dict[str, Any]:
    """The --map-out document of a package result."""
    return {
        "version": SOURCE_MAP_VERSION,
        "files": {f.path: f.source_map for f in result.files},
    }
