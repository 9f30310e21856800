"""A Jaeger all-in-one process on 127.0.0.1 and its query API, for the e2e tests and the demo.

The binary comes from `ensure_jaeger.sh` (built once per machine from the Go module proxy).
Started without arguments, Jaeger v2 runs its all-in-one configuration with in-memory
storage: OTLP over gRPC on 4317 and over HTTP on 4318, UI and query API on 16686.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OTLP_GRPC_PORT = 4317
OTLP_HTTP_PORT = 4318
QUERY_PORT = 16686
PORTS = (OTLP_GRPC_PORT, OTLP_HTTP_PORT, QUERY_PORT)


class JaegerError(RuntimeError):
    """Jaeger could not be built, started or queried."""


def ensure_binary() -> Path:
    """Returns the Jaeger binary, building it first if this machine has none."""
    result = subprocess.run(
        [str(HERE / "ensure_jaeger.sh")], capture_output=True, text=True, timeout=3600
    )
    if result.returncode != 0:
        raise JaegerError(f"ensure_jaeger.sh failed:\n{result.stderr[-3000:]}")
    return Path(result.stdout.strip().splitlines()[-1])


def _missing_services(traces: list[dict], wanted: set[str]) -> set[str]:
    """The services of wanted that some trace has no span of."""
    missing: set[str] = set()
    for trace in traces:
        present = {process["serviceName"] for process in trace.get("processes", {}).values()}
        missing |= wanted - present
    return missing


def _port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Jaeger:
    """A running Jaeger; `stop()` ends it."""

    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def ui_url(self) -> str:
        return f"http://127.0.0.1:{QUERY_PORT}"

    @property
    def otlp_http_endpoint(self) -> str:
        return f"http://127.0.0.1:{OTLP_HTTP_PORT}"

    @property
    def otlp_grpc_endpoint(self) -> str:
        return f"http://127.0.0.1:{OTLP_GRPC_PORT}"

    def get(self, path: str, **params: str) -> dict:
        """GETs a query API path (e.g. /api/services) and returns its JSON."""
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.ui_url}{path}{query}", timeout=10) as response:
            return json.load(response)

    def services(self) -> list[str]:
        return self.get("/api/services").get("data") or []

    def traces(self, service: str) -> list[dict]:
        """Every trace (Jaeger's JSON model) that has a span of service."""
        return (
            self.get("/api/traces", service=service, limit="100", lookback="1h").get("data") or []
        )

    def wait_for_traces(
        self, service: str, count: int, timeout: float = 30.0, spanning: Iterable[str] = ()
    ) -> list[dict]:
        """Polls until service has at least count traces, each with spans of every service
        in spanning too, then returns them.

        Jaeger stores each process's export on its own, so a trace can be queried before
        the spans another process exported later are in it.
        """
        wanted = set(spanning)
        deadline = time.monotonic() + timeout
        traces: list[dict] = []
        while time.monotonic() < deadline:
            traces = self.traces(service)
            if len(traces) >= count and not _missing_services(traces, wanted):
                return traces
            time.sleep(0.5)
        missing = _missing_services(traces, wanted)
        raise JaegerError(
            f"{service}: {len(traces)} traces in Jaeger after {timeout}s, want {count}"
            + (f"; traces without spans of {sorted(missing)}" if missing else "")
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(binary: Path | None = None, timeout: float = 60.0) -> Jaeger:
    """Starts Jaeger all-in-one on 127.0.0.1 and waits until its query API answers."""
    busy = [port for port in PORTS if _port_in_use(port)]
    if busy:
        raise JaegerError(f"ports {busy} on 127.0.0.1 are in use; is another Jaeger running?")
    binary = binary or ensure_binary()
    log = tempfile.NamedTemporaryFile(prefix="jaeger-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [str(binary)],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tempfile.gettempdir(),
        env={**os.environ, "OTEL_TRACES_EXPORTER": "none"},
    )
    jaeger = Jaeger(process=process, log_path=Path(log.name))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise JaegerError(f"Jaeger exited ({process.returncode}); log: {log.name}")
        try:
            jaeger.services()
            if all(_port_in_use(port) for port in PORTS):
                return jaeger
        except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
            pass
        time.sleep(0.5)
    jaeger.stop()
    raise JaegerError(
        f"Jaeger did not answer on {jaeger.ui_url} within {timeout}s; log: {log.name}"
    )
