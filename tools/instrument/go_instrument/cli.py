"""Command line: rewrite (the Bazel action), summarize, diff, check, explain, schema.

Exit codes: 0 success; 1 bad input (rule file, Go source, unreadable file); 2 usage error;
3 internal error (a bug: reported in one line, traceback only with GO_INSTRUMENT_DEBUG=1).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import sys
import traceback
from typing import TextIO

from . import rules as rules_mod
from .engine import (
    GoSyntaxError,
    PackageResult,
    find_matches,
    rewrite_package,
    rule_interfaces,
)
from .facts import FactsError, TypeFacts, parse_facts
from .linemap import line_starts, offset_to_line_col
from .package_view import build_package
from .report import dumps, report_doc, source_map_doc
from .schema import schema_text
from .summary import load_reports, summarize

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class UsageError(Exception):
    """Bad command line (exit 2)."""

    pass


class InputError(Exception):
    """Unreadable or unwritable file (exit 1)."""

    pass


class _Parser(argparse.ArgumentParser):
    # Never sys.exit from inside the worker: raise instead.
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        raise UsageError(message or f"{self.prog}: exit {status}")


def expand_flagfiles(argv: list[str], root: str | None = None) -> list[str]:
    """Expand `@file` arguments: one argument per line (Bazel's multiline param files)."""
    out: list[str] = []
    for arg in argv:
        if arg.startswith("@") and len(arg) > 1:
            path = _resolve(arg[1:], root)
            try:
                with open(path, encoding="utf-8") as fh:
                    out.extend(line.rstrip("\r") for line in fh.read().split("\n") if line.strip())
            except OSError as e:
                raise InputError(f"{arg[1:]}: cannot read flag file: {e.strerror}") from None
        else:
            out.append(arg)
    return out


def _resolve(path: str, root: str | None) -> str:
    return os.path.join(root, path) if root and not os.path.isabs(path) else path


def _read(path: str, root: str | None) -> bytes:
    try:
        with open(_resolve(path, root), "rb") as fh:
            return fh.read()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None


def _parser() -> _Parser:
    p = _Parser(prog="go_instrument", description="Compile-time instrumentation for Go.")
    sub = p.add_subparsers(dest="cmd", required=True, parser_class=_Parser)

    r = sub.add_parser("rewrite", help="rewrite one package (Bazel action entry point)")
    r.add_argument("--importpath", required=True)
    r.add_argument("--rules", action="append", default=[], required=True)
    r.add_argument("--src", action="append", default=[], required=True, metavar="IN=OUT")
    r.add_argument("--imports-out", required=True)
    r.add_argument("--map-out", required=True)
    r.add_argument("--report-out", required=True)
    r.add_argument("--facts", help="type facts of the package (tools/gofacts output)")
    r.add_argument(
        "--provided-import",
        action="append",
        default=[],
        help="an import path the build provides (with --only-provided-imports)",
    )
    r.add_argument(
        "--only-provided-imports",
        action="store_true",
        help="fail, naming the rule, when advice injects a non-std import not provided",
    )

    for name, help_ in (("diff", "unified diff of the rewrite"), ("explain", "list matches")):
        d = sub.add_parser(name, help=help_)
        d.add_argument("--importpath", required=True)
        d.add_argument("--rules", action="append", default=[], required=True)
        d.add_argument("--facts", help="type facts of the package (tools/gofacts output)")
        d.add_argument("files", nargs="+")

    i = sub.add_parser(
        "interfaces", help="the interfaces rule files' type filters name (input of gofacts)"
    )
    i.add_argument("--out", required=True)
    i.add_argument("files", nargs="*")

    c = sub.add_parser("check", help="validate rule files")
    c.add_argument("files", nargs="+")
    sub.add_parser("schema", help="print the rule file JSON Schema")
    m = sub.add_parser("summarize", help="merge package reports into one summary")
    m.add_argument("--target", required=True)
    m.add_argument("--json-out", required=True)
    m.add_argument("--text-out", required=True)
    m.add_argument("reports", nargs="*")
    return p


def main(
    argv: list[str],
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    root: str | None = None,
) -> int:
    """Run one command; never raises (the worker relies on it)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        args = _parser().parse_args(expand_flagfiles(argv, root))
        return _dispatch(args, out, err, root)
    except UsageError as e:
        err.write(f"{e}\n".replace("\n\n", "\n"))
        return EXIT_USAGE
    except rules_mod.RuleError as e:
        err.write(f"error: {e}\n")
        return EXIT_INPUT
    except (GoSyntaxError, InputError, FactsError) as e:
        err.write(f"error: {e}\n")
        return EXIT_INPUT
    except Exception as e:  # a crash must still be one clear line
        err.write(f"internal error (please report): {type(e).__name__}: {e}\n")
        if os.environ.get("GO_INSTRUMENT_DEBUG"):
            err.write(traceback.format_exc())
        return EXIT_INTERNAL


def _load_rules(paths: list[str], root: str | None) -> list[rules_mod.Rule]:
    return rules_mod.load_rule_files(paths, read=lambda p: _read_rules(p, root))


def _read_rules(path: str, root: str | None) -> bytes:
    try:
        return _read(path, root)
    except InputError as e:
        raise rules_mod.RuleError(
            rules_mod.Location(path, 1, 1), str(e).split(": ", 1)[1]
        ) from None


def _dispatch(args: argparse.Namespace, out: TextIO, err: TextIO, root: str | None) -> int:
    if args.cmd == "schema":
        out.write(schema_text())
        return EXIT_OK
    if args.cmd == "check":
        n = sum(len(_load_rules([f], root)) for f in args.files)
        _load_rules(args.files, root)  # cross-file checks (duplicate ids)
        out.write(f"ok: {n} rules in {len(args.files)} files\n")
        return EXIT_OK
    if args.cmd == "summarize":
        return _summarize(args, root)
    if args.cmd == "interfaces":
        names = rule_interfaces(_load_rules(args.files, root)) if args.files else {}
        write_atomically([(args.out, "".join(f"{n}\n" for n in names).encode())], root)
        return EXIT_OK
    if args.cmd == "rewrite":
        pairs = _src_pairs(args.src)  # usage errors before any file is read
        return _rewrite(args, pairs, _load_rules(args.rules, root), err, root)
    rules = _load_rules(args.rules, root)
    files = [(p, _read(p, root)) for p in args.files]
    if args.cmd == "explain":
        pkg = build_package(
            args.importpath,
            [(p, s) for p, s in files if p.endswith(".go")],
            _load_facts(args.facts, root),
        )
        matches, skipped = find_matches(pkg, rules)
        for rule, cand in matches:
            starts = line_starts(cand.file.src)
            node = cand.target if cand.target is not None else cand.node
            line, col = offset_to_line_col(starts, node.start_byte)
            out.write(
                f"{cand.file.path}:{line}:{col}: {rule.id} ({cand.kind}) "
                f"[{', '.join(a.kind for a in rule.advice)}]\n"
            )
        for s in skipped:
            out.write(f"skipped: {s}\n")
        return EXIT_OK
    result = rewrite_package(
        args.importpath,
        [(p, s) for p, s in files if p.endswith(".go")],
        rules,
        facts=_load_facts(args.facts, root),
    )
    for w in result.warnings:
        err.write(f"warning: {w}\n")
    by_path = dict(files)
    for f in result.files:
        if not f.changed:
            continue
        a = by_path[f.path].decode("utf-8", "replace").splitlines(keepends=True)
        b = f.output.decode("utf-8", "replace").splitlines(keepends=True)
        out.writelines(difflib.unified_diff(a, b, f"a/{f.path}", f"b/{f.path}"))
    return EXIT_OK


def _load_facts(path: str | None, root: str | None) -> TypeFacts | None:
    """The type facts given with --facts; None (match on syntax) without the flag."""
    if path is None:
        return None
    return parse_facts(path, _read(path, root))


def _summarize(args: argparse.Namespace, root: str | None) -> int:
    try:
        reports = load_reports([(p, _read(p, root)) for p in args.reports])
    except ValueError as e:
        raise InputError(str(e)) from None
    result = summarize(args.target, reports)
    write_atomically(
        [(args.json_out, dumps(result.doc)), (args.text_out, result.text.encode())], root
    )
    return EXIT_OK


def _src_pairs(specs: list[str]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for spec in specs:
        if "=" not in spec:
            raise UsageError(f"--src expects IN=OUT, got {spec!r}")
        i, o = spec.split("=", 1)
        if not i or not o:
            raise UsageError(f"--src expects IN=OUT, got {spec!r}")
        pairs.append((i, o))
    ins = [i for i, _ in pairs]
    if len(set(ins)) != len(ins):
        raise UsageError("the same IN file is given twice")
    return pairs


def _rewrite(
    args: argparse.Namespace,
    pairs: list[tuple[str, str]],
    rules: list[rules_mod.Rule],
    err: TextIO,
    root: str | None,
) -> int:
    ins = [i for i, _ in pairs]
    sources = {i: _read(i, root) for i in ins}
    go_files = [(i, sources[i]) for i in ins if i.endswith(".go")]
    provided = set(args.provided_import) if args.only_provided_imports else None
    result: PackageResult = rewrite_package(
        args.importpath,
        go_files,
        rules,
        provided=provided,
        facts=_load_facts(args.facts, root),
    )
    for w in result.warnings:
        err.write(f"warning: {w}\n")
    outputs = {f.path: f.output for f in result.files}
    writes: list[tuple[str, bytes]] = [(o, outputs.get(i, sources[i])) for i, o in pairs]
    writes.append((args.imports_out, "".join(f"{p}\n" for p in result.imports).encode()))
    writes.append((args.map_out, dumps(source_map_doc(result))))
    writes.append((args.report_out, dumps(report_doc(result))))
    write_atomically(writes, root)
    return EXIT_OK


def write_atomically(writes: list[tuple[str, bytes]], root: str | None) -> None:
    """Write every file to a temporary name, then rename all; on failure remove everything
    this call created so that no partial output is left behind."""
    temps: list[tuple[str, str]] = []
    done: list[str] = []
    try:
        for path, data in writes:
            final = _resolve(path, root)
            parent = os.path.dirname(final)
            if parent:
                os.makedirs(parent, exist_ok=True)
            tmp = f"{final}.go-instrument.tmp"
            with open(tmp, "wb") as fh:
                fh.write(data)
            temps.append((tmp, final))
        for tmp, final in temps:
            os.replace(tmp, final)
            done.append(final)
    except OSError as e:
        for tmp, _ in temps:
            _unlink(tmp)
        for final in done:
            _unlink(final)
        raise InputError(f"cannot write outputs: {e}") from None


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
