"""Load rule files: YAML with positions, JSON Schema validation, typed rules.

Every error is a RuleError naming `file:line:col: key.path: message`, where line/column come
from the YAML node marks of the offending key path (composed, not just loaded, YAML).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema
import yaml
from jinja2 import Template, TemplateSyntaxError

from . import joinpoints as jp
from .advice import KINDS
from .model import Advice, KeyPath, Location, Rule, RuleError, format_keypath
from .schema import schema
from .templates import compile_template, referenced_imports

__all__ = [
    "Advice",
    "KeyPath",
    "Location",
    "Rule",
    "RuleError",
    "format_keypath",
    "load_rule_files",
]


@cache
def _validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema())
    return cls(schema())


class _Marks:
    """Positions (1-based line, col) of every value and mapping key, by key path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[KeyPath, yaml.Node] = {}
        self.keys: dict[KeyPath, yaml.Node] = {}

    def walk(self, root: yaml.Node) -> None:
        """Record positions; iterative, counting nodes as aliases expand them (an alias
        bomb is refused at MAX_NODES) and refusing an alias that contains itself."""
        stack: list[tuple[yaml.Node, KeyPath, tuple[int, ...]]] = [(root, (), ())]
        count = 0
        while stack:
            node, path, parents = stack.pop()
            count += 1
            if count > MAX_NODES:
                raise RuleError(
                    self._loc(node, path),
                    f"more than {MAX_NODES} YAML nodes once aliases are expanded",
                )
            if id(node) in parents:
                raise RuleError(self._loc(node, path), "an alias refers to a node containing it")
            self.values[path] = node
            inner = (*parents, id(node))
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for k, v in node.value:
                    key = k.value if isinstance(k, yaml.ScalarNode) else str(k.value)
                    if key in seen:
                        raise RuleError(self._loc(k, (*path, key)), "duplicate key")
                    seen.add(key)
                    self.keys[(*path, key)] = k
                    stack.append((v, (*path, key), inner))
            elif isinstance(node, yaml.SequenceNode):
                for i, v in enumerate(node.value):
                    stack.append((v, (*path, i), inner))

    def _loc(self, node: yaml.Node, path: KeyPath) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1, path)

    def at(self, path: KeyPath, key: bool = False) -> Location:
        table = self.keys if key else self.values
        probe = path
        while probe not in table and probe:
            probe = probe[:-1]
            table = self.values
        node = table.get(probe)
        if node is None:
            return Location(self.file, 1, 1, path)
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1, path)

    def template_line(self, path: KeyPath, lineno: int) -> Location:
        """Location of line `lineno` (1-based) inside the template scalar at `path`."""
        node = self.values.get(path)
        if not isinstance(node, yaml.ScalarNode):
            return self.at(path)
        if node.style in ("|", ">"):
            line = node.start_mark.line + lineno + 1
            buf = node.start_mark.buffer or ""
            lines = buf.split("\n")
            col = 1
            if 0 < line <= len(lines):
                content = lines[line - 1]
                col = len(content) - len(content.lstrip(" ")) + 1
            return Location(self.file, line, col, path)
        return self.at(path)


def load_rule_text(file: str, content: str, first_index: int = 0) -> list[Rule]:
    """Parse and validate one rule file's text; `file` is used in messages only."""
    try:
        _check_shape(file, content)
        loader = yaml.SafeLoader(content)
        try:
            node = loader.get_single_node()
            if node is None:
                raise RuleError(Location(file, 1, 1), "empty rule file (expected `rules:`)")
            marks = _Marks(file)
            marks.walk(node)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = " ".join(x for x in (e.context, e.problem) if x) or "invalid YAML"
        raise RuleError(Location(file, line, col), f"YAML syntax error: {msg}") from None
    except yaml.YAMLError as e:
        raise RuleError(Location(file, 1, 1), f"YAML error: {e}") from None

    _validate(data, marks)
    return [_build_rule(r, i, first_index + i, marks) for i, r in enumerate(data["rules"])]


# Bounds for rule files: they are input, and YAML aliases or deep nesting can otherwise
# exhaust memory or Python's recursion (PyYAML composes recursively).
MAX_DEPTH = 50
MAX_NODES = 100_000


