"""P5: request latency of an instrumented HTTP service / the same service wired by hand.

Three builds of one service (bench/latency/): `service` as written (no OpenTelemetry),
`service` rewritten by the trace profile's rules (trace.yaml + http_server.yaml +
http_client.yaml, by the engine GoInstrument runs) and `handwired` (the SDK and
otelhttp.NewHandler set up by hand). bench/latency/load starts each with its own OTLP/HTTP
sink on 127.0.0.1 and times sequential keep-alive requests; the builds are interleaved run
by run, so a change in the machine's load weighs on all three.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench_lib import Row

REQUESTS = 2000
# Short rounds, many of them: latencies of tens of microseconds follow the machine's
# load from second to second, and interleaving finely spreads it over the three builds.
MIN_ROUNDS = 9
RULES = ("aspects/trace.yaml", "aspects/http_server.yaml", "aspects/http_client.yaml")
SERVICE = Path("bench") / "latency" / "service" / "main.go"
INSTRUMENTED = Path("bench") / "latency" / "instrumented" / "main.go"
# The builds P5 compares, and whether each must export spans to the sink.
VARIANTS = {"plain": False, "instrumented": True, "handwired": True}


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} in {cwd} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def _rewrite_service(repo: Path, out_dir: Path) -> None:
    """The service's main.go as the trace profile's GoInstrument action rewrites it."""
    (repo / INSTRUMENTED).parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "go_instrument", "rewrite", "--importpath", "main"]
    for rules in RULES:
        command += ["--rules", rules]
    command += ["--src", f"{SERVICE}={INSTRUMENTED}"]
    for name in ("imports-out", "map-out", "report-out"):
        command += [f"--{name}", str(out_dir / name)]
    _run(command, repo, {"PYTHONPATH": str(repo / "tools" / "instrument")})
    if "HTTPHandler(" not in (repo / INSTRUMENTED).read_text():
        raise RuntimeError(f"{INSTRUMENTED}: the http.Server's Handler was not wrapped")


def build(repo: Path, out_dir: Path) -> dict[str, Path]:
    """`go build` the load generator and the three services inside the checkout's module."""
    _rewrite_service(repo, out_dir)
    sources = {
        "load": "./bench/latency/load",
        "plain": "./bench/latency/service",
        "instrumented": "./bench/latency/instrumented",
        "handwired": "./bench/latency/handwired",
    }
    binaries = {}
    for name, package in sources.items():
        binaries[name] = out_dir / name
        _run(["go", "build", "-o", str(binaries[name]), package], repo)
    return binaries


def _measure(load: Path, server: Path, exports: bool) -> dict:
    output = _run([str(load), "-n", str(REQUESTS), str(server)], server.parent)
    result = json.loads(output)
    if result.get("server_exit_error") not in (None, "signal: terminated"):
        raise RuntimeError(f"{server.name}: {result['server_exit_error']}")
    if exports != (result["sink_bytes"] > 0):
        raise RuntimeError(f"{server.name} sent {result['sink_bytes']} bytes of spans: {result}")
    return result


def _ratio(numerator: list[float], denominator: list[float]) -> str:
    return (
        f"{min(numerator) / min(denominator):.2f} (min) / "
        f"{statistics.median(numerator) / statistics.median(denominator):.2f} (median)"
    )


def _figures(values: list[float]) -> str:
    return f"min {min(values):.0f} us median {statistics.median(values):.0f} us (n={len(values)})"


def p5_latency(repo: Path, runs: int, scratch: Path) -> list[Row]:
    """Median and p99 request latency, instrumented / hand-wired and each / plain."""
    out_dir = scratch / "latency"
    out_dir.mkdir(parents=True, exist_ok=True)
    binaries = build(repo, out_dir)
    p50: dict[str, list[float]] = {name: [] for name in VARIANTS}
    p99: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for index in range(max(runs, MIN_ROUNDS)):
        for name, exports in VARIANTS.items():
            result = _measure(binaries["load"], binaries[name], exports)
            p50[name].append(result["p50_us"])
            p99[name].append(result["p99_us"])
            print(f"  P5 {name} run {index + 1}: p50 {result['p50_us']:.0f} us")
    load = f"bench/latency/load -n {REQUESTS} SERVICE (sequential GETs, one connection)"
    return [
        Row(
            "P5",
            "request latency p50, instrumented / wired by hand with otelhttp",
            _ratio(p50["instrumented"], p50["handwired"]),
            (load, f"instrumented = {SERVICE} rewritten with {' '.join(RULES)}"),
        ),
        Row(
            "P5",
            "request latency p99, instrumented / wired by hand",
            _ratio(p99["instrumented"], p99["handwired"]),
            (),
        ),
        Row(
            "P5",
            "request latency p50, instrumented / plain; wired by hand / plain",
            f"{_ratio(p50['instrumented'], p50['plain'])}; "
            f"{_ratio(p50['handwired'], p50['plain'])}",
            (),
        ),
        *(Row("P5", f"p50 latency, {name}", _figures(p50[name]), ()) for name in VARIANTS),
    ]
