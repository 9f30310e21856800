"""Soundness oracle: Go's token stream, and the check that a rewrite only added whole tokens.

The rewritten file, with the inserted tokens taken out (and the original tokens a replace
advice removed on purpose put aside), must have exactly the original's token stream,
including the semicolons Go inserts at line ends and the comments. Inserted code must be
whole tokens (a `//` in a template cannot swallow the rest of the original line, a `/*`
cannot leave a comment open, an identifier cannot glue onto an original one), its brackets
must pair among themselves, and a semicolon it causes (explicit, or automatic at an inserted
line end) must sit where statements are: inside braces the inserted code opened, or for
statement and declaration advice inside the enclosing block or at top level. The lexer
follows the Go specification ("Lexical elements"), independent of tree-sitter.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

# Token kinds.
IDENT, NUMBER, STRING, CHAR, OP, COMMENT, SEMI, BAD = range(8)

_PATTERN = re.compile(
    rb"""
    ([ \t\r\n]+)                                         # 1 whitespace
  | (//[^\n]*)                                           # 2 line comment
  | (/\*.*?\*/)                                          # 3 general comment
  | ([A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*)           # 4 identifier / keyword
  | ((?:\.?[0-9])(?:[eEpP][+-]|[0-9A-Za-z_.])*)          # 5 number
  | ("(?:[^"\\\n]|\\.)*"|`[^`]*`)                       # 6 string
  | ('(?:[^'\\\n]|\\.)*')                                # 7 rune
  | (<<=|>>=|&\^=|\.\.\.|&&|\|\||<-|\+\+|--|==|!=|<=|>=|:=|\+=|-=|\*=|/=|%=|&=|\|=|\^=
     |<<|>>|&\^|[-+*/%&|^<>=!()\[\]{},;.:~])             # 8 operator
    """,
    re.S | re.X,
)
_GROUP_KIND = {2: COMMENT, 3: COMMENT, 4: IDENT, 5: NUMBER, 6: STRING, 7: CHAR, 8: OP}
_SEMI_AFTER_WORDS = frozenset({b"break", b"continue", b"fallthrough", b"return"})
_KEYWORDS = frozenset(
    b"break case chan const continue default defer else fallthrough for func go goto if "
    b"import interface map package range return select struct switch type var".split()
)
_SEMI_AFTER_OPS = frozenset({b"++", b"--", b")", b"]", b"}"})


@dataclass(frozen=True)
class Token:
    """One Go token (an automatic semicolon has empty text)."""

    kind: int
    start: int
    end: int  # == start for an automatic semicolon
    text: bytes


def tokenize(src: bytes) -> list[Token]:
    """Go tokens of `src`, comments included, with automatic semicolons (empty text)."""
    out: list[Token] = []
    pos, n = 0, len(src)
    semi = False  # would a line end here insert a semicolon?
    match = _PATTERN.match
    while pos < n:
        m = match(src, pos)
        if m is None:
            # Unterminated comment/string/rune or a stray byte: one bad token to the end of
            # the line (of the file for `/*`), so nothing after it is silently read as code.
            nl = src.find(b"\n", pos)
            end = n if nl < 0 or src.startswith(b"/*", pos) else nl
            end = max(end, pos + 1)
            out.append(Token(BAD, pos, end, src[pos:end]))
            pos = end
            semi = False
            continue
        group = m.lastindex or 0
        start, end = m.span()
        text = src[start:end]
        newline = b"\n" in text
        if group == 1 or (group == 3 and newline) or group == 2:
            if semi and (newline or group == 2):
                at = start + text.index(b"\n") if group == 1 else start
                out.append(Token(SEMI, at, at, b""))
                semi = False
            if group != 1:
                out.append(Token(COMMENT, start, end, text))
        elif group == 3:
            out.append(Token(COMMENT, start, end, text))
        else:
            kind = _GROUP_KIND[group]
            out.append(Token(kind, start, end, text))
            if kind == IDENT:
                semi = text not in _KEYWORDS or text in _SEMI_AFTER_WORDS
            elif kind == OP:
                semi = text in _SEMI_AFTER_OPS
            else:
                semi = True
        pos = end
    if semi:
        out.append(Token(SEMI, n, n, b""))
    return out


@dataclass(frozen=True)
class Violation:
    """Why a rewrite is unsound: the Go offset (original file) and the insertion blamed."""

    reason: str
    orig_offset: int
    origins: list


class _Where:
    """For each output byte: the original offset it was copied from, or its inserted segment."""

    def __init__(self, segments: list) -> None:
        self.segs = [s for s in segments if not s.removed and s.length]
        self.starts = [s.gen_start for s in self.segs]

    def seg(self, gen: int):
        i = bisect.bisect_right(self.starts, gen) - 1
        return self.segs[i] if i >= 0 else None

    def orig(self, gen: int) -> int | None:
        s = self.seg(gen)
        if s is None or s.orig_start is None:
            return None
        return s.orig_start + (gen - s.gen_start)


def check(
    orig: bytes, output: bytes, segments: list, is_leaf: Callable[[int, int], bool] | None = None
) -> Violation | None:
    """The first soundness violation of a rewrite, or None (see the module docstring).

    `is_leaf(start, end)`: whether a parse of the output has a leaf exactly there; inserted
    tokens must be leaves (catches what the parser reads differently, e.g. `++x`)."""
    removed = [(s.orig_start, s.orig_start + s.removed, s.origins) for s in segments if s.removed]
    want = [t for t in tokenize(orig) if not any(a <= t.start < b for a, b, _ in removed)]
    where = _Where(segments)
    out_tokens = tokenize(output)
    for t in out_tokens:  # whole tokens first: the clearest reason when a template is bad
        bad = _whole(where, t)
        if bad:
            return bad
    got: list[tuple[Token, int]] = []  # original tokens of the output, with orig offset
    stack: list[tuple[bytes, bool, object]] = []  # open brackets: text, inserted?, segment
    for t in out_tokens:
        seg = where.seg(min(t.start, len(output) - 1)) if output else None
        if t.kind == SEMI:
            if t.start < len(output) and where.orig(t.start) is None:
                bad = _semicolon_violation(seg, stack, where, t)
                if bad:
                    return bad
            else:
                got.append((t, where.orig(t.start) if t.start < len(output) else len(orig)))
            continue
        o_start = where.orig(t.start)
        bad = _bracket(stack, t, o_start is None, seg, where)
        if bad:
            return bad
        if o_start is None:
            if is_leaf is not None and t.kind != COMMENT and not is_leaf(t.start, t.end):
                return Violation(
                    f"inserted {t.text[:40]!r} is not a token where Go's grammar expects it",
                    *_near(where, t),
                )
            if t.kind == OP and t.text == b";":
                bad = _semicolon_violation(seg, stack, where, t)
                if bad:
                    return bad
            continue
        got.append((t, o_start))
    return _compare(want, got, where)


def _whole(where: _Where, t: Token) -> Violation | None:
    """A token must be original bytes copied in one piece, or inserted by one insertion."""
    if t.kind == SEMI:
        return None
    first = where.seg(t.start)
    last = where.seg(t.end - 1)
    if first is last and first is not None:
        if t.kind == BAD and first.orig_start is None:
            return Violation(
                "inserted code leaves a comment, string or rune open", *_near(where, t)
            )
        return None
    if t.kind == BAD:
        return Violation("inserted code leaves a comment, string or rune open", *_near(where, t))
    if first is not None and last is not None and first.orig_start is not None:
        o1, o2 = where.orig(t.start), where.orig(t.end - 1)
        if (
            last.orig_start is not None
            and o1 is not None
            and o2 is not None
            and o2 - o1 == t.end - 1 - t.start
            and _all_original(where, t)
        ):
            return None
    return Violation(
        "inserted text merges with neighbouring code into one token "
        f"({t.text[:40]!r}); a `//` comment or an open `/*` in a template does this",
        *_near(where, t),
    )


def _all_original(where: _Where, t: Token) -> bool:
    pos = t.start
    while pos < t.end:
        s = where.seg(pos)
        if s is None or s.orig_start is None:
            return False
        pos = s.gen_start + s.length
    return True


def _near(where: _Where, t: Token) -> tuple[int, list]:
    """An original offset near token `t` and the insertions next to it (the suspects)."""
    i = bisect.bisect_right(where.starts, t.start) - 1
    origins: list = []
    orig = 0
    for j in range(i, -1, -1):
        s = where.segs[j]
        if s.orig_start is None:
            if not origins and s.origins and s.origins[0] is not None:
                origins = s.origins
        else:
            orig = s.orig_start + min(max(t.start - s.gen_start, 0), s.length)
            if origins:
                break
    if not origins:
        for s in where.segs[i + 1 :]:
            if s.orig_start is None and s.origins and s.origins[0] is not None:
                origins = s.origins
                break
    return orig, origins


def _bracket(stack: list, t: Token, inserted: bool, seg, where: _Where) -> Violation | None:
    if t.kind != OP:
        return None
    if t.text in (b"(", b"[", b"{"):
        stack.append((t.text, inserted, seg))
    elif t.text in (b")", b"]", b"}"):
        if not stack:
            if inserted:
                return Violation(f"inserted {t.text.decode()} closes nothing", *_near(where, t))
            return None  # the original itself is unbalanced (syntax error elsewhere)
        opener, opened_inserted, _ = stack.pop()
        if opened_inserted != inserted:
            what = "inserted" if inserted else "original"
            return Violation(
                f"{what} {t.text.decode()} closes a bracket the "
                f"{'original' if inserted else 'inserted'} code opened {opener.decode()}",
                *_near(where, t),
            )
    return None


def _semicolon_violation(seg, stack: list, where: _Where, t: Token) -> Violation | None:
    """An inserted semicolon is legal inside inserted braces, or for statement advice at
    the level of the enclosing block (or top level)."""
    top = stack[-1] if stack else None
    if top is not None and top[0] == b"{" and top[1]:
        return None
    stmt = seg is not None and seg.orig_start is None and seg.stmt
    if stmt and (top is None or top[0] == b"{"):
        return None
    return Violation(
        "inserted code ends a statement where Go does not allow one (a line break or `;` "
        "inside an expression: Go inserts a semicolon after `)`, `]`, `}`, names and literals)",
        *_near(where, t),
    )


def _compare(want: list[Token], got: list[tuple[Token, int]], where: _Where) -> Violation | None:
    # The semicolon a file without final newline gets at its end moves to whatever is
    # appended after it: trailing semicolons are not compared.
    while want and want[-1].kind == SEMI:
        want = want[:-1]
    while got and got[-1][0].kind == SEMI:
        got = got[:-1]
    for w, (g, g_orig) in zip(want, got, strict=False):
        if w.kind != g.kind or w.text != g.text:
            return Violation(
                f"original token {w.text.decode('utf-8', 'replace') or ';'!r} became "
                f"{g.text.decode('utf-8', 'replace') or ';'!r}",
                w.start,
                _suspects(where, g_orig),
            )
    if len(want) != len(got):
        k = min(len(want), len(got))
        off = want[k].start if k < len(want) else got[k][1]
        return Violation("the rewrite adds or drops original tokens", off, _suspects(where, off))
    return None


def _suspects(where: _Where, orig_offset: int) -> list:
    best: list = []
    for s in where.segs:
        if s.orig_start is not None and s.orig_start > orig_offset:
            break
        if s.orig_start is None and s.origins and s.origins[0] is not None:
            best = s.origins
    return best
