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


def _request_id(request: dict[str, Any]) -> int | None:
    """The request's id, or None when it is not an integer (then the request is invalid)."""
    rid = request.get("requestId", 0)
    if rid is None:
        return 0
    if isinstance(rid, bool) or not isinstance(rid, int):
        return None
    return rid


def handle(request: dict[str, Any]) -> dict[str, Any]:
    """Run one WorkRequest; always returns a WorkResponse."""
    request_id = _request_id(request)
    if request_id is None:
        return {"exitCode": 2, "output": "invalid WorkRequest: requestId\n", "requestId": 0}
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


def _respond(line: str) -> dict[str, Any] | None:
    """The response to one request line (None for a cancel request); never raises, so a
    malformed request (bad JSON, deeply nested JSON, a non-integer id) gets an error
    response and the worker keeps serving."""
    try:
        request = json.loads(line)
        if not isinstance(request, dict):
            raise ValueError("WorkRequest must be a JSON object")
    except (ValueError, RecursionError) as e:
        reason = "nested too deeply" if isinstance(e, RecursionError) else str(e)
        return {"exitCode": 2, "output": f"invalid WorkRequest: {reason}\n", "requestId": 0}
    if request.get("cancel") is True:
        # Requests are handled one at a time, so a cancelled one already got its
        # response; nothing to do.
        return None
    try:
        return handle(request)
    except Exception as e:  # a bug must not end the worker
        return {
            "exitCode": 3,
            "output": f"internal error: {type(e).__name__}: {e}\n",
            "requestId": 0,
        }


def serve(stdin: TextIO, stdout: TextIO) -> int:
    """Answer requests from `stdin` until it closes."""
    # Anything printed by accident must not corrupt the protocol stream.
    real_stdout = stdout
    sys.stdout = sys.stderr
    try:
        for line in stdin:
            if not line.strip():
                continue
            response = _respond(line)
            if response is None:
                continue
            real_stdout.write(json.dumps(response, sort_keys=True) + "\n")
            real_stdout.flush()
    finally:
        sys.stdout = real_stdout
    return 0
