"""Injected imports must be ones the build provides (the profile's Go libraries)."""

from __future__ import annotations

from .rules import Location, Rule, RuleError


def is_standard_library(import_path: str) -> bool:
    """Whether `import_path` is in Go's standard library (no dot in its first element)."""
    # The go command's own rule: a path whose first element has no dot is std.
    return "." not in import_path.split("/", 1)[0]


def check_provided(imports: list[str], rules: list[Rule], provided: set[str]) -> None:
    """Raises a RuleError at the rule that injects an import nothing provides."""
    for import_path in imports:
        if import_path in provided or is_standard_library(import_path):
            continue
        loc = _where_injected(import_path, rules)
        available = ", ".join(sorted(provided)) or "none"
        raise RuleError(
            loc,
            f"injects import {import_path!r}, which the profile's runtime does not provide "
            f"(add its go_library to the instrumentation_profile's runtime; provided: {available})",
        )


def _where_injected(import_path: str, rules: list[Rule]) -> Location:
    for rule in rules:
        for name, path in rule.imports.items():
            if path == import_path:
                keypath = (*rule.loc.keypath, "imports", name)
                return Location(rule.loc.file, rule.loc.line, rule.loc.col, keypath)
        for advice in rule.advice:
            if advice.import_path == import_path or import_path in advice.own_imports:
                return advice.loc
    return Location("<rules>", 1, 1)
