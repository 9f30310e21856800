"""Prints spans from OpenTelemetry's stdouttrace exporter (JSON on stdin) as a tree."""

from __future__ import annotations

import json
import sys
from datetime import datetime


def _spans(text: str) -> list[dict]:
    decoder, index, spans = json.JSONDecoder(), 0, []
    while index < len(text):
        if text[index].isspace():
            index += 1
            continue
        span, index = decoder.raw_decode(text, index)
        spans.append(span)
    return spans


def _micros(span: dict) -> float:
    def parse(stamp: str) -> datetime:
        return datetime.fromisoformat(stamp[:26].rstrip("Z"))

    return (parse(span["EndTime"]) - parse(span["StartTime"])).total_seconds() * 1e6


def main() -> int:
    spans = _spans(sys.stdin.read())
    children: dict[str, list[dict]] = {}
    for span in spans:
        children.setdefault(span["Parent"]["SpanID"], []).append(span)

    def show(span: dict, depth: int) -> None:
        context = span["SpanContext"]
        print(
            f"{'  ' * depth}{span['Name']}  span={context['SpanID']} "
            f"trace={context['TraceID'][:8]}… {_micros(span):.0f}µs"
        )
        for child in sorted(children.get(context["SpanID"], []), key=lambda s: s["StartTime"]):
            show(child, depth + 1)

    ids = {span["SpanContext"]["SpanID"] for span in spans}
    for root in sorted(
        (s for s in spans if s["Parent"]["SpanID"] not in ids), key=lambda s: s["StartTime"]
    ):
        show(root, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
