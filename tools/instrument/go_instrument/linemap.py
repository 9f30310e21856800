"""Line directives: how to write them, and an independent interpreter of their meaning.

The interpreter follows `go doc cmd/compile` ("Line Directives"); it serves three purposes:
restoring the *effective* position of original code in files that already carry directives
(generated code), checking outputs in tests (every original token must map back to its
original line and column), and the `explain`/debug tools.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .parse import captures, parse


def line_starts(src: bytes) -> list[int]:
    """Byte offsets at which each line of `src` starts."""
    starts = [0]
    find = src.find
    i = find(b"\n")
    while i >= 0:
        starts.append(i + 1)
        i = find(b"\n", i + 1)
    return starts


def offset_to_line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and byte column of `offset`."""
    i = bisect.bisect_right(starts, offset) - 1
    return i + 1, offset - starts[i] + 1


@dataclass(frozen=True)
class Position:
    """A position as the Go compiler reports it."""

    file: str
    line: int
    col: int  # 0 when the column is unknown (directive without column)


@dataclass(frozen=True)
class _Directive:
    applies_at: int  # byte offset of the first character the directive positions
    file: str
    line: int
    col: int  # 0: unknown


_NUM = re.compile(r"^[0-9]+$")


def _peel(s: str) -> tuple[str, int] | None:
    i = s.rfind(":")
    if i < 0:
        return None
    tail = s[i + 1 :]
    if not _NUM.match(tail) or int(tail) <= 0:
        return None
    return s[:i], int(tail)


def parse_directive_text(body: str) -> tuple[str | None, int, int] | None:
    """`file:line[:col]` -> (file or None when omitted, line, col or 0)."""
    first = _peel(body)
    if first is None:
        return None
    rest, n1 = first
    second = _peel(rest)
    if second is not None:
        name, line = second
        return (name or None), line, n1
    return (rest or None), n1, 0


def directive(file: str, line: int, col: int) -> str:
    """A `/*line*/` directive: valid anywhere, positions the character right after it."""
    if col > 0:
        return f"/*line {file}:{line}:{col}*/"
    return f"/*line {file}:{line}*/"


class Resolver:
    """Maps byte offsets of a Go file to the positions the Go compiler would report."""

    def __init__(self, src: bytes, filename: str, tree=None) -> None:
        self.src = src
        self.filename = filename
        self.starts = line_starts(src)
        self.directives: list[_Directive] = []
        if b"line " in src:  # fast path: most files have no directive at all
            self._collect(tree)
        self._keys = [d.applies_at for d in self.directives]

    def _collect(self, tree) -> None:
        if tree is None:
            tree = parse(self.src)
        current = self.filename
        comments = captures("(comment) @c", tree.root_node).get("c", [])
        # Captures are not guaranteed in document order; directive state is sequential.
        comments.sort(key=lambda n: n.start_byte)
        for node in comments:
            raw = self.src[node.start_byte : node.end_byte].decode("utf-8", "replace")
            if raw.startswith("//line "):
                # Must start at the beginning of a line.
                if (
                    node.start_byte != 0
                    and self.src[node.start_byte - 1 : node.start_byte] != b"\n"
                ):
                    continue
                body = raw[len("//line ") :].rstrip("\r")
                nl = self.src.find(b"\n", node.end_byte)
                applies = len(self.src) if nl < 0 else nl + 1
            elif raw.startswith("/*line ") and raw.endswith("*/"):
                body = raw[len("/*line ") : -2]
                applies = node.end_byte
            else:
                continue
            parsed = parse_directive_text(body)
            if parsed is None:
                continue
            name, line, col = parsed
            if name is None:
                name = current if col else ""
            current = name
            self.directives.append(_Directive(applies, name, line, col))

    def position(self, offset: int) -> Position:
        line, col = offset_to_line_col(self.starts, offset)
        i = bisect.bisect_right(self._keys, offset) - 1
        if i < 0:
            return Position(self.filename, line, col)
        d = self.directives[i]
        dline, dcol = offset_to_line_col(self.starts, d.applies_at)
        if line == dline:
            return Position(d.file, d.line, d.col + (col - dcol) if d.col else 0)
        return Position(d.file, d.line + (line - dline), col if d.col else 0)
