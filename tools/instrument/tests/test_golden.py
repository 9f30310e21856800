"""Golden tests: input/*.go + rules.yaml -> expected/*.go (+ imports, report), reviewed by hand.

Regenerate with UPDATE_GOLDEN=1 and review the diff before committing.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import pytest
from helpers import check_positions, gofmt_errors, gofmt_path, write_tree
from host_facts import make_facts

from go_instrument.engine import rewrite_package, rule_interfaces
from go_instrument.report import dumps, report_doc
from go_instrument.rules import load_rule_files

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "rules.yaml").exists())


def run_case(name: str):
    case = GOLDEN / name
    meta = json.loads((case / "case.json").read_text())
    files = [(f"app/{p.name}", p.read_bytes()) for p in sorted((case / "input").iterdir())]
    rules = load_rule_files([str(case / "rules.yaml")])
    # `"types": true`: match on type facts made by tools/gofacts, as under Bazel.
    facts = _facts(name, meta["importpath"]) if meta.get("types") else None
    return case, files, rewrite_package(meta["importpath"], files, rules, facts=facts)


@functools.cache
def _facts(name: str, importpath: str):
    files = [(f"app/{p.name}", p.read_bytes()) for p in sorted((GOLDEN / name / "input").iterdir())]
    rules = load_rule_files([str(GOLDEN / name / "rules.yaml")])
    interfaces = tuple(rule_interfaces(rules))
    return make_facts(importpath, [(p, s) for p, s in files if p.endswith(".go")], interfaces)[0]


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    case, _files, result = run_case(name)
    expected_dir = case / "expected"
    got: dict[str, bytes] = {Path(f.path).name: f.output for f in result.files}
    got["imports.txt"] = "".join(f"{p}\n" for p in result.imports).encode()
    report = report_doc(result)
    for m in report["matches"]:
        m["rules_file"] = "rules.yaml"  # absolute in tests; keep goldens portable
    got["report.json"] = dumps(report)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected_dir.mkdir(exist_ok=True)
        for old in expected_dir.iterdir():
            old.unlink()
        for fname, data in got.items():
            (expected_dir / fname).write_bytes(data)
        # Comparing with what was just written would pass whatever the engine did.
        pytest.skip("golden files rewritten: review `git diff` before committing")
    assert sorted(p.name for p in expected_dir.iterdir()) == sorted(got), "files differ"
    for fname, data in got.items():
        want = (expected_dir / fname).read_bytes()
        assert data == want, f"{name}/{fname} differs from golden"


@pytest.mark.parametrize("name", CASES)
def test_golden_positions(name: str) -> None:
    _, files, result = run_case(name)
    originals = dict(files)
    total = 0
    for f in result.files:
        total += check_positions(f.path, originals[f.path], f.output, f.source_map)
    assert total > 0


@pytest.mark.parametrize("name", CASES)
def test_golden_parses_with_go(name: str, tmp_path: Path) -> None:
    assert gofmt_path() is not None, "gofmt (the Go toolchain) is required for this test"
    case, files, result = run_case(name)
    if json.loads((case / "case.json").read_text()).get("input_invalid"):
        # A case about invalid input: Go must reject the input too (keeps the mark honest).
        assert gofmt_errors(write_tree(tmp_path / "in", dict(files))) != ""
        return
    paths = write_tree(tmp_path, {f.path: f.output for f in result.files})
    assert gofmt_errors(paths) == ""


@pytest.mark.parametrize("name", CASES)
def test_byte_prefilter_is_only_a_shortcut(name: str) -> None:
    case, files, result = run_case(name)
    meta = json.loads((case / "case.json").read_text())
    rules = load_rule_files([str(case / "rules.yaml")])
    facts = _facts(name, meta["importpath"]) if meta.get("types") else None
    full = rewrite_package(meta["importpath"], files, rules, prefilter=False, facts=facts)
    assert [f.output for f in full.files] == [f.output for f in result.files]
    assert full.imports == result.imports


TYPED_CASES = [c for c in CASES if json.loads((GOLDEN / c / "case.json").read_text()).get("types")]


@pytest.mark.parametrize("name", TYPED_CASES)
def test_golden_types_output_type_checks(name: str) -> None:
    """What a types case writes must type-check (go/types through gofacts): a wrong match
    such as a local `sql.Open` taken for database/sql.Open would not."""
    case, _files, result = run_case(name)
    importpath = json.loads((case / "case.json").read_text())["importpath"]
    facts, _ = make_facts(importpath, [(f.path, f.output) for f in result.files])
    assert facts.errors == []
    assert result.types == "facts"
    assert result.matches, "a types case must match something"
