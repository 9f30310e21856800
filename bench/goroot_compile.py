"""Rewrite every package of GOROOT/src (std and cmd) with the stress profile, then compile it.

    python3 bench/goroot_compile.py [--patterns std cmd] [--only PKG ...] [--syntax] [-j N]

The stress profile is the rule files `//aspects:stress` lists in aspects/BUILD.bazel (trace,
every integration, a span in every function body). Each package's files (those go list
selects for this GOOS/GOARCH, CGO_ENABLED=0) get type facts from tools/gofacts (unless
--syntax), are rewritten by the engine and compiled with `go tool compile` and an importcfg
holding the export data of the standard library and of the instrumentation runtime
(aspects/runtime and its dependencies), as Bazel compiles them. The same package is compiled
unrewritten as a control: a control failure is a harness problem, a failure of the
rewritten package only is an engine bug. The packages the toolchain compiles as part of the
runtime are skipped, with the rule (gocompile.special_packages).

Exit 1 on any failure (engine crash, rule error, rewritten or control compile error).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from gocompile import (
    GoPackage,
    Toolchain,
    compile_package,
    environ,
    importcfg_text,
    list_packages,
    special_packages,
)
from goroot import HERE  # also puts tools/instrument on sys.path

REPO = HERE.parent

from go_instrument import joinpoints as jp  # noqa: E402
from go_instrument.engine import (  # noqa: E402
    rewrite_package,
    rule_interfaces,
    walk_join_points,
)
from go_instrument.facts import parse_facts  # noqa: E402
from go_instrument.model import Rule  # noqa: E402
from go_instrument.rules import load_rule_files  # noqa: E402

RUNTIME = "./aspects/runtime"
ENV = environ(CGO_ENABLED="0")


def stress_rule_files() -> list[Path]:
    """The rule files of `//aspects:stress`, in the order aspects/BUILD.bazel lists them:
    its `rules` is a sum of list literals and of list constants defined in that file."""
    build = (REPO / "aspects" / "BUILD.bazel").read_text()
    constants = {
        name: re.findall(r'"([^"]+)"', items)
        for name, items in re.findall(r"^(\w+) = \[(.*?)\]", build, re.S | re.M)
    }
    m = re.search(r'name = "stress",\s*rules = (.*?),\n', build, re.S)
    if m is None:
        raise RuntimeError("aspects/BUILD.bazel: no instrumentation_profile named stress")
    names: list[str] = []
    for term in m.group(1).split("+"):
        term = term.strip()
        if term in constants:
            names += constants[term]
        elif term.startswith("["):
            names += re.findall(r'"([^"]+)"', term)
        else:
            raise RuntimeError(f"aspects/BUILD.bazel: cannot read the stress profile's {term!r}")
    return [REPO / "aspects" / n for n in names]


def names_own_api(rule: Rule, importpath: str) -> bool:
    """Whether the rule's join point is a call of, or a literal of a type of, `importpath`."""
    for j in walk_join_points(rule.join_point):
        if isinstance(j, jp.FunctionCall) and j.pkg_path == importpath:
            return True
        if isinstance(j, jp.StructLiteral) and j.type.rsplit(".", 1)[0] == importpath:
            return True
    return False


@dataclass
class Outcome:
    """What happened to one package."""

    importpath: str
    rewritten: bool = False
    files: int = 0
    changed_files: int = 0
    control_ok: bool = True
    control_out: str = ""
    ok: bool = True
    out: str = ""
    error: str = ""  # engine crash or rule error
    warnings: list[str] = field(default_factory=list)
    cycle_rules: list[str] = field(default_factory=list)


@dataclass
class Timer:
    """Seconds spent per step, summed over packages (steps overlap across threads)."""

    facts: float = 0.0
    rewrite: float = 0.0
    control: float = 0.0
    compile: float = 0.0


