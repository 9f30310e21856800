"""Insertions into original bytes, applied in a deterministic order.

All advice is expressed as insertions at original byte offsets; wrapping an expression is two
insertions (before and after it). Original bytes are therefore copied unchanged and in order:
no user code is ever reformatted or dropped. After inserted text, a `/*line*/` directive
restores the position of the next original byte, so every original token keeps its line and
column for the compiler.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from .linemap import Resolver, directive

# Order of insertions sharing one offset: closing text of wraps that end here, then
# statement-like point insertions, then opening text of wraps that start here, then a
# replacement of the original bytes that start here (innermost).
CLOSE = 0
POINT = 1
OPEN = 2
REPLACE = 3


class EditConflict(ValueError):
    """Two edits that cannot both apply (overlapping wraps, edits inside removed code)."""

    def __init__(self, message: str, origins: list) -> None:
        super().__init__(message)
        self.origins = origins


@dataclass
class Insertion:
    """Text inserted at an original byte offset (REPLACE: instead of `remove` bytes)."""

    offset: int
    text: str
    phase: int
    seq: int  # rule order, then advice order: earlier rules are inner / first
    span: tuple[int, int] = (0, 0)  # wrapped expression (OPEN/CLOSE only)
    origin: object = None  # what produced it (advice + candidate), for error messages
    label: str = ""  # "rule-id/advice-kind" for the source map
    remove: int = 0  # REPLACE only: number of original bytes replaced by `text`
    stmt: bool = False  # statement position: automatic semicolons may end inserted lines

    def sort_key(self) -> tuple:
        if self.phase == CLOSE:
            # Inner wraps close first: later start first; equal spans: earlier rule first.
            return (self.offset, CLOSE, -self.span[0], self.seq)
        if self.phase == OPEN:
            # Outer wraps open first: later end first; equal spans: later rule first.
            return (self.offset, OPEN, -self.span[1], -self.seq)
        if self.phase == REPLACE:
            return (self.offset, REPLACE, self.seq, 0)
        return (self.offset, POINT, self.seq, 0)


@dataclass
class Segment:
    """A run of the output: copied original bytes or inserted text."""

    gen_start: int
    length: int
    orig_start: int | None  # None: inserted text
    label: str = ""
    origins: list = field(default_factory=list)
    stmt: bool = False  # inserted text in statement position
    removed: int = 0  # > 0: original bytes [orig_start, orig_start+removed) dropped here


@dataclass
class Applied:
    """The rewritten bytes and how they were put together."""

    output: bytes
    segments: list[Segment]


def check_nesting(insertions: list[Insertion]) -> None:
    """Wrapped spans must nest or be disjoint (always true for syntax-tree nodes), and no
    edit may fall inside original bytes that a replacement removes."""
    spans = sorted({i.span for i in insertions if i.phase == OPEN}, key=lambda s: (s[0], -s[1]))
    stack: list[tuple[int, int]] = []
    for s in spans:
        while stack and stack[-1][1] <= s[0]:
            stack.pop()
        if stack and s[1] > stack[-1][1]:
            raise EditConflict(f"overlapping wrapped expressions {stack[-1]} and {s}", [])
        stack.append(s)
    removals = sorted((i for i in insertions if i.phase == REPLACE), key=lambda i: i.offset)
    for a, b in itertools.pairwise(removals):
        if b.offset < a.offset + a.remove or (b.offset == a.offset and a.remove and b.remove):
            raise EditConflict("two advice replace the same code", [a.origin, b.origin])
    for r in removals:
        s, e = r.offset, r.offset + r.remove
        for i in insertions:
            if i is r:
                continue
            inside = s < i.offset < e
            wraps_removed = (i.phase == OPEN and i.offset == s and i.span[1] <= e) or (
                i.phase == CLOSE and i.offset == e and i.span[0] >= s
            )
            if inside or wraps_removed:
                raise EditConflict(
                    "advice edits code that other advice replaces", [r.origin, i.origin]
                )


def apply(src: bytes, insertions: list[Insertion], resolver: Resolver) -> Applied:
    """Apply insertions to `src`; positions are restored through `resolver` (which knows
    the IN file name and any directives the original file already had)."""
    check_nesting(insertions)
    ordered = sorted(insertions, key=Insertion.sort_key)
    out: list[bytes] = []
    segments: list[Segment] = []
    gen = 0
    prev = 0
    i = 0
    n = len(ordered)
    while i < n:
        offset = ordered[i].offset
        j = i
        while j < n and ordered[j].offset == offset:
            j += 1
        group = ordered[i:j]
        i = j
        if offset > prev:
            out.append(src[prev:offset])
            segments.append(Segment(gen, offset - prev, prev))
            gen += offset - prev
            prev = offset
        removed = 0
        for ins in group:
            data = ins.text.encode("utf-8")
            if data:
                out.append(data)
                segments.append(
                    Segment(gen, len(data), None, ins.label, [ins.origin], stmt=ins.stmt)
                )
                gen += len(data)
            if ins.phase == REPLACE and ins.remove:
                removed = ins.remove
                segments.append(Segment(gen, 0, offset, ins.label, [ins.origin], removed=removed))
        if removed:
            prev = offset + removed
        text = "".join(x.text for x in group)
        if not text and not removed:
            continue
        # Restore the position of the next original byte unless nothing positioned follows
        # on this line (inserted text without newline, then end of line or file).
        nxt = src[prev : prev + 1]
        if nxt and ("\n" in text or nxt not in (b"\n", b"\r")):
            pos = resolver.position(prev)
            d = directive(pos.file, pos.line, pos.col).encode("utf-8")
            out.append(d)
            segments.append(Segment(gen, len(d), None, "line-directive", []))
            gen += len(d)
    if prev < len(src):
        out.append(src[prev:])
        segments.append(Segment(gen, len(src) - prev, prev))
    return Applied(b"".join(out), segments)
