"""Package-level view: every file of one Go package, its imports and top-level names.

Rules name things by import path (`net/http.Get`); source code names them through the file's
imports (`http.Get`, `h.Get`, or plain `Get` after `import . "net/http"`). This module holds
what is needed to translate between the two without type-checking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node, Tree

from .facts import FileFacts, TypeFacts
from .parse import ErrorRegion, error_regions, parse, text

IGNORE_DIRECTIVE = "trace:ignore"
# `//trace:ignore` on a line of its own before the package clause: the whole file is left out.
_FILE_IGNORE = re.compile(rb"^//trace:ignore[ \t\r]*$", re.M)

_VERSION_ELEM = re.compile(r"^v[0-9]+$")
_IDENT_PREFIX = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*")


def assumed_package_name(path: str) -> str:
    """The package name Go tools assume for an import path without reading the package.

    Same heuristic as goimports: last element, skipping a `vN` major-version suffix, dropping
    a `go-` prefix and cutting at the first character that cannot be in an identifier
    (`gopkg.in/yaml.v3` -> `yaml`).
    """
    elems = [e for e in path.split("/") if e]
    if not elems:
        return path
    last = elems[-1]
    if len(elems) > 1 and _VERSION_ELEM.match(last):
        last = elems[-2]
    if last.startswith("go-"):
        last = last[3:]
    m = _IDENT_PREFIX.match(last)
    return m.group(0) if m else last


@dataclass(frozen=True)
class ImportSpec:
    """One import of a file."""

    path: str
    alias: str | None  # explicit name as written: None, "_", "." or an identifier
    line: int

    @property
    def name(self) -> str:
        """Name the file uses to refer to the package ("." and "_" are returned as is)."""
        return self.alias if self.alias else assumed_package_name(self.path)


@dataclass
class GoFile:
    """One parsed Go file of the package being rewritten."""

    path: str  # the IN path exactly as given on the command line
    src: bytes
    tree: Tree
    package_name: str
    imports: list[ImportSpec]
    # Byte offset where new import declarations may be appended (end of the last import
    # declaration, or end of the package clause).
    import_anchor: int
    errors: list[ErrorRegion]
    names_by_import: dict[str, str] = field(default_factory=dict)  # local name -> path
    dot_imports: list[str] = field(default_factory=list)
    blank_imports: set[str] = field(default_factory=set)
    ignored: bool = False  # `//trace:ignore` before the package clause
    facts: FileFacts | None = None  # type facts (None: match on syntax)

    @property
    def root(self) -> Node:
        return self.tree.root_node

    def resolve_qualifier(self, name: str) -> str | None:
        """Import path for a package qualifier used in this file, or None."""
        return self.names_by_import.get(name)


def _string_literal_value(src: bytes, node: Node) -> str:
    raw = text(src, node)
    if len(raw) >= 2 and raw[0] in '"`':
        return raw[1:-1]
    return raw


def load_file(path: str, src: bytes) -> GoFile:
    """Parse one file and collect its package name, imports and syntax errors."""
    tree = parse(src)
    root = tree.root_node
    package_name = ""
    imports: list[ImportSpec] = []
    anchor = 0
    for child in root.children:
        kind = child.type
        if kind == "package_clause":
            for c in child.children:
                if c.type == "package_identifier":
                    package_name = text(src, c)
            anchor = child.end_byte
        elif kind == "import_declaration":
            anchor = child.end_byte
            for spec in _import_specs(child):
                path_node = spec.child_by_field_name("path")
                if path_node is None:
                    continue
                name_node = spec.child_by_field_name("name")
                imports.append(
                    ImportSpec(
                        _string_literal_value(src, path_node),
                        text(src, name_node) if name_node is not None else None,
                        spec.start_point.row + 1,
                    )
                )
        elif kind in ("function_declaration", "method_declaration", "type_declaration"):
            # Imports must precede all other declarations: stop scanning early.
            break
        elif kind in ("var_declaration", "const_declaration"):
            break
    f = GoFile(path, src, tree, package_name, imports, anchor, error_regions(tree))
    clause = next((c for c in root.children if c.type == "package_clause"), None)
    if clause is not None and _FILE_IGNORE.search(src, 0, clause.start_byte):
        f.ignored = True
    for imp in imports:
        if imp.alias == ".":
            f.dot_imports.append(imp.path)
        elif imp.alias == "_":
            f.blank_imports.add(imp.path)
        else:
            f.names_by_import[imp.name] = imp.path
    return f


def _import_specs(decl: Node) -> list[Node]:
    out: list[Node] = []
    for c in decl.children:
        if c.type == "import_spec":
            out.append(c)
        elif c.type == "import_spec_list":
            out.extend(x for x in c.children if x.type == "import_spec")
    return out


@dataclass
class PackageView:
    """The files of one package and its top-level names."""

    importpath: str
    files: list[GoFile]  # sorted by path
    package_name: str
    top_level: set[str]  # names of top-level funcs, types, vars, consts (any file)
    funcs: set[str]  # top-level function names (no methods)
    types: set[str]
    facts: TypeFacts | None = None

    def member(self, f: GoFile) -> bool:
        """False for a file of another package handed over with this one (foo_test)."""
        return not f.package_name or f.package_name == self.package_name

    def file(self, path: str) -> GoFile:
        for f in self.files:
            if f.path == path:
                return f
        raise KeyError(path)


def build_package(
    importpath: str, files: list[tuple[str, bytes]], facts: TypeFacts | None = None
) -> PackageView:
    """All files of one package, sorted by path, with package-level names (and each
    file's type facts when `facts` is given)."""
    loaded = sorted((load_file(p, s) for p, s in files), key=lambda f: f.path)
    if facts is not None:
        for f in loaded:
            f.facts = facts.file(f.path)
    names: set[str] = set()
    funcs: set[str] = set()
    types: set[str] = set()
    for f in loaded:
        _collect_top_level(f, names, funcs, types)
    # The package name: go_test hands over `foo` and `foo_test` files together for both
    # its internal (importpath P) and external (P_test) package; the import path says
    # which one this is. Files of the other package are foreign (see `member`).
    external = importpath.endswith("_test")
    counts: dict[str, int] = {}
    for f in loaded:
        if f.package_name:
            counts[f.package_name] = counts.get(f.package_name, 0) + 1

    def rank(name: str) -> tuple[bool, int, str]:
        return (name.endswith("_test") != external, -counts[name], name)

    pkg = min(counts, key=rank) if counts else ""
    if external and pkg and not pkg.endswith("_test"):
        # An external test package none of whose files is handed over (a go_test of
        # internal tests only): rules_go compiles it empty, so no file is a member.
        pkg += "_test"
    return PackageView(importpath, loaded, pkg, names, funcs, types, facts)


def _collect_top_level(f: GoFile, names: set[str], funcs: set[str], types: set[str]) -> None:
    src = f.src
    for child in f.root.children:
        kind = child.type
        if kind == "function_declaration":
            n = child.child_by_field_name("name")
            if n is not None:
                names.add(text(src, n))
                funcs.add(text(src, n))
        elif kind == "type_declaration":
            for spec in child.children:
                if spec.type in ("type_spec", "type_alias"):
                    n = spec.child_by_field_name("name")
                    if n is not None:
                        names.add(text(src, n))
                        types.add(text(src, n))
        elif kind in ("var_declaration", "const_declaration"):
            for spec in _specs(child):
                for n in spec.children_by_field_name("name"):
                    names.add(text(src, n))


def _specs(decl: Node) -> list[Node]:
    out: list[Node] = []
    for c in decl.children:
        if c.type in ("var_spec", "const_spec"):
            out.append(c)
        elif c.type == "var_spec_list":
            out.extend(x for x in c.children if x.type == "var_spec")
    return out