def _check_shape(file: str, content: str) -> None:
    """Depth and size limits checked on the event stream, before anything recursive runs."""
    depth = 0
    events = yaml.parse(content, Loader=yaml.SafeLoader)
    for count, event in enumerate(events, 1):
        mark = event.start_mark
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise RuleError(
                    Location(file, mark.line + 1, mark.column + 1),
                    f"nested more than {MAX_DEPTH} levels deep",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if count > MAX_NODES:
            raise RuleError(
                Location(file, mark.line + 1, mark.column + 1), f"more than {MAX_NODES} YAML nodes"
            )


def _validate(data: Any, marks: _Marks) -> None:
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    err = jsonschema.exceptions.best_match(errors)
    # best_match prefers shallow errors; the deepest one names the real culprit for
    # oneOf-free schemas like ours.
    deepest = max(errors, key=lambda e: (len(e.absolute_path), e is err))
    if len(deepest.absolute_path) > len(err.absolute_path):
        err = deepest
    path: KeyPath = tuple(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in allowed)
        if extra:
            loc = marks.at((*path, extra[0]), key=True)
            choices = ", ".join(sorted(allowed))
            raise RuleError(loc, f"unknown key {extra[0]!r} (expected one of: {choices})")
    if err.validator in ("minProperties", "maxProperties") and isinstance(err.instance, dict):
        choices = ", ".join(sorted(err.schema.get("properties", {})))
        raise RuleError(marks.at(path), f"expected exactly one of: {choices}")
    raise RuleError(marks.at(path), err.message)


def _build_rule(r: dict[str, Any], i: int, index: int, marks: _Marks) -> Rule:
    base: KeyPath = ("rules", i)
    try:
        join_point = jp.build(r["join-point"])
    except jp.JoinPointError as e:
        raise RuleError(marks.at((*base, "join-point", *e.path)), e.message) from None
    imports: dict[str, str] = dict(r.get("imports", {}))
    advice: list[Advice] = []
    for j, a in enumerate(r["advice"]):
        ((kind_name, value),) = a.items()
        apath: KeyPath = (*base, "advice", j, kind_name)
        kind = KINDS[kind_name]
        allowed = kind.applies_to
        if allowed is not None and join_point.kind not in allowed:
            raise RuleError(
                marks.at(apath, key=True),
                f"{kind_name} cannot apply to a {join_point.kind} join point "
                f"(it applies to: {', '.join(sorted(allowed))})",
            )
        advice.append(kind.build(value, _Builder(marks, apath, imports)))
    return Rule(
        id=r["id"],
        join_point=join_point,
        imports=imports,
        advice=advice,
        loc=marks.at(base),
        index=index,
        file=marks.file,
        directive_names=join_point.directive_names(),
    )


class _Builder:
    """Locations, template compilation and errors for one advice value (see advice.base)."""

    def __init__(self, marks: _Marks, apath: KeyPath, imports: dict[str, str]) -> None:
        self.marks = marks
        self.apath = apath
        self.rule_imports = imports

    def at(self, suffix: KeyPath = (), key: bool = False) -> Location:
        return self.marks.at((*self.apath, *suffix), key=key)

    def error(self, suffix: KeyPath, message: str, key: bool = False) -> RuleError:
        return RuleError(self.at(suffix, key), message)

    def template(self, suffix: KeyPath, source: str) -> Template:
        tpath: KeyPath = (*self.apath, *suffix)
        try:
            template = compile_template(source)
        except TemplateSyntaxError as e:
            raise RuleError(
                self.marks.template_line(tpath, e.lineno or 1), f"Jinja syntax error: {e.message}"
            ) from None
        unknown = sorted(referenced_imports(source) - set(self.rule_imports))
        if unknown:
            raise RuleError(
                self.marks.at(tpath),
                f"template uses imports.{unknown[0]} but the rule declares no such import "
                f"(declared: {', '.join(sorted(self.rule_imports)) or 'none'})",
            )
        return template


def load_rule_files(paths: list[str], read: Any = None) -> list[Rule]:
    """Load several rule files in order; rule ids must be unique across all of them.

    `read(path) -> bytes` lets the worker resolve paths in a sandbox; defaults to open().
    """
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path in paths:
        raw = read(path) if read else _read(path)
        try:
            content = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise RuleError(Location(path, 1, 1), f"not UTF-8: {e}") from None
        for rule in _cached_load(path, content, len(rules)):
            if rule.id in seen:
                prev = seen[rule.id]
                raise RuleError(
                    Location(rule.loc.file, rule.loc.line, rule.loc.col, (*rule.loc.keypath, "id")),
                    f"duplicate rule id {rule.id!r} (first defined at {prev.loc.file}:"
                    f"{prev.loc.line})",
                )
            seen[rule.id] = rule
            rules.append(rule)
    return rules


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as e:
        raise RuleError(Location(path, 1, 1), f"cannot read rule file: {e.strerror}") from None


_CACHE: dict[tuple[str, str, int], list[Rule]] = {}


def _cached_load(path: str, content: str, first: int) -> list[Rule]:
    # The persistent worker sees the same rule files for every package: compile once.
    key = (path, content, first)
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) > 64:
            _CACHE.clear()
        hit = _CACHE[key] = load_rule_text(path, content, first)
    return hit
