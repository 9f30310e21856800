"""Throughput over GOROOT/src on one core: parse-only vs the full rewrite.

    python3 bench/throughput.py [--repeat N]

The rewrite uses a realistic rule set that matches little (directive-driven spans, a few
well-known calls, main): the cost measured is the engine's, not the advice's.
"""

from __future__ import annotations

import argparse
import sys
import time

from goroot import HERE, goroot, packages

sys.path.insert(0, str(HERE.parent / "tools" / "instrument"))

from go_instrument.engine import GoSyntaxError, rewrite_package  # noqa: E402
from go_instrument.parse import parse  # noqa: E402
from go_instrument.rules import load_rule_text  # noqa: E402

TYPICAL = """
rules:
  - id: trace-directive
    join-point: {function-body: {directive: "trace:span"}}
    imports: {rt: example.com/instr/runtime}
    advice:
      - prepend-statements:
          template: 'ctx, span := {{ imports.rt }}.Start(ctx, {{ function.name | quote }})'
      - defer: {template: "span.End()"}
  - id: http-client
    join-point:
      one-of:
        - function-call: net/http.Get
        - function-call: (*net/http.Client).Do
        - function-call: database/sql.Open
    imports: {rt: example.com/instr/runtime}
    advice:
      - wrap-expression: {template: "{{ imports.rt }}.Wrap({{ expr }})"}
  - id: server-handler
    join-point: {struct-literal: {type: net/http.Server, field: Handler}}
    imports: {rt: example.com/instr/runtime}
    advice:
      - wrap-expression: {template: "{{ imports.rt }}.Handler({{ expr }})"}
  - id: sdk
    join-point: {main: true}
    imports: {rt: example.com/instr/runtime}
    advice:
      - prepend-statements: {template: "defer {{ imports.rt }}.Init()()"}
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    pkgs = packages(goroot() / "src")
    files = [data for _, fs in pkgs for _, data in fs]
    total = sum(len(d) for d in files)
    mb = total / 1e6
    rules = load_rule_text("typical.yaml", TYPICAL)

    def rewrite_all(prefilter: bool) -> tuple[float, int, int, list[bytes]]:
        t0 = time.perf_counter()
        changed = refused = 0
        outputs: list[bytes] = []
        for importpath, fs in pkgs:
            try:
                result = rewrite_package(importpath, fs, rules, prefilter=prefilter)
            except GoSyntaxError:
                refused += 1
                continue
            changed += sum(1 for f in result.files if f.changed)
            outputs.extend(f.output for f in result.files)
        return time.perf_counter() - t0, changed, refused, outputs

    best_parse = best_rw = best_full = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for data in files:
            parse(data)
        best_parse = min(best_parse, time.perf_counter() - t0)
        secs, changed, refused, out_fast = rewrite_all(prefilter=True)
        best_rw = min(best_rw, secs)
        secs, changed_full, _, out_full = rewrite_all(prefilter=False)
        best_full = min(best_full, secs)
        # The byte prefilter is only a shortcut: outputs must be identical without it.
        assert out_fast == out_full and changed == changed_full, "prefilter changed the output"

    print(f"corpus: {len(files)} files, {mb:.1f} MB, {len(pkgs)} packages")
    for label, secs in (
        ("parse-only", best_parse),
        ("rewrite (default: byte prefilter, unmatched packages not parsed)", best_rw),
        ("rewrite, every file parsed (--no-prefilter path)", best_full),
    ):
        print(f"{label}\n    {secs:6.2f}s  {mb / secs:6.2f} MB/s  {len(files) / secs:7.0f} files/s")
    print(f"files changed: {changed}, packages refused: {refused}")
    # Ratios against tree-sitter's own speed in this same run: machine-independent.
    print(
        f"rewrite / parse-only speed: default {best_parse / best_rw:.2f}, "
        f"every file parsed {best_parse / best_full:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
