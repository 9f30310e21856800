"""e2e/realworld: third-party modules' own go_test suites, plain and instrumented.

chi, gorilla/mux, go-grpc-middleware and sqlx come from the Go module proxy with BUILD
files by gazelle. Each of their go_tests runs plain, with the trace profile and with the
stress profile (a span in every function body plus every integration): every test that
passes plain must pass instrumented, and the stress reports must show that the module's
own functions were rewritten, so that a pass cannot come from uninstrumented code.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO_ROOT, Workspace

# Suite prefix in e2e/realworld/BUILD.bazel -> the module's import path.
MODULES = {
    "chi": "github.com/go-chi/chi/v5",
    "mux": "github.com/gorilla/mux",
    "grpcmw": "github.com/grpc-ecosystem/go-grpc-middleware/v2",
    "sqlx": "github.com/jmoiron/sqlx",
}
PROFILES = ("plain", "trace", "stress")
# Bazel's summary line of a test target: `//:mux_test_plain   (cached) PASSED in 0.1s`.
# A test.xml alone could be left from an earlier run when this one failed to build.
STATUS = re.compile(r"^//:(\S+)\s+(?:\(cached\) )?([A-Z][A-Z ]*[A-Z])\b", re.MULTILINE)


@dataclass(frozen=True)
class Outcome:
    """One test target's test.xml: each test case (subtests too) by name."""

    passed: frozenset[str]
    skipped: frozenset[str]
    failed: frozenset[str]


@dataclass(frozen=True)
class Run:
    """The workspace's tests, run once: outcomes by target and stress summaries."""

    outcomes: dict[str, Outcome]
    stress_reports: dict[str, dict]
    log: str
    names: tuple[str, ...]
    statuses: dict[str, str]

    def variants(self, module: str, profile: str) -> dict[str, Outcome]:
        """Outcomes of a module's tests in one profile, keyed by the test's short name."""
        prefix, suffix = f"{module}_", f"_test_{profile}"
        return {
            name.removesuffix(suffix): outcome
            for name, outcome in self.outcomes.items()
            if name.startswith(prefix) or name == module + suffix
            if name.endswith(suffix)
        }


def read_outcome(xml_file: Path) -> Outcome:
    passed, skipped, failed = set(), set(), set()
    for suite in ET.parse(xml_file).getroot().iter("testsuite"):
        for case in suite.iter("testcase"):
            file_case(f"{suite.get('name')}/{case.get('name')}", case, passed, skipped, failed)
    return Outcome(frozenset(passed), frozenset(skipped), frozenset(failed))


def file_case(name: str, case: ET.Element, passed: set, skipped: set, failed: set) -> None:
    """Files a test case by its outcome."""
    if case.find("failure") is not None or case.find("error") is not None:
        failed.add(name)
    elif case.find("skipped") is not None:
        skipped.add(name)
    else:
        passed.add(name)


def suites(profile: str) -> list[str]:
    return [f"//:{module}_{profile}" for module in MODULES]


def variant_targets(workspace: Workspace) -> list[str]:
    """Names of every test variant in the workspace's suites."""
    every = " + ".join(s for profile in PROFILES for s in suites(profile))
    return [
        t.removeprefix("//:") for t in workspace.bazel("query", f"tests({every})").stdout.split()
    ]


def stress_report(workspace: Workspace, execroot: Path, name: str) -> dict:
    """A stress variant's summary of what was rewritten (<go_test>_instrumented.report.json)."""
    files = workspace.bazel(
        "cquery", "--output=files", "--output_groups=instrument_report", f"//:{name}"
    ).stdout.split()
    summary = [f for f in files if f.endswith("_instrumented.report.json")]
    assert len(summary) == 1, f"{name}: expected one summary report, got {files}"
    return json.loads((execroot / summary[0]).read_text())


@pytest.fixture(scope="module")
def workspace() -> Workspace:
    return Workspace(REPO_ROOT / "e2e" / "realworld")


