"""Throughput over GOROOT/src on one core: parse-only vs the full rewrite.

    python3 bench/throughput.py [--repeat N]

The rewrite uses a realistic rule set that matches little (directive-driven spans, a few
well-known calls, main): the cost measured is the engine's, not the advice's.
"""

from __future__ import annotations

import argparse
import sys
import time

from go_instrument.engine import GoSyntaxError, rewrite_package
from go_instrument.parse import parse
from go_instrument.rules import load_rule_text
from goroot import goroot, packages

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

    best_parse = best_rw = float("inf")
    changed = refused = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for data in files:
            parse(data)
        best_parse = min(best_parse, time.perf_counter() - t0)

        t0 = time.perf_counter()
        changed = refused = 0
        for importpath, fs in pkgs:
            try:
                result = rewrite_package(importpath, fs, rules)
            except GoSyntaxError:
                refused += 1
                continue
            changed += sum(1 for f in result.files if f.changed)
        best_rw = min(best_rw, time.perf_counter() - t0)

    print(f"corpus: {len(files)} files, {mb:.1f} MB, {len(pkgs)} packages")
    print(
        f"parse-only : {best_parse:6.2f}s  {mb / best_parse:6.2f} MB/s  "
        f"{len(files) / best_parse:7.0f} files/s"
    )
    print(
        f"rewrite    : {best_rw:6.2f}s  {mb / best_rw:6.2f} MB/s  "
        f"{len(files) / best_rw:7.0f} files/s  (files changed: {changed}, "
        f"packages refused: {refused})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
