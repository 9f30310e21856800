"""Runs e2e/services (backend + frontend binaries) on free ports and drives requests.

Shared by the e2e tests and `make demo`: both run the real binaries, send real HTTP
requests and end the processes with SIGTERM, as an orchestrator would.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

SECRET = "s3cr3t-token-0xC0FFEE"


@dataclass(frozen=True)
class Response:
    """One request to the frontend and what it answered."""

    path: str
    status: int
    body: str


@dataclass
class RunningSystem:
    """The two processes; `responses` fills as requests are sent."""

    frontend_url: str
    processes: dict[str, subprocess.Popen[str]]
    responses: list[Response] = field(default_factory=list)
    exit_codes: dict[str, int] = field(default_factory=dict)
    logs: dict[str, str] = field(default_factory=dict)

    def get(self, path: str) -> Response:
        """GET path with a secret in the query string, a header and a cookie."""
        separator = "&" if "?" in path else "?"
        request = urllib.request.Request(
            f"{self.frontend_url}{path}{separator}api_key={SECRET}",
            headers={"Authorization": f"Bearer {SECRET}", "Cookie": f"session={SECRET}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                response = Response(path, answer.status, answer.read().decode())
        except urllib.error.HTTPError as error:
            response = Response(path, error.code, error.read().decode())
        self.responses.append(response)
        return response


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen[str], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited ({process.returncode}) before listening")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{process.args[0]} did not listen on {port} within {timeout}s")


def _stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
    return process.returncode, stderr


@contextmanager
def run(
    backend: Path, frontend: Path, env: dict[str, str], names: dict[str, str]
) -> Iterator[RunningSystem]:
    """Starts backend then frontend with env (+ OTEL_SERVICE_NAME from names); on exit
    sends both SIGTERM and records their exit codes and stderr."""
    backend_addr = f"127.0.0.1:{free_port()}"
    frontend_port = free_port()
    common = {**os.environ, **env, "BACKEND_ADDR": backend_addr}
    processes: dict[str, subprocess.Popen[str]] = {}
    system = RunningSystem(f"http://127.0.0.1:{frontend_port}", processes)
    try:
        for role, binary, port in [
            ("backend", backend, int(backend_addr.rsplit(":", 1)[1])),
            ("frontend", frontend, frontend_port),
        ]:
            processes[role] = subprocess.Popen(
                [str(binary)],
                env={
                    **common,
                    "FRONTEND_ADDR": f"127.0.0.1:{frontend_port}",
                    "OTEL_SERVICE_NAME": names[role],
                },
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            _wait_for_port(port, processes[role])
        yield system
    finally:
        for role in ("frontend", "backend"):
            if role in processes:
                system.exit_codes[role], system.logs[role] = _stop(processes[role])