@pytest.fixture(scope="module")
def run(workspace: Workspace) -> Run:
    # One invocation for all three ways: Bazel schedules every build and test together.
    result = workspace.bazel(
        "test", "--keep_going", *[s for profile in PROFILES for s in suites(profile)], check=False
    )
    names = variant_targets(workspace)
    # Output groups of a test_suite's tests are not built: name the variants.
    stress = [f"//:{name}" for name in names if name.endswith("_stress")]
    workspace.bazel("build", "--keep_going", "--output_groups=instrument_report", *stress)
    testlogs = Path(workspace.bazel("info", "bazel-testlogs").stdout.strip())
    execroot = Path(workspace.bazel("info", "execution_root").stdout.strip())
    return Run(
        outcomes={
            name: read_outcome(testlogs / name / "test.xml")
            for name in names
            if (testlogs / name / "test.xml").is_file()
        },
        stress_reports={
            name: stress_report(workspace, execroot, name)
            for name in names
            if name.endswith("_stress")
        },
        log=result.stdout + result.stderr,
        names=tuple(names),
        statuses=dict(STATUS.findall(result.stdout + result.stderr)),
    )


@pytest.mark.parametrize("module", MODULES)
def test_plain_suites_pass(run: Run, module: str) -> None:
    """The baseline: every go_test of the module runs and passes with no instrumentation."""
    plain = run.variants(module, "plain")
    expected = {n.removesuffix("_test_plain") for n in run.names if n.endswith("_test_plain")}
    assert set(plain) == {n for n in expected if n == module or n.startswith(module + "_")}, (
        run.log[-4000:]
    )
    for test, outcome in plain.items():
        assert run.statuses.get(f"{test}_test_plain") == "PASSED", run.log[-4000:]
        assert outcome.passed, f"{test}: no test case ran plain"
        assert not outcome.failed, f"{test}: {sorted(outcome.failed)} fail plain"


@pytest.mark.parametrize("profile", ["trace", "stress"])
@pytest.mark.parametrize("module", MODULES)
def test_instrumented_suites_pass_the_same_tests(run: Run, module: str, profile: str) -> None:
    """Instrumented, the same test cases pass (and skip) as plain, none fails."""
    plain = run.variants(module, "plain")
    instrumented = run.variants(module, profile)
    assert set(instrumented) == set(plain), run.log[-4000:]
    for test, outcome in instrumented.items():
        assert run.statuses.get(f"{test}_test_{profile}") == "PASSED", run.log[-4000:]
        assert not outcome.failed, f"{test} ({profile}): {sorted(outcome.failed)} fail"
        for kind in ("passed", "skipped"):
            now, before = getattr(outcome, kind), getattr(plain[test], kind)
            assert now == before, (
                f"{test} ({profile}): {kind} plain only: {sorted(before - now)[:10]}, "
                f"{kind} {profile} only: {sorted(now - before)[:10]}"
            )


@pytest.mark.parametrize("module", MODULES)
def test_stress_rewrote_the_module(run: Run, module: str) -> None:
    """Each stress variant's own package, in the module, got spans: no vacuous pass."""
    prefix = MODULES[module]
    reports = {
        name: report
        for name, report in run.stress_reports.items()
        if name == f"{module}_test_stress" or name.startswith(module + "_")
    }
    assert reports
    for name, report in reports.items():
        rewritten = {
            p["importpath"]: len(p["matches"])
            for p in report["packages"]["rewritten"]
            if p["importpath"].startswith(prefix)
        }
        assert sum(rewritten.values()) > 0, f"{name}: nothing of {prefix} rewritten"
        # The package under test itself (its internal or external test package).
        tested = report["target"].rsplit(":", 1)[0].split("//", 1)[1]
        own = prefix + ("/" + tested if tested else "")
        assert any(p.removesuffix("_test") == own for p in rewritten), (
            f"{name}: {own} not rewritten; rewritten: {sorted(rewritten)}"
        )
        spans = [
            m
            for p in report["packages"]["rewritten"]
            if p["importpath"].startswith(prefix)
            for m in p["matches"]
            if m["rule"] == "span-every-function"
        ]
        assert spans, f"{name}: the stress rule matched no function of {prefix}"
        # The module's own sources type-check (their facts are complete).
        repo = report["target"].split("//", 1)[0].lstrip("@")
        own_warnings = [w for w in report["warnings"] if f"external/{repo}/" in w]
        assert not own_warnings, f"{name}: {own_warnings}"