class Harness:
    """Shared state: toolchain, exports, rules, the gofacts binary, a scratch directory."""

    def __init__(self, tmp: Path, syntax: bool, exports: dict[str, str], closure: set[str]) -> None:
        self.tc = Toolchain.host()
        self.tmp = tmp
        self.exports = exports
        self.closure = closure
        self.rules = load_rule_files([str(p) for p in stress_rule_files()])
        self.gofacts: Path | None = None
        self.timer = Timer()
        self.keep = False
        if not syntax:
            self.gofacts = tmp / "gofacts"
            subprocess.run(
                ["go", "build", "-o", str(self.gofacts), "./tools/gofacts"], cwd=REPO, check=True
            )
            names = rule_interfaces(self.rules)
            self.interfaces = tmp / "interfaces.txt"
            self.interfaces.write_text("".join(f"{n}\n" for n in names))

    def scratch(self, kind: str, pkg: GoPackage) -> Path:
        """A directory of the package's own: flat, since removing `io`'s must not remove
        `io/fs`'s."""
        return self.tmp / kind / pkg.importpath.replace("/", "%")

    def rel_files(self, pkg: GoPackage) -> list[str]:
        """The package's Go files relative to GOROOT (how the engine and facts name them)."""
        return [str((pkg.dir / f).relative_to(self.tc.goroot)) for f in pkg.go_files]

    def facts(self, pkg: GoPackage) -> bytes | None:
        if self.gofacts is None:
            return None
        t0 = time.perf_counter()
        d = self.scratch("facts", pkg)
        d.mkdir(parents=True, exist_ok=True)
        (d / "importcfg").write_text(importcfg_text(self.exports, pkg.import_map))
        cmd = [str(self.gofacts), "-importpath", pkg.importpath, "-o", str(d / "facts.json")]
        cmd += ["-importcfg", str(d / "importcfg"), "-cgo=false"]
        cmd += ["-interfaces", str(self.interfaces), *self.rel_files(pkg)]
        r = subprocess.run(cmd, cwd=self.tc.goroot, capture_output=True, text=True)
        self.timer.facts += time.perf_counter() - t0
        if r.returncode != 0:
            raise RuntimeError(f"gofacts {pkg.importpath}: {r.stderr.strip()}")
        return (d / "facts.json").read_bytes()

    def compile(self, pkg: GoPackage, cwd: Path, kind: str) -> tuple[bool, str]:
        t0 = time.perf_counter()
        objdir = self.scratch(f"obj-{kind}", pkg)
        cfg = importcfg_text(self.exports, pkg.import_map)
        ok, out = compile_package(self.tc, pkg, self.rel_files(pkg), cwd, cfg, objdir)
        shutil.rmtree(objdir, ignore_errors=True)
        spent = time.perf_counter() - t0
        if kind == "control":
            self.timer.control += spent
        else:
            self.timer.compile += spent
        return ok, out

    def rewrite(self, pkg: GoPackage, facts_raw: bytes | None, oc: Outcome) -> Path | None:
        """Rewritten files under a directory of their own (relative paths as in GOROOT)."""
        t0 = time.perf_counter()
        rules = self.rules
        if pkg.importpath in self.closure:
            # The runtime imports this package: advice handing its own types to the runtime
            # (net/http's own Client{} literals) meets the original package's types there
            # (an import cycle; Bazel never instruments the runtime's closure).
            oc.cycle_rules = [r.id for r in rules if names_own_api(r, pkg.importpath)]
            rules = [r for r in rules if r.id not in oc.cycle_rules]
        try:
            files = [(p, (self.tc.goroot / p).read_bytes()) for p in self.rel_files(pkg)]
            facts = parse_facts("facts.json", facts_raw) if facts_raw is not None else None
            result = rewrite_package(pkg.importpath, files, rules, facts=facts)
        except Exception as e:  # any engine error here is a finding, never a skip
            oc.error = f"engine: {type(e).__name__}: {e}"
            return None
        finally:
            self.timer.rewrite += time.perf_counter() - t0
        oc.rewritten = True
        oc.warnings = result.warnings
        root = self.scratch("rewritten", pkg)
        oc.files = len(result.files)
        for f in result.files:
            oc.changed_files += f.changed
            out = root / f.path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(f.output)
        return root


def check_package(h: Harness, pool: ThreadPoolExecutor, pkg: GoPackage, facts: Future):
    """Rewrite one package (this thread) and queue its compiles; returns the futures."""
    oc = Outcome(pkg.importpath)
    control = pool.submit(h.compile, pkg, h.tc.goroot, "control")
    try:
        raw = facts.result()
    except Exception as e:
        oc.error = str(e)
        return oc, control, None
    root = h.rewrite(pkg, raw, oc)
    if root is None:
        return oc, control, None

    def compile_rewritten() -> tuple[bool, str]:
        try:
            return h.compile(pkg, root, "rewritten")
        finally:
            if not h.keep:
                shutil.rmtree(root, ignore_errors=True)

    return oc, control, pool.submit(compile_rewritten)


def run(pkgs: list[GoPackage], h: Harness, jobs: int) -> list[Outcome]:
    """Every package through facts, rewrite, control compile and compile."""
    outcomes = []
    with ThreadPoolExecutor(jobs) as pool:
        facts = {p.importpath: pool.submit(h.facts, p) for p in pkgs}
        pending = []
        for i, p in enumerate(pkgs, 1):
            pending.append(check_package(h, pool, p, facts[p.importpath]))
            if i % 50 == 0:
                print(f"rewritten {i}/{len(pkgs)} packages", flush=True)
        for oc, control, rewritten in pending:
            oc.control_ok, oc.control_out = control.result()
            if rewritten is not None:
                oc.ok, oc.out = rewritten.result()
            else:
                oc.ok = False
            outcomes.append(oc)
            if not oc.ok or not oc.control_ok:
                print_failure(oc)
    return outcomes


