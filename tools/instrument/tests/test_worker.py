"""Persistent worker (JSON protocol) driven through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import env_with_pythonpath
from test_cli import ARGS, _setup


def test_worker_protocol(tmp_path: Path) -> None:
    _setup(tmp_path)
    (tmp_path / "req2.params").write_text("\n".join(ARGS[1:]).replace("out/", "out2/") + "\n")
    requests = [
        {"arguments": ARGS, "inputs": [{"path": "app/lib/lib.go", "digest": "x"}], "requestId": 1},
        {"arguments": ["rewrite", "--importpath"], "requestId": 2},  # usage error
        {"arguments": ["rewrite", "@req2.params"], "requestId": 3},  # flag file
        {"arguments": ["check", "missing.yaml"], "requestId": 4},  # input error
        {"arguments": ARGS},  # requestId 0 is omitted by proto3 JSON
    ]
    proc = subprocess.Popen(
        [sys.executable, "-m", "go_instrument", "--persistent_worker"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_with_pythonpath(),
    )
    assert proc.stdin is not None and proc.stdout is not None
    responses = []
    for req in requests:
        proc.stdin.write(json.dumps(req) + "\n")
        proc.stdin.flush()
        responses.append(json.loads(proc.stdout.readline()))
    proc.stdin.write("this is not json\n")
    proc.stdin.flush()
    garbage = json.loads(proc.stdout.readline())
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0
    assert proc.stdout.read() == ""  # nothing else on stdout, ever

    assert [r["requestId"] for r in responses] == [1, 2, 3, 4, 0]
    assert [r["exitCode"] for r in responses] == [0, 2, 0, 1, 0]
    assert responses[0]["output"] == ""
    assert "--importpath" in responses[1]["output"]
    assert responses[3]["output"].startswith("error: missing.yaml:1:1: cannot read")
    assert (tmp_path / "out" / "lib.go").read_bytes() == (tmp_path / "out2" / "lib.go").read_bytes()
    assert garbage["exitCode"] == 2 and "invalid WorkRequest" in garbage["output"]


def test_worker_sandbox_dir(tmp_path: Path) -> None:
    sandbox = tmp_path / "sandbox"
    sandbox.mkdir()
    _setup(sandbox)
    proc = subprocess.run(
        [sys.executable, "-m", "go_instrument", "--persistent_worker"],
        cwd=tmp_path,
        input=json.dumps({"arguments": ARGS, "requestId": 7, "sandboxDir": str(sandbox)}) + "\n",
        capture_output=True,
        text=True,
        env=env_with_pythonpath(),
    )
    resp = json.loads(proc.stdout)
    assert resp == {"exitCode": 0, "output": "", "requestId": 7}
    lib = (sandbox / "out" / "lib.go").read_text()
    assert "/*line app/lib/lib.go:5:12*/" in lib  # IN path as given, not sandbox-absolute


def test_worker_answers_malformed_requests_and_keeps_serving(tmp_path: Path) -> None:
    _setup(tmp_path)
    lines = [
        json.dumps({"arguments": ["check", "missing.yaml"], "requestId": "seven"}),
        json.dumps({"arguments": ["check", "missing.yaml"], "requestId": 1.5}),
        "[" * 100_000 + "]" * 100_000,
        '{"arguments": ["check"',
        json.dumps({"arguments": "rewrite", "requestId": 5}),
        json.dumps({"arguments": ["check", "x.yaml"], "requestId": 6, "sandboxDir": 5}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"arguments": ARGS, "requestId": 9}),
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "go_instrument", "--persistent_worker"],
        cwd=tmp_path,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env_with_pythonpath(),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    responses = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(responses) == len(lines)
    assert [r["exitCode"] for r in responses[:-1]] == [2, 2, 2, 2, 2, 3, 2]
    assert "nested too deeply" in responses[2]["output"]
    assert responses[-1] == {"exitCode": 0, "output": "", "requestId": 9}
