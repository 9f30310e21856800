#!/usr/bin/env bash
# `make demo`: build e2e/app with the trace aspect, run the plain and the
# instrumented binary, show the spans and the report of what was injected where;
# then e2e/services (HTTP -> gRPC -> SQLite) instrumented against a real Jaeger,
# its traces read back from Jaeger's query API as trees.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bazel="$repo/tools/bazel"
cd "$repo/e2e/app"

echo "== bazel build --config=trace //cmd/orders  (see e2e/app/.bazelrc)"
"$bazel" build --config=trace //cmd/orders
bin="$(readlink -f bazel-bin)/cmd/orders"
args=(apple,pear plum,kiwi)

echo
echo "== the original binary, untouched: orders ${args[*]}"
"$bin/orders_/orders" "${args[@]}"

echo
echo "== the instrumented binary: OTEL_TRACES_EXPORTER=console orders_instrumented ${args[*]}"
spans="$(mktemp)"
trap 'rm -f "$spans"' EXIT
OTEL_TRACES_EXPORTER=console "$bin/orders_instrumented" "${args[@]}" 2>"$spans"
echo
echo "-- its spans (JSON from OpenTelemetry's stdout exporter, as a tree):"
python3 "$repo/tools/demo/print_spans.py" <"$spans"

echo
echo "== what was injected where (bazel-bin/cmd/orders/orders_instrumented.report.txt)"
cat "$bin/orders_instrumented.report.txt"

echo
echo "== e2e/services: HTTP frontend -> gRPC backend -> SQLite, no OpenTelemetry in its sources"
cd "$repo/e2e/services"
echo "== bazel build --config=trace //cmd/...  (the Jaeger binary is built once per machine, ~6 min)"
"$bazel" build --config=trace //cmd/...
"$repo/tools/demo/ensure_jaeger.sh" >/dev/null
python3 "$repo/tools/demo/services_demo.py" "$(readlink -f bazel-bin)"
