"""Instrument every function and every call of GOROOT/src; check that nothing crashes, every
output parses with Go's parser (gofmt) and every original token keeps its position.

    python3 bench/robustness.py [--limit N] [--no-positions]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from goroot import HERE, goroot, packages

sys.path.insert(0, str(HERE.parent / "tools" / "instrument" / "tests"))

from go_instrument.engine import GoSyntaxError, rewrite_package  # noqa: E402
from go_instrument.rules import RuleError, load_rule_text  # noqa: E402
from helpers import check_positions, gofmt_errors, gofmt_failing, gofmt_path  # noqa: E402

EVERYTHING = """
rules:
  - id: every-function
    join-point: {function-body: {function-literals: true}}
    imports: {rt: example.com/instr/runtime}
    advice:
      - prepend-statements:
          template: >-
            __instr_span := {{ imports.rt }}.Start({{ function.name | quote }});
            _ = __instr_span
      - defer:
          template: "{{ imports.rt }}.End()"
  - id: every-call
    join-point: {function-call: "*"}
    imports: {rt: example.com/instr/runtime}
    advice:
      - wrap-expression:
          template: "{{ imports.rt }}.Call({{ expr }})"
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N packages")
    ap.add_argument("--no-positions", action="store_true", help="skip the position check")
    args = ap.parse_args()
    rules = load_rule_text("everything.yaml", EVERYTHING)
    root = goroot() / "src"
    pkgs = packages(root)
    if args.limit:
        pkgs = pkgs[: args.limit]
    counts = {"packages": 0, "files": 0, "changed": 0, "tokens_checked": 0}
    rejected_syntax: list[str] = []
    rule_errors: list[str] = []
    crashes: list[str] = []
    position_failures: list[str] = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        written: list[str] = []
        for importpath, files in pkgs:
            counts["packages"] += 1
            counts["files"] += len(files)
            try:
                result = rewrite_package(importpath, files, rules)
            except GoSyntaxError as e:
                rejected_syntax.append(str(e))
                continue
            except RuleError as e:
                rule_errors.append(f"{importpath}: {e}")
                continue
            except Exception as e:  # a crash is a bug: record it
                crashes.append(f"{importpath}: {type(e).__name__}: {e}")
                continue
            rejected_syntax.extend(w for w in result.warnings if "syntax error" in w)
            originals = dict(files)
            for f in result.files:
                if not f.changed:
                    continue
                counts["changed"] += 1
                out = Path(tmp) / f.path
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(f.output)
                written.append(str(out))
                if not args.no_positions:
                    try:
                        counts["tokens_checked"] += check_positions(
                            f.path, originals[f.path], f.output, f.source_map
                        )
                    except AssertionError as e:
                        position_failures.append(str(e).splitlines()[0])
        rewrite_s = time.perf_counter() - t0
        if gofmt_path() is None:
            print("gofmt not found: the Go parser oracle cannot run", file=sys.stderr)
            return 2
        failing = [p[len(tmp) + 1 :] for p in gofmt_failing(written)]
    # An output Go rejects counts only if Go accepts the input (GOROOT testdata holds
    # deliberately invalid files that tree-sitter happens to accept).
    bad_parse = [p for p in failing if not gofmt_errors([str(root.parent / p)])]
    invalid_inputs = len(failing) - len(bad_parse)
    print(f"GOROOT: {root}")
    print(f"packages: {counts['packages']}  files: {counts['files']}")
    print(f"files rewritten: {counts['changed']}")
    # Refusals are right when Go rejects the input too; otherwise tree-sitter-go could not
    # parse valid Go (a grammar limitation): listed separately.
    refused_valid = [
        r for r in rejected_syntax if not gofmt_errors([str(root.parent / r.split(":", 1)[0])])
    ]
    print(
        f"declarations left uninstrumented (syntax error): {len(rejected_syntax)}; "
        f"of which Go accepts the input (tree-sitter-go limitation): {len(refused_valid)}"
    )
    for r in refused_valid[:20]:
        print(f"  valid Go refused: {r}")
    print(f"rule errors (unsound rewrite or rendered code did not parse): {len(rule_errors)}")
    for r in rule_errors[:20]:
        print(f"  {r}")
    print(f"crashes: {len(crashes)}")
    for c in crashes[:20]:
        print(f"  {c}")
    print(f"outputs rejected by gofmt whose input gofmt rejects too: {invalid_inputs}")
    print(f"outputs not accepted by gofmt (input accepted): {len(bad_parse)}")
    for b in bad_parse[:20]:
        print(f"  {b}")
    if not args.no_positions:
        print(f"tokens checked for position: {counts['tokens_checked']}")
        print(f"files with a token off its original position: {len(position_failures)}")
        for p in position_failures[:20]:
            print(f"  {p}")
    print(f"time: {rewrite_s:.1f}s (rewrite + position checks)")
    ok = not crashes and not bad_parse and not position_failures and not rule_errors
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