_DIAG = re.compile(r"^(\S+?:\d+(?::\d+)?): (.*)$")


def print_failure(oc: Outcome) -> None:
    """One line per compiler message: `FAIL package: file:line:col: message`."""
    if oc.error:
        print(f"FAIL {oc.importpath}: {oc.error}", flush=True)
        return
    kind, out = ("CONTROL-FAIL", oc.control_out) if not oc.control_ok else ("FAIL", oc.out)
    lines = [ln for ln in out.splitlines() if _DIAG.match(ln)] or out.splitlines()[:5]
    for ln in lines:
        print(f"{kind} {oc.importpath}: {ln}", flush=True)


def select(pkgs: list[GoPackage], only: list[str], limit: int) -> list[GoPackage]:
    out = [p for p in pkgs if p.standard and (not only or p.importpath in only)]
    return out[:limit] if limit else out


def summary(outcomes: list[Outcome], skipped: dict[str, str], elapsed: float, h: Harness) -> int:
    """Print the counts; the exit status."""
    rewritten = [o for o in outcomes if o.rewritten]
    engine = [o for o in outcomes if o.error]
    control_bad = [o for o in outcomes if not o.control_ok]
    failed = [o for o in outcomes if o.control_ok and not o.ok and not o.error]
    ok = [o for o in outcomes if o.ok and o.control_ok]
    print(f"rule files: {', '.join(p.name for p in stress_rule_files())}")
    print(f"type facts: {'no (syntax mode)' if h.gofacts is None else 'tools/gofacts'}")
    print(f"packages: {len(outcomes) + len(skipped)}  skipped: {len(skipped)}")
    reasons: dict[str, list[str]] = {}
    for name, why in sorted(skipped.items()):
        reasons.setdefault(why, []).append(name)
    for why, names in reasons.items():
        print(f"  skipped ({why}): {' '.join(names)}")
    files = sum(o.files for o in outcomes)
    changed = sum(o.changed_files for o in outcomes)
    print(f"rewritten: {len(rewritten)}  files: {files}  files changed: {changed}")
    in_closure = [o for o in outcomes if o.importpath in h.closure]
    print(f"in the instrumentation runtime's dependency closure: {len(in_closure)}")
    for o in in_closure:
        if o.cycle_rules:
            print(f"  {o.importpath}: not applied (import cycle): {' '.join(o.cycle_rules)}")
    print(f"engine errors (crash, rule error) or gofacts errors: {len(engine)}")
    print(
        f"control (original) compiled: {len(outcomes) - len(control_bad)}  "
        f"failed: {len(control_bad)}"
    )
    print(f"rewritten compiled OK: {len(ok)}  failed: {len(failed)}")
    t = h.timer
    print(
        f"time: {elapsed:.1f}s wall (summed over threads: facts {t.facts:.1f}s, rewrite "
        f"{t.rewrite:.1f}s, control compile {t.control:.1f}s, compile {t.compile:.1f}s)"
    )
    return 0 if len(ok) == len(outcomes) else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--patterns", nargs="+", default=["std", "cmd"], help="go list patterns")
    ap.add_argument("--only", nargs="*", default=[], help="only these import paths")
    ap.add_argument("--limit", type=int, default=0, help="only the first N packages")
    ap.add_argument("--syntax", action="store_true", help="no type facts (syntax matching)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="parallel subprocesses")
    ap.add_argument("--keep", action="store_true", help="keep the scratch dir (printed)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    listed = list_packages([*args.patterns, RUNTIME], REPO, ENV)
    broken = [p for p in listed if p.error]
    for p in broken:
        print(f"go list error: {p.importpath}: {p.error}")
    exports = {p.importpath: p.export for p in listed}
    runtime = next(p for p in listed if p.dir == REPO / "aspects" / "runtime")
    closure = set(runtime.deps)
    print(f"go list -export: {len(listed)} packages, {time.perf_counter() - t0:.1f}s", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="goroot-compile-"))
    try:
        h = Harness(tmp, args.syntax, exports, closure)
        h.keep = args.keep
        special = special_packages(h.tc.goroot)
        targets = select(listed, args.only, args.limit)
        skipped = {p.importpath: special[p.importpath] for p in targets if p.importpath in special}
        for p in targets:
            if not p.go_files and p.importpath not in skipped:
                skipped[p.importpath] = "only test files for this configuration: nothing to compile"
        todo = [p for p in targets if p.importpath not in skipped]
        outcomes = run(todo, h, args.jobs)
        status = summary(outcomes, skipped, time.perf_counter() - t0, h)
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if broken else status


if __name__ == "__main__":
    sys.exit(main())
