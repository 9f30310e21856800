"""e2e/services (HTTP frontend -> gRPC backend -> SQLite) built with --config=trace, seen in Jaeger.

The sample system has no OpenTelemetry in its sources. Instrumented, it must send one
trace per request across the three hops to a real Jaeger over OTLP (http/protobuf and
grpc), with the semantic conventions' names, kinds and attributes, error status where a
request fails, and no secret from the request; built plain, it must send nothing.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO_ROOT, Workspace

sys.path.insert(0, str(REPO_ROOT / "tools" / "demo"))
import jaeger as jaeger_mod  # noqa: E402
import services  # noqa: E402
from trace_tree import parent_id, tags  # noqa: E402

PROTOCOLS = {
    "http/protobuf": lambda j: j.otlp_http_endpoint,
    "grpc": lambda j: j.otlp_grpc_endpoint,
}
SIGTERM_EXIT = -15  # killed by SIGTERM, as without tracing


@pytest.fixture(scope="module")
def workspace() -> Workspace:
    return Workspace(REPO_ROOT / "e2e" / "services")


@dataclass(frozen=True)
class Binaries:
    bin: Path

    def plain(self, name: str) -> Path:
        return self.bin / f"cmd/{name}/{name}_/{name}"

    def instrumented(self, name: str) -> Path:
        return self.bin / f"cmd/{name}/{name}_instrumented"


@pytest.fixture(scope="module")
def binaries(workspace: Workspace) -> Binaries:
    workspace.bazel("build", "--config=trace", "//...")
    return Binaries((workspace.root / "bazel-bin").resolve())


@pytest.fixture(scope="module")
def jaeger() -> Iterator[jaeger_mod.Jaeger]:
    running = jaeger_mod.start()
    yield running
    running.stop()


@dataclass(frozen=True)
class Run:
    """One run of the instrumented system: its service names, responses and traces."""

    names: dict[str, str]
    system: services.RunningSystem
    traces: list[dict]

    def trace_of(self, route: str) -> dict:
        for trace in self.traces:
            if any(span["operationName"] == route for span in trace["spans"]):
                return trace
        raise AssertionError(f"no trace with a span {route!r}")

    def trace_of_request(self, path: str) -> dict:
        """The trace whose frontend server span served path."""
        for trace in self.traces:
            for span in trace["spans"]:
                if tags(span).get("url.path") == path:
                    return trace
        raise AssertionError(f"no trace for {path}")


REQUESTS = ["/quote/apple", "/quote/free", "/audit"]


def _run(binaries: Binaries, jaeger: jaeger_mod.Jaeger, protocol: str, kind: str) -> Run:
    tag = uuid.uuid4().hex[:8]
    names = {role: f"{role}-{kind}-{tag}" for role in ("frontend", "backend")}
    env = {
        "OTEL_EXPORTER_OTLP_ENDPOINT": PROTOCOLS[protocol](jaeger),
        "OTEL_EXPORTER_OTLP_PROTOCOL": protocol,
        "OTEL_TRACES_EXPORTER": "",  # the default: otlp
    }
    binary = binaries.instrumented if kind != "plain" else binaries.plain
    with services.run(binary("backend"), binary("frontend"), env, names) as system:
        for path in REQUESTS:
            system.get(path)
    if kind == "plain":
        return Run(names, system, [])
    try:
        traces = jaeger.wait_for_traces(
            names["frontend"], len(REQUESTS), spanning=[names["backend"]]
        )
    except jaeger_mod.JaegerError as error:
        raise AssertionError(f"{error}; the programs' stderr: {system.logs}") from error
    return Run(names, system, traces)


@pytest.fixture(scope="module", params=sorted(PROTOCOLS))
def run(request: pytest.FixtureRequest, binaries: Binaries, jaeger: jaeger_mod.Jaeger) -> Run:
    return _run(binaries, jaeger, request.param, request.param.replace("/", "-"))


def _spans_by_name(trace: dict) -> dict[str, list[dict]]:
    by_name: dict[str, list[dict]] = {}
    for span in trace["spans"]:
        by_name.setdefault(span["operationName"], []).append(span)
    return by_name


def _service(trace: dict, span: dict) -> str:
    return trace["processes"][span["processID"]]["serviceName"]


def test_the_system_behaves_as_built_plain(run: Run) -> None:
    assert [(r.path, r.status) for r in run.system.responses] == [
        ("/quote/apple", 200),
        ("/quote/free", 422),
        ("/audit", 500),
    ]
    assert "apple: 1.20 EUR" in run.system.responses[0].body
    assert "tax: 20%" in run.system.responses[0].body
    # SIGTERM still ends both programs the default way, after the runtime flushed.
    assert run.system.exit_codes == {"frontend": SIGTERM_EXIT, "backend": SIGTERM_EXIT}


def test_one_trace_across_http_grpc_and_sql(run: Run) -> None:
    trace = run.trace_of_request("/quote/apple")
    spans = _spans_by_name(trace)
    (server,) = spans["GET /quote/{item}"]
    grpc_client, grpc_server = sorted(
        spans["prices.Prices/Lookup"], key=lambda s: tags(s)["span.kind"]
    )
    (select,) = spans["SELECT"]
    (fmt,) = spans["quote.format"]
    (tax_client,) = spans["GET"]
    (tax_server,) = spans["GET /tax"]
    assert {span["traceID"] for span in trace["spans"]} == {trace["traceID"]}

    def child(span: dict, parent: dict) -> None:
        assert parent_id(span) == parent["spanID"], (span["operationName"], parent["operationName"])

    assert parent_id(server) is None
    child(grpc_client, server)
    child(grpc_server, grpc_client)
    child(select, grpc_server)
    child(fmt, server)
    child(tax_client, server)
    child(tax_server, tax_client)

    kinds = {
        (span["operationName"], _service(trace, span)): tags(span).get("span.kind", "internal")
        for span in (server, grpc_client, grpc_server, select, fmt, tax_client, tax_server)
    }
    front, back = run.names["frontend"], run.names["backend"]
    assert kinds == {
        ("GET /quote/{item}", front): "server",
        ("prices.Prices/Lookup", front): "client",
        ("prices.Prices/Lookup", back): "server",
        ("SELECT", back): "client",
        ("quote.format", front): "internal",
        ("GET", front): "client",
        ("GET /tax", front): "server",
    }
    assert tags(server)["http.request.method"] == "GET"
    assert tags(server)["http.route"] == "/quote/{item}"
    assert tags(server)["http.response.status_code"] == 200
    assert tags(grpc_server)["rpc.system.name"] == "grpc"
    assert tags(grpc_server)["rpc.method"] == "prices.Prices/Lookup"
    assert tags(select)["db.system.name"] == "sqlite"
    assert tags(select)["db.query.text"] == "SELECT cents FROM prices WHERE item = ?"
    assert tags(tax_client)["url.full"].endswith("/tax")


def test_failing_request_has_error_status_on_every_hop(run: Run) -> None:
    trace = run.trace_of_request("/audit")
    errors = {
        span["operationName"]
        for span in trace["spans"]
        if tags(span).get("otel.status_code") == "ERROR"
    }
    assert errors == {"GET /audit", "prices.Prices/Audit", "SELECT"}
    (select,) = _spans_by_name(trace)["SELECT"]
    assert any(log["fields"] for log in select.get("logs", []))  # the recorded error


def test_directive_span_records_the_returned_error(run: Run) -> None:
    trace = run.trace_of_request("/quote/free")
    (fmt,) = _spans_by_name(trace)["quote.format"]
    assert tags(fmt)["otel.status_code"] == "ERROR"
    assert tags(fmt)["otel.status_description"] == "free is not for sale"
    (server,) = _spans_by_name(trace)["GET /quote/{item}"]
    assert tags(server)["http.response.status_code"] == 422
    assert tags(server).get("otel.status_code") != "ERROR"  # 4xx is the client's error


def test_no_secret_reaches_jaeger(run: Run, jaeger: jaeger_mod.Jaeger) -> None:
    # The secret was in every request's query string, Authorization header and cookie,
    # and in the query string of the frontend's own outgoing request.
    everything = json.dumps(
        [jaeger.traces(name) for name in run.names.values()], ensure_ascii=False
    )
    assert run.names["backend"] in everything
    assert services.SECRET not in everything


def test_plain_build_sends_nothing(binaries: Binaries, jaeger: jaeger_mod.Jaeger) -> None:
    plain = _run(binaries, jaeger, "http/protobuf", "plain")
    assert [r.status for r in plain.system.responses] == [200, 422, 500]
    assert plain.system.exit_codes == {"frontend": SIGTERM_EXIT, "backend": SIGTERM_EXIT}
    # Give an exporter, if there were one, time to deliver: the instrumented runs above
    # were found in Jaeger within this time.
    instrumented = _run(binaries, jaeger, "http/protobuf", "probe")
    assert instrumented.names["frontend"] in jaeger.services()
    assert not set(plain.names.values()) & set(jaeger.services())


def _matched_rules(bin_dir: Path, package: str, name: str) -> set[str]:
    report = json.loads((bin_dir / package / f"{name}_instr_srcs/report.json").read_text())
    return {match["rule"] for match in report["matches"]}


def test_opt_outs_by_tag_and_by_profile(workspace: Workspace, binaries: Binaries) -> None:
    # Default profile: every integration; the target tagged no-instrument gets nothing.
    assert _matched_rules(binaries.bin, "selfcheck", "selfcheck") == set()
    assert {"database-sql-open", "grpc-server-stats-handler", "sdk-start-in-main"} <= (
        _matched_rules(binaries.bin, "cmd/backend", "backend")
    )
    # A profile without database_sql.yaml that excludes the frontend's package.
    workspace.bazel(
        "build",
        "--config=trace",
        "--@rules_go_instrument//rules:profile=//profiles:no_sql_no_frontend",
        "//cmd/...",
    )
    # The same output directory (a label_flag does not change it): the default
    # build's outputs are replaced, so this test comes last in the module.
    other = (workspace.root / "bazel-bin").resolve()
    assert _matched_rules(other, "cmd/frontend", "frontend") == set()
    backend = _matched_rules(other, "cmd/backend", "backend")
    assert "grpc-server-stats-handler" in backend
    assert "database-sql-open" not in backend
