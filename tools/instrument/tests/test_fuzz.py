"""Fuzz the soundness check: random template text (comments, newlines, braces, quotes)
against the golden inputs. Every rewrite either fails with a rule error or yields Go that
Go's own parser accepts and whose original tokens Go's own scanner finds at their original
file:line:col (tests/gotokens, go/scanner with line directives). Seeded and bounded."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import go_path, gofmt_failing, gofmt_path

from go_instrument.engine import rewrite_package
from go_instrument.rules import RuleError, load_rule_text

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = ["function_call", "struct_literal", "function_body", "wrap_argument", "add_field"]
PIECES = [
    "//", "/*", "*/", "\n", "\n\n", "{", "}", "(", ")", "[", "]", '"', "'", "`", ";", ",",
    "+", " ", "x", "f(", "0", ".", ":", "=", ":=", "\\", "#", "func() {", "return ", "\t",
]  # fmt: skip
SHAPES = {
    "wrap-expression": ("{function-call: '*'}", True),
    "replace-expression": ("{function-call: '*'}", True),
    "wrap-argument": ("{function-call: '*'}", True),
    "prepend-statements": ("{function-body: {function-literals: true}}", False),
    "defer": ("{function-body: {}}", False),
}
# Pieces that often make valid Go, so that both outcomes occur often.
BENIGN = ["f(", ")", "x", " ", "+", "0", "\n", "g(", ", ", "/* c */", "func() int { return ", "}()"]
ITERATIONS = 300


def _template(rng: random.Random, with_expr: bool) -> str:
    parts = [rng.choice(BENIGN if rng.random() < 0.8 else PIECES) for _ in range(rng.randint(1, 4))]
    if with_expr:
        parts.insert(rng.randint(0, len(parts)), "{{ expr }}")
    return "".join(parts)


def _rules(kind: str, template: str) -> str:
    join_point, _ = SHAPES[kind]
    value: dict = {"template": template}
    if kind == "wrap-argument":
        value["index"] = 0
    advice = yaml.safe_dump([{kind: value}], default_flow_style=True, width=10**6)
    return f"rules:\n  - id: fuzz\n    join-point: {join_point}\n    advice: {advice}"


def _inputs(case: str) -> tuple[str, list[tuple[str, bytes]]]:
    meta = (GOLDEN / case / "case.json").read_text()
    importpath = meta.split('"importpath": "')[1].split('"')[0]
    files = [(f"app/{p.name}", p.read_bytes()) for p in sorted((GOLDEN / case / "input").iterdir())]
    return importpath, files


@pytest.fixture(scope="module")
def gotokens(tmp_path_factory: pytest.TempPathFactory) -> str:
    go = go_path()
    assert go is not None, "the fuzz test needs the Go toolchain (go/scanner oracle)"
    out = tmp_path_factory.mktemp("gotokens") / "gotokens"
    src = Path(__file__).resolve().parent / "gotokens"
    subprocess.run([go, "build", "-o", str(out), "."], cwd=src, check=True)
    return str(out)


def _positions(tool: str, paths: list[str]) -> dict[str, set[tuple[str, str, str]]]:
    r = subprocess.run([tool, *paths], capture_output=True, text=True, check=True)
    out: dict[str, set[tuple[str, str, str]]] = {}
    current: set[tuple[str, str, str]] = set()
    for line in r.stdout.splitlines():
        if line.startswith("== "):
            current = out.setdefault(line[3:], set())
            continue
        pos, tok, lit = line.split("\t")
        current.add((pos, tok, lit))
    return out


def test_random_templates_never_yield_unsound_go(tmp_path: Path, gotokens: str) -> None:
    assert gofmt_path() is not None, "the fuzz test needs gofmt"
    rng = random.Random(20261129)
    outputs: list[tuple[str, str, str]] = []  # (template, original path, output path)
    refused = 0
    for i in range(ITERATIONS):
        kind = rng.choice(sorted(SHAPES))
        template = _template(rng, SHAPES[kind][1])
        importpath, files = _inputs(CASES[i % len(CASES)])
        try:
            rules = load_rule_text("fuzz.yaml", _rules(kind, template))
            result = rewrite_package(importpath, files, rules)
        except RuleError:
            refused += 1
            continue
        for (path, src), f in zip(files, result.files, strict=True):
            if not f.changed:
                continue
            d = tmp_path / str(i)
            orig, out = d / "orig" / path, d / "out" / path
            for p, data in ((orig, src), (out, f.output)):
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_bytes(data)
            outputs.append((f"{kind}: {template!r}", str(orig), str(out)))
    # Both outcomes must really occur, else the fuzz proves nothing.
    assert refused > ITERATIONS // 10 and len(outputs) > ITERATIONS // 30, (refused, len(outputs))
    failing = set(gofmt_failing([o for _, _, o in outputs]))
    bad = [(t, o) for t, _, o in outputs if o in failing]
    assert not bad, f"exit 0 but Go does not parse: {bad[:3]}"
    origs = _positions(gotokens, [o for _, o, _ in outputs])
    outs = _positions(gotokens, [o for _, _, o in outputs])
    for template, orig, out in outputs:
        rel = orig.split("/orig/", 1)[1]
        want = {(p.replace(orig, rel), t, lit) for p, t, lit in origs[orig] if lit != '"\\n"'}
        # go/scanner reads a relative directive file name relative to the file's directory.
        outdir = str(Path(out).parent) + "/"
        got = {(p.replace(out, rel).replace(outdir, ""), t, lit) for p, t, lit in outs[out]}
        missing = sorted(want - got)
        assert not missing, f"{template}: original tokens moved or lost in {rel}: {missing[:3]}"
