"""The `rewrite` contract used by the Bazel action, and the human-facing subcommands."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from helpers import env_with_pythonpath

from go_instrument.cli import main

RULES = """
rules:
  - id: get
    join-point: {function-call: net/http.Get}
    imports: {otel: go.opentelemetry.io/otel}
    advice:
      - wrap-expression: {template: "{{ imports.otel }}.Wrap({{ expr }})"}
"""
LIB = b'package lib\n\nimport "net/http"\n\nfunc F() { http.Get("x") }\n'
PLAIN = b"package lib\n\nfunc G() {}\n"


def _setup(tmp_path: Path) -> None:
    (tmp_path / "app" / "lib").mkdir(parents=True)
    (tmp_path / "app" / "lib" / "lib.go").write_bytes(LIB)
    (tmp_path / "app" / "lib" / "plain.go").write_bytes(PLAIN)
    (tmp_path / "rules.yaml").write_text(RULES)


ARGS = [
    "rewrite",
    "--importpath",
    "example.com/app/lib",
    "--rules",
    "rules.yaml",
    "--src",
    "app/lib/lib.go=out/lib.go",
    "--src",
    "app/lib/plain.go=out/plain.go",
    "--imports-out",
    "out/lib.imports",
    "--map-out",
    "out/lib.map.json",
    "--report-out",
    "out/lib.report.json",
]


def _run(tmp_path: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "go_instrument", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env_with_pythonpath(),
    )


def test_rewrite_contract(tmp_path: Path) -> None:
    _setup(tmp_path)
    r = _run(tmp_path, ARGS)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""
    out = (tmp_path / "out" / "lib.go").read_bytes()
    assert out == (
        b'package lib\n\nimport "net/http"; import otel "go.opentelemetry.io/otel"\n\n'
        b'func F() { otel.Wrap(/*line app/lib/lib.go:5:12*/http.Get("x"))'
        b"/*line app/lib/lib.go:5:25*/ }\n"
    )
    # Unchanged files are byte-identical copies.
    assert (tmp_path / "out" / "plain.go").read_bytes() == PLAIN
    assert (tmp_path / "out" / "lib.imports").read_text() == "go.opentelemetry.io/otel\n"
    report = json.loads((tmp_path / "out" / "lib.report.json").read_text())
    assert [m["rule"] for m in report["matches"]] == ["get"]
    assert report["matches"][0]["file"] == "app/lib/lib.go"
    smap = json.loads((tmp_path / "out" / "lib.map.json").read_text())
    assert set(smap["files"]) == {"app/lib/lib.go", "app/lib/plain.go"}
    assert str(tmp_path) not in (tmp_path / "out" / "lib.map.json").read_text()


def test_rewrite_is_deterministic(tmp_path: Path) -> None:
    _setup(tmp_path)
    assert _run(tmp_path, ARGS).returncode == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    # Same inputs from another directory: identical bytes (no absolute paths, no times).
    other = tmp_path / "other"
    other.mkdir()
    _setup(other)
    assert _run(other, ARGS).returncode == 0
    second = {p.name: p.read_bytes() for p in (other / "out").iterdir()}
    assert first == second


def test_no_imports_written_when_nothing_matches(tmp_path: Path) -> None:
    _setup(tmp_path)
    (tmp_path / "app" / "lib" / "lib.go").write_bytes(PLAIN.replace(b"G", b"H"))
    assert _run(tmp_path, ARGS).returncode == 0
    assert (tmp_path / "out" / "lib.imports").read_bytes() == b""


def test_flagfile_on_command_line(tmp_path: Path) -> None:
    _setup(tmp_path)
    (tmp_path / "args.params").write_text("\n".join(ARGS[1:]) + "\n")
    r = _run(tmp_path, ["rewrite", "@args.params"])
    assert r.returncode == 0, r.stderr
    assert b"otel.Wrap" in (tmp_path / "out" / "lib.go").read_bytes()


def test_missing_input_leaves_no_output(tmp_path: Path) -> None:
    _setup(tmp_path)
    (tmp_path / "app" / "lib" / "plain.go").unlink()
    r = _run(tmp_path, ARGS)
    assert r.returncode == 1
    assert r.stderr == "error: app/lib/plain.go: cannot read: No such file or directory\n"
    assert not (tmp_path / "out").exists()


def test_usage_error_exit_2(tmp_path: Path) -> None:
    r = _run(tmp_path, ["rewrite", "--importpath", "x"])
    assert r.returncode == 2
    assert "required" in r.stderr and "Traceback" not in r.stderr
    _setup(tmp_path)
    r = _run(tmp_path, ["rewrite", *ARGS[1:5], "--src", "nonsense", *ARGS[9:]])
    assert r.returncode == 2
    assert r.stderr == "--src expects IN=OUT, got 'nonsense'\n"


def test_unwritable_output_cleans_up(tmp_path: Path) -> None:
    _setup(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "lib.report.json").mkdir()  # a directory where a file must go
    r = _run(tmp_path, ARGS)
    assert r.returncode == 1
    assert r.stderr.startswith("error: cannot write outputs:")
    left = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert left == ["lib.report.json"]  # only the pre-existing directory


def test_diff_and_explain(tmp_path: Path) -> None:
    _setup(tmp_path)
    r = _run(
        tmp_path,
        ["diff", "--importpath", "example.com/app/lib", "--rules", "rules.yaml", "app/lib/lib.go"],
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("--- a/app/lib/lib.go\n+++ b/app/lib/lib.go\n")
    assert '+func F() { otel.Wrap(/*line app/lib/lib.go:5:12*/http.Get("x"))/*line' in r.stdout
    r = _run(
        tmp_path,
        [
            "explain",
            "--importpath",
            "example.com/app/lib",
            "--rules",
            "rules.yaml",
            "app/lib/lib.go",
            "app/lib/plain.go",
        ],
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == "app/lib/lib.go:5:12: get (call) [wrap-expression]\n"


def test_schema_subcommand_matches_shipped_copy() -> None:
    out = io.StringIO()
    assert main(["schema"], stdout=out) == 0
    shipped = Path(__file__).resolve().parents[3] / "aspects" / "schema.json"
    assert json.loads(out.getvalue()) == json.loads(shipped.read_text())
    assert shipped.read_text() == out.getvalue(), (
        "aspects/schema.json is stale: python -m go_instrument schema > aspects/schema.json"
    )
