"""`make demo`, second part: e2e/services instrumented, its traces read back from Jaeger.

Usage: services_demo.py BAZEL_BIN  (the bazel-bin of e2e/services built with --config=trace)
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import jaeger as jaeger_mod
import services
from trace_tree import render

REQUESTS = ["/quote/apple", "/quote/pear", "/quote/free", "/audit"]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    bin_dir = Path(argv[1])
    tag = uuid.uuid4().hex[:6]
    names = {"frontend": f"frontend-{tag}", "backend": f"backend-{tag}"}
    print("== Jaeger all-in-one (in-memory) on 127.0.0.1: OTLP 4317/4318, UI 16686")
    jaeger = jaeger_mod.start()
    try:
        endpoint = jaeger.otlp_http_endpoint
        env = {"OTEL_EXPORTER_OTLP_ENDPOINT": endpoint}
        print(f"== backend + frontend, instrumented; OTEL_EXPORTER_OTLP_ENDPOINT={endpoint}")
        with services.run(
            bin_dir / "cmd/backend/backend_instrumented",
            bin_dir / "cmd/frontend/frontend_instrumented",
            env,
            names,
        ) as system:
            for path in REQUESTS:
                response = system.get(path)
                print(f"   GET {path}?api_key=…  -> {response.status} {response.body.strip()!r}")
        print("== both stopped with SIGTERM (the runtime flushed, then they ended as usual)")
        traces = jaeger.wait_for_traces(
            names["frontend"], len(REQUESTS), spanning=[names["backend"]]
        )
        print(f"\n== {len(traces)} traces of {names['frontend']} in Jaeger, as trees:\n")
        for trace in sorted(traces, key=lambda t: min(s["startTime"] for s in t["spans"])):
            print(render(trace), end="\n\n")
        print(f"Jaeger UI: {jaeger.ui_url}/search?service={names['frontend']}")
        if sys.stdin.isatty():
            input("Press Enter to stop Jaeger... ")
    finally:
        jaeger.stop()
        print("== Jaeger stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
