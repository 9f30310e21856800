"""Insertions into original bytes, applied in a deterministic order.

All advice is expressed as insertions at original byte offsets; wrapping an expression is two
insertions (before and after it). Original bytes are therefore copied unchanged and in order:
no user code is ever reformatted or dropped. After inserted text, a `/*line*/` directive
restores the position of the next original byte, so every original token keeps its line and
column for the compiler.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .linemap import Resolver, directive

# Order of insertions sharing one offset: closing text of wraps that end here, then
# statement-like point insertions, then opening text of wraps that start here.
CLOSE = 0
POINT = 1
OPEN = 2


@dataclass
class Insertion:
    offset: int
    text: str
    phase: int
    seq: int  # rule order, then advice order: earlier rules are inner / first
    span: tuple[int, int] = (0, 0)  # wrapped expression (OPEN/CLOSE only)
    origin: object = None  # what produced it (advice + candidate), for error messages
    label: str = ""  # "rule-id/advice-kind" for the source map

    def sort_key(self) -> tuple:
        if self.phase == CLOSE:
            # Inner wraps close first: later start first; equal spans: earlier rule first.
            return (self.offset, CLOSE, -self.span[0], self.seq)
        if self.phase == OPEN:
            # Outer wraps open first: later end first; equal spans: later rule first.
            return (self.offset, OPEN, -self.span[1], -self.seq)
        return (self.offset, POINT, self.seq, 0)


@dataclass
class Segment:
    gen_start: int
    length: int
    orig_start: int | None  # None: inserted text
    label: str = ""
    origins: list = field(default_factory=list)


@dataclass
class Applied:
    output: bytes
    segments: list[Segment]


def check_nesting(insertions: list[Insertion]) -> None:
    """Wrapped spans must nest or be disjoint (always true for syntax-tree nodes)."""
    spans = sorted({i.span for i in insertions if i.phase == OPEN}, key=lambda s: (s[0], -s[1]))
    stack: list[tuple[int, int]] = []
    for s in spans:
        while stack and stack[-1][1] <= s[0]:
            stack.pop()
        if stack and s[1] > stack[-1][1]:
            raise ValueError(f"overlapping wrapped expressions {stack[-1]} and {s}")
        stack.append(s)


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
        for ins in group:
            data = ins.text.encode("utf-8")
            if not data:
                continue
            out.append(data)
            segments.append(Segment(gen, len(data), None, ins.label, [ins.origin]))
            gen += len(data)
        text = "".join(x.text for x in group)
        if not text:
            continue
        # Restore the position of the next original byte unless nothing positioned follows
        # on this line (inserted text without newline, then end of line or file).
        nxt = src[offset : offset + 1]
        if nxt and ("\n" in text or nxt not in (b"\n", b"\r")):
            pos = resolver.position(offset)
            d = directive(pos.file, pos.line, pos.col).encode("utf-8")
            out.append(d)
            segments.append(Segment(gen, len(d), None, "line-directive", []))
            gen += len(d)
    if prev < len(src):
        out.append(src[prev:])
        segments.append(Segment(gen, len(src) - prev, prev))
    return Applied(b"".join(out), segments)
