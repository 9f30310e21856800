"""go_instrument: compile-time instrumentation engine for Go sources.

The engine parses Go with tree-sitter, matches typed YAML rules (join points + advice) and
applies byte-exact insertions to the original sources, keeping every original token at its
original line and column through `//line` / `/*line*/` directives.
"""

__version__ = "0.1.0"
