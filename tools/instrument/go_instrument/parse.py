"""tree-sitter-go parsing: one shared parser, queries compiled once, error-region helpers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import tree_sitter_go
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

GO_LANGUAGE = Language(tree_sitter_go.language())


@cache
def _parser() -> Parser:
    # A Parser holds mutable state but the engine is single-threaded; reusing it avoids
    # re-allocating the lexer for every one of thousands of files.
    return Parser(GO_LANGUAGE)


def parse(src: bytes) -> Tree:
    """Parse Go source bytes into a tree-sitter tree."""
    return _parser().parse(src)


@cache
def query(pattern: str) -> Query:
    """Compile (once) a tree-sitter query against the Go grammar."""
    return Query(GO_LANGUAGE, pattern)


def captures(pattern: str, node: Node) -> dict[str, list[Node]]:
    """Run a query and return its captures by name (nodes in document order per name)."""
    caps = QueryCursor(query(pattern)).captures(node)
    # The cursor yields captures in match order, which is not document order for nested
    # matches; callers rely on a stable, positional order.
    for nodes in caps.values():
        nodes.sort(key=lambda n: (n.start_byte, -n.end_byte))
    return caps


def text(src: bytes, node: Node) -> str:
    """Source text of a node."""
    return src[node.start_byte : node.end_byte].decode("utf-8", errors="replace")


@dataclass(frozen=True)
class ErrorRegion:
    """A byte range tree-sitter could not parse (ERROR node or a MISSING token)."""

    start: int
    end: int
    line: int  # 1-based
    column: int  # 1-based, in bytes


def error_regions(tree: Tree, limit: int = 20) -> list[ErrorRegion]:
    """Collect up to `limit` syntax-error regions. Cheap when the tree has no error."""
    root = tree.root_node
    if not root.has_error:
        return []
    out: list[ErrorRegion] = []
    # Iterative DFS that only descends into subtrees containing errors.
    stack: list[Node] = [root]
    while stack and len(out) < limit:
        node = stack.pop()
        if node.is_error or node.is_missing:
            out.append(
                ErrorRegion(
                    node.start_byte,
                    max(node.end_byte, node.start_byte + 1),
                    node.start_point.row + 1,
                    node.start_point.column + 1,
                )
            )
            continue
        if node.has_error:
            stack.extend(reversed(node.children))
    out.sort(key=lambda r: r.start)
    return out


def declaration_span(f, err: ErrorRegion) -> tuple[int, int]:
    """Byte span of the top-level declaration around a syntax error (descending through
    ERROR nodes that wrap several declarations), or the error's own span."""
    node = f.tree.root_node
    while True:
        inner = next(
            (
                c
                for c in node.children
                if c.start_byte <= err.start < max(c.end_byte, c.start_byte + 1)
            ),
            None,
        )
        if inner is None:
            return err.start, err.end
        if inner.type != "ERROR" or (
            inner.start_byte == err.start and inner.end_byte == err.end and not inner.named_children
        ):
            return inner.start_byte, max(inner.end_byte, err.end)
        if inner.start_byte == err.start and not any(
            c.start_byte <= err.start < c.end_byte for c in inner.children
        ):
            return inner.start_byte, inner.end_byte
        node = inner
