"""Jaeger's JSON model of a trace, as an indented tree of spans."""

from __future__ import annotations

# Attributes worth a glance in the tree (semantic conventions).
SHOWN = (
    "http.request.method",
    "http.route",
    "url.full",
    "http.response.status_code",
    "rpc.method",
    "rpc.response.status_code",
    "db.system.name",
    "db.query.text",
)


def tags(span: dict) -> dict[str, object]:
    """A span's tags (attributes, span.kind, otel.status_code, ...) as a dict."""
    return {tag["key"]: tag["value"] for tag in span.get("tags", [])}


def parent_id(span: dict) -> str | None:
    for ref in span.get("references", []):
        if ref.get("refType") == "CHILD_OF":
            return ref["spanID"]
    return None


def render(trace: dict) -> str:
    """The trace's spans, children indented under their parents, in start order."""
    spans = trace["spans"]
    processes = trace.get("processes", {})
    ids = {span["spanID"] for span in spans}
    children: dict[str | None, list[dict]] = {}
    for span in spans:
        parent = parent_id(span)
        children.setdefault(parent if parent in ids else None, []).append(span)
    lines: list[str] = [f"trace {trace['traceID']}"]

    def show(span: dict, depth: int) -> None:
        attrs = tags(span)
        service = processes.get(span["processID"], {}).get("serviceName", "?")
        status = " ERROR" if attrs.get("otel.status_code") == "ERROR" else ""
        details = ", ".join(f"{k}={attrs[k]}" for k in SHOWN if k in attrs)
        kind = attrs.get("span.kind", "internal")
        millis = span["duration"] / 1000
        lines.append(
            f"{'  ' * depth}- {span['operationName']}  [{service}, {kind}{status}, {millis:.1f} ms]"
            + (f"  {details}" if details else "")
        )
        for child in sorted(children.get(span["spanID"], []), key=lambda s: s["startTime"]):
            show(child, depth + 1)

    for root in sorted(children.get(None, []), key=lambda s: s["startTime"]):
        show(root, 1)
    return "\n".join(lines)
