"""Rule model shared by the loader, join points and advice kinds: locations, errors, rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jinja2 import Template

if TYPE_CHECKING:
    from .joinpoints import JoinPoint

KeyPath = tuple[str | int, ...]


def format_keypath(path: KeyPath) -> str:
    """`rules[0].advice[1].template` notation of a key path."""
    out = ""
    for p in path:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + str(p)
    return out or "<document>"


@dataclass(frozen=True)
class Location:
    """A place in a rule file, with the key path of the value there."""

    file: str
    line: int
    col: int
    keypath: KeyPath = ()

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {format_keypath(self.keypath)}" if self.keypath else where


class RuleError(Exception):
    """A problem in a rule file (or in what a rule produced), located in the rule file."""

    def __init__(self, loc: Location, message: str) -> None:
        super().__init__(f"{loc}: {message}")
        self.loc = loc
        self.message = message


@dataclass
class Advice:
    """One parsed advice; `kind` names its module in the advice registry."""

    kind: str
    loc: Location  # of the template (or of the import path for add-blank-import)
    template_source: str = ""
    template: Template | None = None
    import_path: str = ""  # add-blank-import
    file_glob: str | None = None  # inject-declarations
    # Kind-specific parameters (wrap-argument `index`, add-field `field`, ...).
    params: dict[str, Any] = field(default_factory=dict)
    # Further templates (append-args `values`), with their locations.
    templates: list[tuple[Template, Location]] = field(default_factory=list)
    # Imports the advice itself needs beyond the rule's: import path -> preferred name.
    own_imports: dict[str, str] = field(default_factory=dict)


@dataclass
class Rule:
    """One rule: join point, imports and advice, with where it was defined."""

    id: str
    join_point: JoinPoint
    imports: dict[str, str]
    advice: list[Advice]
    loc: Location
    index: int  # global order across all rule files
    file: str
    directive_names: list[str] = field(default_factory=list)
