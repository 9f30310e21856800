"""Rewrite one Go package: match rules, render advice, allocate imports, apply edits, verify.

Pure function of (importpath, files, rules): no I/O, deterministic output. The CLI and the
worker do the file handling (see cli.py).
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass, field

from . import joinpoints as jp
from . import tokens
from .advice import KINDS, Origin, Site
from .edits import POINT, EditConflict, Insertion, apply
from .facts import FactsError, TypeFacts
from .imports import Needed, allocate, import_text
from .linemap import Resolver, line_starts, offset_to_line_col
from .naming import PackageState
from .package_view import IGNORE_DIRECTIVE, GoFile, PackageView, build_package
from .parse import declaration_span, error_regions, parse
from .provided import check_provided
from .report import Match, file_source_map
from .rules import Advice, Rule, RuleError
from .templates import import_sentinel, sentinels_in


class GoSyntaxError(Exception):
    """Go input that cannot be rewritten: a join point touches a region that does not parse."""


@dataclass
class FileResult:
    """The output of one file and its source map."""

    path: str
    output: bytes
    changed: bool
    source_map: dict


@dataclass
class PackageResult:
    """Everything the CLI writes for one package."""

    importpath: str
    package_name: str
    files: list[FileResult]
    imports: list[str]  # import paths really added, sorted
    matches: list[Match]
    warnings: list[str]
    skipped: list[str] = field(default_factory=list)
    types: str = "syntax"  # "facts": join points matched on type facts (see facts.py)


class _Candidates:
    """Per-file lazily computed candidate lists (the expensive part; computed once)."""

    def __init__(self, pkg: PackageView, rules: list[Rule]) -> None:
        self.pkg = pkg
        self.literal_funcs = any(_uses_literals(r.join_point) for r in rules)
        self.fields = {f for r in rules for f in _fields(r.join_point)}
        self.all_calls = any(
            isinstance(x, jp.FunctionCall) and x.pattern == "*"
            for r in rules
            for x in walk_join_points(r.join_point)
        )
        self._cache: dict[tuple[str, str], list[jp.Candidate]] = {}

    def get(self, f: GoFile, kind: str) -> list[jp.Candidate]:
        key = (f.path, kind)
        hit = self._cache.get(key)
        if hit is None:
            if kind == jp.FUNCTION:
                hit = list(jp.functions(f, self.pkg, self.literal_funcs))
            elif kind == jp.CALL:
                hit = list(jp.calls(f, self.pkg, self.all_calls))
            elif kind == jp.LITERAL:
                hit = list(jp.literals(f, self.pkg, self.fields))
            else:
                hit = [jp.Candidate(jp.PACKAGE, f, self.pkg, f.root)]
            self._cache[key] = hit
        return hit


def walk_join_points(j: jp.JoinPoint):
    """The join point and every one nested in it (all-of, one-of, not)."""
    yield j
    if isinstance(j, jp.AllOf | jp.OneOf):
        for x in j.items:
            yield from walk_join_points(x)
    elif isinstance(j, jp.Not) and j.item is not None:
        yield from walk_join_points(j.item)


def rule_interfaces(rules: list[Rule]) -> dict[str, str]:
    """Interface -> id of the first rule whose type filters name it (sorted by name)."""
    found: dict[str, str] = {}
    for rule in rules:
        for x in walk_join_points(rule.join_point):
            if isinstance(x, jp.FunctionBody | jp.FunctionCall):
                for name in sorted(x.filters.interfaces):
                    found.setdefault(name, rule.id)
    return dict(sorted(found.items()))


def _needs_facts(rule: Rule) -> bool:
    for x in walk_join_points(rule.join_point):
        if isinstance(x, jp.FunctionCall) and x.needs_facts:
            return True
        if isinstance(x, jp.FunctionBody) and x.filters.interfaces:
            return True
    return False


def _check_facts(facts: TypeFacts | None, rules: list[Rule]) -> list[str]:
    """Facts made without an interface a rule names are a wiring bug (error); without
    facts, rules whose filters need them match nothing (a warning each)."""
    if facts is None:
        return [
            f"{r.id}: its type filters need type facts; matching on syntax, it matches nothing"
            for r in rules
            if _needs_facts(r)
        ]
    for name, rule_id in rule_interfaces(rules).items():
        if name not in facts.interfaces:
            raise FactsError(
                f"type facts of {facts.importpath} were made without interface {name} "
                f"(named by rule {rule_id}): give gofacts the profile's interfaces"
            )
    return []


def _uses_literals(j: jp.JoinPoint) -> bool:
    # Directive rules see closures too: a directive above `h := func() {...}` marks it.
    return any(
        isinstance(x, jp.FunctionBody) and (x.literals or x.directive) for x in walk_join_points(j)
    )


def _fields(j: jp.JoinPoint) -> set[str]:
    return {x.field for x in walk_join_points(j) if isinstance(x, jp.StructLiteral) and x.field}


def _rule_paths(rule: Rule) -> set[str]:
    paths = set(rule.imports.values())
    paths |= {a.import_path for a in rule.advice if a.kind == "add-blank-import"}
    paths |= {p for a in rule.advice for p in a.own_imports}
    return paths


def find_matches(
    pkg: PackageView, rules: list[Rule]
) -> tuple[list[tuple[Rule, jp.Candidate]], list[str]]:
    """All (rule, candidate) matches in rule order then file/position order."""
    cands = _Candidates(pkg, rules)
    out: list[tuple[Rule, jp.Candidate]] = []
    skipped: list[str] = []
    for rule in rules:
        if pkg.importpath in _rule_paths(rule):
            # Advice importing the package being rewritten would create an import cycle.
            skipped.append(f"{rule.id}: not applied to {pkg.importpath} (its advice imports it)")
            continue
        kind = rule.join_point.kind
        assert kind is not None
        files = [
            f for f in pkg.files if pkg.member(f) and not f.ignored and not already_instrumented(f)
        ]
        if kind == jp.PACKAGE:
            files = files[:1]
        for f in files:
            if not rule.join_point.prefilter(f, pkg):
                continue
            for cand in cands.get(f, kind):
                if rule.join_point.matches(cand) and not _ignored(cand):
                    out.append((rule, cand))
    return out, skipped


def _ignored(cand: jp.Candidate) -> bool:
    """Inside a function marked `//trace:ignore` (its own or an enclosing one)."""
    if b"//trace:ignore" not in cand.file.src or cand.kind == jp.PACKAGE:
        return False
    return any(s <= cand.node.start_byte < e for s, e in ignored_spans(cand.file, cand.pkg))


def ignored_spans(f: GoFile, pkg: PackageView) -> list[tuple[int, int]]:
    """Byte spans of the functions (and closures) of `f` marked `//trace:ignore`."""
    spans = getattr(f, "_ignored_spans", None)
    if spans is None:
        spans = []
        for cand in jp.functions(f, pkg, True):
            assert cand.func is not None
            if any(d.name == IGNORE_DIRECTIVE for d in cand.func.directives):
                spans.append((cand.node.start_byte, cand.node.end_byte))
        f._ignored_spans = spans  # type: ignore[attr-defined]
    return spans


_PACKAGE_CLAUSE = re.compile(rb"^package[ \t]+([A-Za-z_][A-Za-z0-9_]*)", re.M)


def _untouched(importpath: str, files: list[tuple[str, bytes]], types: str) -> PackageResult:
    """Result for a package no rule can match: every file copied, nothing parsed."""
    name = ""
    for _, src in sorted(files):
        m = _PACKAGE_CLAUSE.search(src)
        if m:
            name = m.group(1).decode()
            break
    results = [
        FileResult(p, src, False, file_source_map(src, src, None)) for p, src in sorted(files)
    ]
    return PackageResult(importpath, name, results, [], [], [], types=types)


def rewrite_package(
    importpath: str,
    files: list[tuple[str, bytes]],
    rules: list[Rule],
    prefilter: bool = True,
    provided: set[str] | None = None,
    facts: TypeFacts | None = None,
) -> PackageResult:
    """Rewrite one package. With `prefilter`, a package whose bytes no rule can match is
    passed through without parsing (syntax errors in it then go unreported: the Go compiler
    reports them anyway). With `provided`, an injected non-std import outside it is an
    error naming the rule (see provided.py). With `facts` (tools/gofacts), calls and
    literals match on types; without, on syntax."""
    types = "syntax" if facts is None else "facts"
    if facts is not None and facts.importpath != importpath:
        raise FactsError(
            f"type facts are for {facts.importpath!r}, not for the package {importpath!r}"
        )
    facts_warnings = _check_facts(facts, rules)
    if prefilter and not any(
        r.join_point.prefilter_bytes(src, importpath) for r in rules for _, src in files
    ):
        return _untouched(importpath, files, types)
    try:
        result = _rewrite(importpath, files, rules, provided, facts)
        result.warnings[:0] = facts_warnings
        return result
    except RecursionError:
        # Iterative walks and depth-bounded helpers should make this unreachable; if some
        # input still nests deeper than Python recurses, fail cleanly, naming the files.
        names = ", ".join(p for p, _ in sorted(files)[:3])
        raise GoSyntaxError(f"{names}: Go code nested too deeply to instrument") from None


def _rewrite(
    importpath: str,
    files: list[tuple[str, bytes]],
    rules: list[Rule],
    provided: set[str] | None,
    facts: TypeFacts | None,
) -> PackageResult:
    """The phases: match, check syntax, plan, package advice, imports + apply + verify."""
    pkg = build_package(importpath, files, facts)
    matches, skipped = find_matches(pkg, rules)
    matches, warnings = check_syntax(pkg, matches)
    if facts is not None and facts.errors:
        # Unresolved expressions have no facts and match nothing: say why.
        n = len(facts.errors)
        warnings.append(f"type facts incomplete ({n} type errors): {facts.errors[0]}")
    plan = plan_insertions(pkg, matches)
    plan_package_advice(pkg, plan, warnings)
    results, imports = apply_and_verify(pkg, rules, plan)
    if provided is not None:
        check_provided(imports, rules, provided)
    plan.report.sort(key=lambda m: (m.file, m.line, m.column, m.rule_index))
    return PackageResult(
        importpath,
        pkg.package_name,
        results,
        imports,
        plan.report,
        warnings,
        skipped,
        "syntax" if facts is None else "facts",
    )


def check_syntax(
    pkg: PackageView, matches: list[tuple[Rule, jp.Candidate]]
) -> tuple[list[tuple[Rule, jp.Candidate]], list[str]]:
    """Drop matches in declarations that overlap a syntax error (with a warning naming the
    error's line:col); the rest of the file is still rewritten."""
    warnings: list[str] = []
    bad: dict[str, list[tuple[int, int]]] = {}
    for f in pkg.files:
        if not f.errors or not pkg.member(f):
            continue
        for err in f.errors:
            start, end = declaration_span(f, err)
            spans = bad.setdefault(f.path, [])
            if any(s <= start < e for s, e in spans):
                continue  # one warning per declaration
            spans.append((start, end))
            warnings.append(
                f"{f.path}:{err.line}:{err.column}: syntax error (or Go syntax tree-sitter-go "
                f"does not know); the declaration around it is left uninstrumented"
            )
    for f in pkg.files:
        if pkg.member(f) and already_instrumented(f):
            warnings.append(
                f"{f.path}: already carries this engine's instrumentation (its own position "
                f"directives); passed through unchanged"
            )
    kept = []
    for rule, cand in matches:
        spans = bad.get(cand.file.path)
        n = cand.node
        overlaps = spans and any(s < n.end_byte and n.start_byte < e for s, e in spans)
        if overlaps and cand.kind != jp.PACKAGE:
            continue
        kept.append((rule, cand))
    return kept, warnings


def already_instrumented(f: GoFile) -> bool:
    """Whether `f` is output of this engine: it has `/*line F:L:C*/` directives naming F
    itself, which the engine writes after inserted code and generators do not."""
    return f"/*line {f.path}:".encode() in f.src


@dataclass
class Plan:
    """Everything planned for a package before any byte is written."""

    state: PackageState
    per_file: dict[str, list[Insertion]]
    blank: dict[str, list[str]]
    report: list[Match]
    starts: _LazyStarts
    package_advice: dict[tuple[int, int], tuple[Rule, Advice, jp.Candidate]]


def plan_insertions(pkg: PackageView, matches: list[tuple[Rule, jp.Candidate]]) -> Plan:
    """Render every advice at every match into insertions (package-level advice is
    collected, once per rule and advice, for plan_package_advice)."""
    plan = Plan(
        PackageState(),
        {f.path: [] for f in pkg.files},
        {f.path: [] for f in pkg.files},
        [],
        _LazyStarts(pkg),
        {},
    )
    for rule, cand in matches:
        f = cand.file
        line, col = offset_to_line_col(plan.starts[f.path], _anchor(cand))
        notes: list[str] = []
        for ai, advice in enumerate(rule.advice):
            kind = KINDS[advice.kind]
            if kind.package_level:
                plan.package_advice.setdefault((rule.index, ai), (rule, advice, cand))
                notes.append(advice.kind)
                continue
            site = Site(rule, advice, cand, rule.index * 1000 + ai, line, col, plan.state)
            planned = kind.plan(site)
            plan.per_file[f.path].extend(planned.insertions)
            notes.append(f"{advice.kind} ({planned.note})" if planned.note else advice.kind)
        plan.report.append(_match(rule, cand, line, col, notes))
    for f in pkg.files:
        plan.per_file[f.path].extend(plan.state.insertions(f.path))
    return plan


def plan_package_advice(pkg: PackageView, plan: Plan, warnings: list[str]) -> None:
    """inject-declarations and add-blank-import: once per package, in one file."""
    healthy = [
        f for f in pkg.files if pkg.member(f) and not f.ignored and not already_instrumented(f)
    ]
    for (rule_index, ai), (rule, advice, cand) in sorted(plan.package_advice.items()):
        target = _target_file(advice, cand.file, healthy)
        if target is None:
            warnings.append(f"{rule.id}: no file matches {advice.file_glob!r} for {advice.kind}")
            continue
        if advice.kind == "add-blank-import":
            if advice.import_path not in target.blank_imports:
                plan.blank[target.path].append(advice.import_path)
            continue
        end = len(target.src)
        line, col = offset_to_line_col(plan.starts[target.path], end)
        site = Site(
            rule,
            advice,
            jp.Candidate(jp.PACKAGE, target, pkg, target.root),
            rule_index * 1000 + ai,
            line,
            col,
            plan.state,
        )
        code = site.render().strip("\n")
        if not code.strip():
            continue
        lead = "\n" if target.src.endswith(b"\n") else "\n\n"
        plan.per_file[target.path].append(site.insertion(end, f"{lead}{code}\n", POINT, stmt=True))


def apply_and_verify(
    pkg: PackageView, rules: list[Rule], plan: Plan
) -> tuple[list[FileResult], list[str]]:
    """Resolve imports, apply the insertions to each file, check the output is sound."""
    results: list[FileResult] = []
    all_imports: set[str] = set()
    for f in pkg.files:
        ins = plan.per_file[f.path]
        blank = plan.blank[f.path]
        if not ins and not blank:
            results.append(FileResult(f.path, f.src, False, file_source_map(f.src, f.src, None)))
            continue
        added = _resolve_imports(f, pkg, rules, ins)
        if added or blank:
            ins.append(
                Insertion(
                    f.import_anchor,
                    import_text(added, blank),
                    POINT,
                    -1,
                    label="imports",
                    stmt=True,
                )
            )
        all_imports |= set(added) | set(blank)
        try:
            applied = apply(f.src, ins, Resolver(f.src, f.path, f.tree))
        except EditConflict as e:
            raise _blame(f, e.origins, str(e)) from None
        _verify(f, applied)
        results.append(
            FileResult(
                f.path,
                applied.output,
                applied.output != f.src,
                file_source_map(f.src, applied.output, applied.segments),
            )
        )
    return results, sorted(all_imports)


def _blame(f: GoFile, origins: list, message: str) -> RuleError:
    for o in origins:
        if isinstance(o, Origin):
            others = [x.rule.id for x in origins if isinstance(x, Origin) and x is not o]
            extra = f" and rule {', '.join(others)}" if others else ""
            return RuleError(
                o.advice.loc, f"{message}: rule {o.rule.id}{extra} in {o.file}:{o.line}"
            )
    return RuleError(_no_loc(f.path), message)


class _LazyStarts(dict):
    """Line start offsets per file, computed only for files that get edits."""

    def __init__(self, pkg: PackageView) -> None:
        super().__init__()
        self._srcs = {f.path: f.src for f in pkg.files}

    def __missing__(self, path: str) -> list[int]:
        value = self[path] = line_starts(self._srcs[path])
        return value


def _anchor(cand: jp.Candidate) -> int:
    if cand.kind == jp.FUNCTION and cand.func is not None:
        return cand.func.node.start_byte
    if cand.target is not None:
        return cand.target.start_byte
    return cand.node.start_byte


def _match(rule: Rule, cand: jp.Candidate, line: int, col: int, kinds: list[str]) -> Match:
    name = ""
    if cand.func is not None:
        name = cand.func.name or "func literal"
        if cand.func.receiver is not None:
            name = f"({cand.func.receiver.type}).{name}"
    elif cand.call is not None:
        name = sorted(cand.call.targets)[0] if cand.call.targets else cand.call.function
    elif cand.literal is not None:
        name = cand.literal.type + (f".{cand.field}" if cand.field else "")
    return Match(
        rule.id,
        rule.index,
        rule.file,
        rule.loc.line,
        cand.file.path,
        line,
        col,
        cand.kind,
        name,
        kinds,
    )


def _target_file(advice: Advice, matched: GoFile, healthy: list[GoFile]) -> GoFile | None:
    if advice.file_glob:
        for f in healthy:
            if fnmatch.fnmatchcase(posixpath.basename(f.path), advice.file_glob):
                return f
        return None
    if matched in healthy:
        return matched
    return healthy[0] if healthy else None


def _resolve_imports(
    f: GoFile, pkg: PackageView, rules: list[Rule], ins: list[Insertion]
) -> dict[str, str]:
    """Replace import sentinels in inserted text by aliases; return {path: alias} used."""
    used: set[str] = set()
    for i in ins:
        used |= sentinels_in(i.text)
    if not used:
        return {}
    needed: list[Needed] = []
    by_sentinel: dict[str, str] = {}
    for rule in rules:  # rule order decides which key names a shared path
        names = sorted(rule.imports.items())
        names += [(key, path) for a in rule.advice for path, key in sorted(a.own_imports.items())]
        for key, path in names:
            s = import_sentinel(path)
            if s in used and s not in by_sentinel:
                by_sentinel[s] = path
                needed.append(Needed(path, key))
    aliases = allocate(f, pkg, needed)
    for i in ins:
        for s, path in by_sentinel.items():
            if s in i.text:
                i.text = i.text.replace(s, aliases[path])
    return aliases


def _verify(f: GoFile, applied) -> None:
    """The rewrite must be sound (tokens.check) and, when the input parses, the output must
    parse too; otherwise blame the advice whose insertion is nearest the problem."""
    parses = not (f.errors or f.tree.root_node.has_error)
    tree = parse(applied.output) if parses else None
    bad = tokens.check(
        f.src, applied.output, applied.segments, _leaf_test(tree) if tree is not None else None
    )
    if bad is not None:
        line, col = offset_to_line_col(line_starts(f.src), bad.orig_offset)
        raise _blame_at(f, bad.origins, f"unsound rewrite at {f.path}:{line}:{col}: {bad.reason}")
    if tree is None or not tree.root_node.has_error:
        return  # no parse check when the input itself does not parse: tokens are the check
    regions = error_regions(tree, limit=1)
    # tree-sitter may flag an error without an ERROR/MISSING node: blame the first insertion.
    err_at = regions[0].start if regions else len(applied.output)
    err_line = regions[0].line if regions else 0
    culprit = None
    for seg in applied.segments:
        ours = seg.orig_start is None and seg.origins and isinstance(seg.origins[0], Origin)
        if ours and (culprit is None or seg.gen_start <= err_at):
            culprit = seg.origins[0]
    where = f"first error at generated line {err_line}" if err_line else "no error location"
    if isinstance(culprit, Origin):
        raise RuleError(
            culprit.advice.loc,
            f"rendered code does not parse as Go in {culprit.file}:{culprit.line} "
            f"(rule {culprit.rule.id}; {where})",
        )
    raise RuleError(_no_loc(f.path), f"rewritten file does not parse ({where})")


def _leaf_test(tree):
    root = tree.root_node

    def is_leaf(start: int, end: int) -> bool:
        node = root.descendant_for_byte_range(start, end)
        return node is not None and node.start_byte == start and node.end_byte == end

    return is_leaf


def _blame_at(f: GoFile, origins: list, message: str) -> RuleError:
    for o in origins:
        if isinstance(o, Origin):
            return RuleError(o.advice.loc, f"rule {o.rule.id}: {message}")
    return RuleError(_no_loc(f.path), message)


def _no_loc(path: str):
    from .rules import Location

    return Location(path, 1, 1)
