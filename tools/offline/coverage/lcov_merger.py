"""Offline stand-in for Bazel's LCOV merger and coverage report generator.

Bazel fetches both from remote_coverage_tools, which is out of reach here.
collect_coverage.sh calls the merger as `--coverage_dir=D --output_file=F ...`;
the report generator gets `--reports_file=LIST --output_file=F`. rules_go tests
already write LCOV, so both jobs are concatenation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _reports(args: argparse.Namespace) -> list[Path]:
    if args.reports_file:
        listed = args.reports_file.read_text().split()
        return [Path(line) for line in listed if line]
    return sorted(p for p in args.coverage_dir.rglob("*.dat") if p != args.output_file)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="lcov_merger")
    parser.add_argument("--coverage_dir", type=Path)
    parser.add_argument("--reports_file", type=Path)
    parser.add_argument("--output_file", type=Path, required=True)
    args, _ = parser.parse_known_args(argv)
    if not args.coverage_dir and not args.reports_file:
        parser.error("one of --coverage_dir or --reports_file is required")
    with args.output_file.open("w") as out:
        for report in _reports(args):
            if report.is_file():
                out.write(report.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
