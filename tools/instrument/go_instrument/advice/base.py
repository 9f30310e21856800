"""The advice interface: one subclass per kind (one module each), collected in a registry.

A kind owns its YAML value's schema fragment, its load-time checks, the join point kinds it
applies to, and how it turns one match into insertions (and which imports those need).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from jinja2 import Template
from tree_sitter import Node

from ..edits import CLOSE, OPEN, REPLACE, Insertion
from ..joinpoints import Candidate
from ..model import Advice, KeyPath, Location, Rule, RuleError
from ..templates import EXPR_SENTINEL
from .context import template_context


class Builder(Protocol):
    """What the rule loader offers an advice kind while it parses the kind's YAML value."""

    rule_imports: dict[str, str]

    def at(self, suffix: KeyPath = (), key: bool = False) -> Location: ...

    def template(self, suffix: KeyPath, source: str) -> Template: ...

    def error(self, suffix: KeyPath, message: str, key: bool = False) -> RuleError: ...


class Names(Protocol):
    """Names for unnamed (or `_`) context parameters and error results (see naming.py)."""

    def resolve(self, site: Site, rendered: str) -> str: ...

    def first(self, key: tuple[Any, ...]) -> bool: ...


@dataclass(frozen=True)
class Origin:
    """Where an insertion comes from, to name both the rule and the Go file in errors."""

    rule: Rule
    advice: Advice
    file: str
    line: int


@dataclass
class Site:
    """One advice of one rule applied at one matched candidate."""

    rule: Rule
    advice: Advice
    cand: Candidate
    seq: int
    line: int
    col: int
    names: Names
    _ctx: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return f"{self.cand.file.path}:{self.line}"

    @property
    def origin(self) -> Origin:
        return Origin(self.rule, self.advice, self.cand.file.path, self.line)

    @property
    def label(self) -> str:
        return f"{self.rule.id}/{self.advice.kind}"

    def context(self) -> dict[str, Any]:
        if self._ctx is None:
            self._ctx = template_context(self.rule, self.cand, self.line, self.col)
        return self._ctx

    def error(self, message: str, loc: Location | None = None) -> RuleError:
        return RuleError(loc or self.advice.loc, f"{message} (at {self.where})")

    def render(
        self, template: Template | None = None, loc: Location | None = None, **extra: Any
    ) -> str:
        """Render a template of this advice (default: its `template`) in the site's context."""
        tmpl = template if template is not None else self.advice.template
        assert tmpl is not None
        ctx = self.context()
        if extra:
            ctx = {**ctx, **extra}
        from ..templates import render_bounded

        try:
            out = render_bounded(tmpl, ctx)
        except Exception as e:  # any template failure is a user rule error
            raise RuleError(
                loc or self.advice.loc,
                f"template failed for {self.where}: {type(e).__name__}: {e}",
            ) from None
        return self.names.resolve(self, out)

    def render_statements(self) -> str | None:
        """The advice's template rendered without its outer blank lines; None when it
        rendered nothing but white space (the rule chose to add nothing here)."""
        code = self.render().strip("\n")
        return code if code.strip() else None

    def insertion(self, offset: int, text: str, phase: int, **kw: Any) -> Insertion:
        return Insertion(offset, text, phase, self.seq, origin=self.origin, label=self.label, **kw)

    def wrap(self, node: Node | tuple[int, int], rendered: str) -> list[Insertion] | None:
        """Insertions wrapping `node` with `rendered` around the `{{ expr }}` sentinel.

        Returns [] when the template rendered to exactly `{{ expr }}` (an identity: the rule
        chose to leave this match alone), None when `{{ expr }}` is not there exactly once.
        """
        parts = rendered.split(EXPR_SENTINEL)
        if len(parts) != 2:
            return None
        if parts == ["", ""]:
            return []
        if isinstance(node, Node):
            self.check_call_position(node, f"{parts[0]}x(){parts[1]}")
        s, e = (node.start_byte, node.end_byte) if isinstance(node, Node) else node
        return [
            self.insertion(s, parts[0], OPEN, span=(s, e)),
            self.insertion(e, parts[1], CLOSE, span=(s, e)),
        ]

    def check_call_position(self, node: Node, code: str) -> None:
        """`go` and `defer` take a call: what replaces their call must still be one."""
        parent = node.parent
        if parent is None or parent.type not in ("go_statement", "defer_statement"):
            return
        from .defer import is_single_call

        if not is_single_call(code.strip()):
            keyword = "go" if parent.type == "go_statement" else "defer"
            raise self.error(f"the call of a `{keyword}` statement must stay a call: {code!r}")

    def replace(self, start: int, end: int, text: str) -> Insertion:
        """Original bytes [start, end) replaced by `text`."""
        return self.insertion(start, text, REPLACE, remove=end - start)


@dataclass
class Planned:
    """What one advice does at one site: its insertions, or why it did nothing."""

    insertions: list[Insertion] = field(default_factory=list)
    note: str = ""  # e.g. "skipped: call has 1 argument"; shown in the report


class AdviceKind:
    """Base class of every advice kind; subclasses set the class attributes."""

    name: ClassVar[str]
    applies_to: ClassVar[frozenset[str] | None]  # join point kinds; None: any
    package_level: ClassVar[bool] = False  # once per package (inject-declarations, ...)
    schema: ClassVar[dict[str, Any]]

    def build(self, value: Any, b: Builder) -> Advice:
        """Parse the schema-valid YAML value; raise RuleError on semantic errors."""
        raise NotImplementedError

    def plan(self, site: Site) -> Planned:
        """Insertions for one match (not called for package-level kinds)."""
        raise NotImplementedError


def template_advice(name: str, value: dict[str, Any], b: Builder, **extra: Any) -> Advice:
    """The Advice of a kind whose YAML value carries one `template` (plus `extra` fields)."""
    return Advice(
        name,
        b.at(("template",)),
        value["template"],
        b.template(("template",), value["template"]),
        **extra,
    )


def template_schema(description: str) -> dict[str, Any]:
    """Schema of an advice whose value is `{template: ...}`."""
    return {
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "required": ["template"],
        "properties": {"template": {"$ref": "#/$defs/template"}},
    }
