"""Bazel persistent worker, JSON protocol (`--persistent_worker`).

Reads one WorkRequest JSON object per line on stdin, runs the CLI with its arguments, and
writes one WorkResponse JSON object per line on stdout. Nothing else ever goes to stdout:
the command's own output and messages are captured into the response's `output`.
"""

from __future__ import annotations

import io
import json
import sys
from typing import Any, TextIO

from .cli import main as cli_main


def handle(request: dict[str, Any]) -> dict[str, Any]:
    request_id = int(request.get("requestId", 0) or 0)
    args = request.get("arguments", [])
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        return {
            "exitCode": 2,
            "output": "invalid WorkRequest: arguments\n",
            "requestId": request_id,
        }
    buf = io.StringIO()
    # With sandboxing (--worker_sandboxing), paths are relative to sandboxDir.
    root = request.get("sandboxDir") or None
    try:
        code = cli_main(list(args), stdout=buf, stderr=buf, root=root)
    except BaseException as e:  # one request must never kill the worker
        code = 3
        buf.write(f"internal error: {type(e).__name__}: {e}\n")
    return {"exitCode": code, "output": buf.getvalue(), "requestId": request_id}


def serve(stdin: TextIO, stdout: TextIO) -> int:
    # Anything printed by accident must not corrupt the protocol stream.
    real_stdout = stdout
    sys.stdout = sys.stderr
    try:
        for line in stdin:
            if not line.strip():
                continue
            try:
                request = json.loads(line)
                if not isinstance(request, dict):
                    raise ValueError("WorkRequest must be a JSON object")
            except ValueError as e:
                response = {"exitCode": 2, "output": f"invalid WorkRequest: {e}\n", "requestId": 0}
            else:
                if request.get("cancel"):
                    # Requests are handled one at a time, so a cancelled one already got
                    # its response; nothing to do.
                    continue
                response = handle(request)
            real_stdout.write(json.dumps(response, sort_keys=True) + "\n")
            real_stdout.flush()
    finally:
        sys.stdout = real_stdout
    return 0
