"""e2e/app built plain and with the `trace` aspect: behaviour, spans, report, caching."""

from __future__ import annotations

import hashlib
import json
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Workspace, json_stream, run_program

TRACE = ("--config=trace",)
ORDERS = "//cmd/orders"
RUNTIME_IMPORTPATH = b"github.com/rules-go-instrument/rules_go_instrument/aspects/runtime"
ARGS = ["apple,pear", "plum"]


def _run(binary: Path, exporter: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_program(binary, *ARGS, exporter=exporter)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _executed_spawns(log: Path) -> list[tuple[str, str]]:
    """(mnemonic, target label) of every spawn that really ran (no cache hit)."""
    return sorted(
        (spawn["mnemonic"], spawn["targetLabel"])
        for spawn in json_stream(log.read_text())
        if not spawn.get("cacheHit")
    )


@dataclass(frozen=True)
class Built:
    """e2e/app built plain, then with --config=trace."""

    bin: Path
    plain_sha256_before_aspect: str

    @property
    def plain(self) -> Path:
        return self.bin / "cmd/orders/orders_/orders"

    @property
    def instrumented(self) -> Path:
        return self.bin / "cmd/orders/orders_instrumented"


@pytest.fixture(scope="module")
def built(app: Workspace) -> Built:
    app.bazel("build", ORDERS)
    plain_before = _sha256(app.root / "bazel-bin/cmd/orders/orders_/orders")
    app.bazel("build", *TRACE, "//...")
    return Built(bin=app.root / "bazel-bin", plain_sha256_before_aspect=plain_before)


def test_instrumented_binary_behaves_like_the_original(built: Built) -> None:
    plain = _run(built.plain)
    # OTLP is the default exporter; with nothing to send to, it would report that.
    instrumented = _run(built.instrumented, exporter="none")
    assert instrumented.stdout == plain.stdout
    assert "2 orders" in plain.stdout
    # The embedded banner and the x_defs version survive the recompile.
    assert plain.stdout.startswith("orders v1 -- prices in cents (1.2.3)\n")
    assert instrumented.stderr == ""


def test_instrumented_binary_emits_nested_spans(built: Built) -> None:
    result = _run(built.instrumented, exporter="console")
    spans = list(json_stream(result.stderr))
    by_name: dict[str, list[dict]] = {}
    for span in spans:
        by_name.setdefault(span["Name"], []).append(span)
    assert sorted(by_name) == ["orders.run", "pricing.Quote", "store.Save"]
    assert len(by_name["pricing.Quote"]) == len(ARGS) == len(by_name["store.Save"])
    (root,) = by_name["orders.run"]
    root_id = root["SpanContext"]["SpanID"]
    trace_id = root["SpanContext"]["TraceID"]
    for child in by_name["pricing.Quote"] + by_name["store.Save"]:
        assert child["Parent"]["SpanID"] == root_id
        assert child["SpanContext"]["TraceID"] == trace_id
    assert root["Resource"][0]["Value"]["Value"] == "orders_instrumented"


def test_original_binary_is_untouched(built: Built) -> None:
    assert _sha256(built.plain) == built.plain_sha256_before_aspect
    assert RUNTIME_IMPORTPATH not in built.plain.read_bytes()
    assert RUNTIME_IMPORTPATH in built.instrumented.read_bytes()


def test_report_lists_the_injection_points(built: Built) -> None:
    found = set()
    for package, name in [("cmd/orders", "orders"), ("pricing", "pricing"), ("store", "store")]:
        report = json.loads((built.bin / package / f"{name}_instr_srcs/report.json").read_text())
        for match in report["matches"]:
            found.add((match["rule"], match["file"], match["line"], match["target"]))
    assert found == {
        ("sdk-start-in-main", "cmd/orders/main.go", 22, "main"),
        ("http-default-client", "cmd/orders/main.go", 22, "main"),
        ("flush-before-exit", "cmd/orders/main.go", 26, "os.Exit"),
        ("span-from-directive", "cmd/orders/main.go", 31, "run"),
        ("span-from-directive", "pricing/pricing.go", 17, "Quote"),
        ("span-from-directive", "store/store.go", 22, "(*Store).Save"),
    }


def test_binary_summary_names_every_injection_point(built: Built) -> None:
    summary = (built.bin / "cmd/orders/orders_instrumented.report.txt").read_text()
    assert summary.splitlines() == [
        "Instrumentation of //cmd/orders:orders: 6 injection points in 3 packages"
        " (0 unchanged, 1 excluded)",
        "  cmd/orders",
        "    cmd/orders/main.go:22: main <- http-default-client [prepend-statements]",
        "    cmd/orders/main.go:22: main <- sdk-start-in-main [prepend-statements]",
        "    cmd/orders/main.go:26: os.Exit <- flush-before-exit [replace-function]",
        "    cmd/orders/main.go:31: run <- span-from-directive [prepend-statements, defer]",
        "  example.com/app/pricing",
        "    pricing/pricing.go:17: Quote <- span-from-directive [prepend-statements, defer]",
        "  example.com/app/store",
        "    store/store.go:22: (*Store).Save <- span-from-directive [prepend-statements, defer]",
        # github.com/google/uuid: the runtime (OpenTelemetry's SDK) imports it too.
        "  excluded (in the closure of the injected runtime): 1 packages",
    ]


def test_types_trace_a_field_client_and_a_constructor_db(built: Built) -> None:
    """inventory holds its *http.Client in a struct field (made with new, no literal)
    and gets its *sql.DB from a constructor: with the type facts `s.client.Do(req)`
    resolves to (*net/http.Client).Do, and both the HTTP call and the SQL exec get
    client spans under the directive's span."""
    binary = built.bin / "cmd/inventory/inventory_instrumented"
    result = run_program(binary, "apple", "kiwi", exporter="console")
    assert result.stdout.splitlines() == ["apple: 5 in stock", "kiwi: 4 in stock", "2 recorded"]
    spans = list(json_stream(result.stderr))
    (root,) = [s for s in spans if s["Name"] == "inventory.run"]
    root_id = root["SpanContext"]["SpanID"]

    def clients(scope: str) -> list[dict]:
        return [
            s
            for s in spans
            if s["InstrumentationScope"]["Name"] == scope and s["SpanKind"] == 3  # client
        ]

    http_calls = clients("go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp")
    sql_calls = clients("github.com/XSAM/otelsql")
    assert [s["Name"] for s in http_calls] == ["GET", "GET"]
    assert [s["Name"] for s in sql_calls] == ["RECORD", "RECORD"]
    for span in http_calls + sql_calls:
        assert span["Parent"]["SpanID"] == root_id

    report = json.loads((built.bin / "inventory/inventory_instr_srcs/report.json").read_text())
    assert report["types"] == "facts"
    assert {(m["rule"], m["line"]) for m in report["matches"]} == {
        ("database-sql-open", 33),
        ("http-client-do", 47),
    }


def test_type_filters_reach_the_facts_under_bazel(app: Workspace, built: Built) -> None:
    """A profile whose rule has `final-result-implements: error`: its interface list reaches
    the GoTypeFacts actions, and only functions whose last result is an error match."""
    profile = "--@rules_go_instrument//rules:profile=//profiles:typed"
    matches = set()
    try:
        # facts.json is no output group's: Bazel 7 leaves an intermediate output that the
        # disk cache hits in the cache unless told to download everything.
        app.bazel(
            "build",
            *TRACE,
            profile,
            "--output_groups=instrument_report,instrument_facts",
            ORDERS,
        )
        for package, name in [("cmd/orders", "orders"), ("pricing", "pricing"), ("store", "store")]:
            out = built.bin / package / f"{name}_instr_srcs"
            assert json.loads((out / "facts.json").read_text())["interfaces"] == ["error"]
            report = json.loads((out / "report.json").read_text())
            assert report["types"] == "facts"
            matches |= {(m["rule"], m["file"], m["target"]) for m in report["matches"]}
    finally:
        # Same output paths as the default profile's: put the fixture's outputs back.
        app.bazel("build", *TRACE, "//...")
    assert matches == {
        ("returns-an-error", "cmd/orders/main.go", "run"),
        ("returns-an-error", "pricing/pricing.go", "Quote"),
    }


def test_instrumented_go_test_passes(app: Workspace, built: Built) -> None:
    result = run_program(
        built.bin / "pricing/pricing_test_instrumented",
        "-test.v",
        cwd=built.bin / "pricing",
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "--- PASS: TestQuote " in result.stdout
    assert "--- PASS: TestQuoteFromOutside " in result.stdout
    summary = (built.bin / "pricing/pricing_test_instrumented.report.txt").read_text()
    assert summary.splitlines()[1:] == [
        "  example.com/app/pricing",
        "    pricing/pricing.go:17: Quote <- span-from-directive [prepend-statements, defer]",
        "  example.com/app/pricing_test",
        "    pricing/pricing_external_test.go:13: quoteTwice"
        " <- span-from-directive [prepend-statements, defer]",
    ]
    tested = app.bazel("test", "//pricing:pricing_traced_test")
    assert "//pricing:pricing_traced_test" in tested.stdout + tested.stderr


def test_editing_a_leaf_function_reruns_only_its_package(
    app: Workspace, built: Built, tmp_path: Path
) -> None:
    source = app.root / "pricing/pricing.go"
    original = source.read_text()
    # A new price each run, so no cache of an earlier run can answer.
    new_price = 2 + uuid.uuid4().int % 1_000_000
    edited = original.replace("\treturn 1\n", f"\treturn {new_price}\n", 1)
    assert edited != original
    log = tmp_path / "exec.json"
    try:
        source.write_text(edited)
        app.bazel(
            "build",
            *TRACE,
            "--output_groups=instrumented",
            f"--execution_log_json_file={log}",
            ORDERS,
        )
    finally:
        source.write_text(original)
    assert _executed_spawns(log) == [
        ("GoCompilePkg", "//pricing:pricing"),
        ("GoInstrument", "//pricing:pricing"),
        ("GoLink", "//cmd/orders:orders"),
        # The facts read the instrumented archives' export data, which this edit leaves
        # as it was: cmd/orders' facts stay cached (no original compile is needed).
        ("GoTypeFacts", "//pricing:pricing"),
    ]


def test_rule_change_without_effect_keeps_compiles_cached(
    app: Workspace, built: Built, tmp_path: Path
) -> None:
    profile = ("--@rules_go_instrument//rules:profile=//profiles:extended",)
    app.bazel("build", *TRACE, *profile, "--output_groups=instrumented", ORDERS)
    rules = app.root / "profiles/extra.yaml"
    original = rules.read_text()
    log = tmp_path / "exec.json"
    try:
        rules.write_text(original + f"  # edit {uuid.uuid4().hex}\n")
        app.bazel(
            "build",
            *TRACE,
            *profile,
            "--output_groups=instrumented",
            f"--execution_log_json_file={log}",
            ORDERS,
        )
    finally:
        rules.write_text(original)
    executed = _executed_spawns(log)
    # The profile's interface list is made again (the same bytes): no GoTypeFacts reruns.
    assert ("GoInstrumentInterfaces", "//profiles:extended") in executed
    executed.remove(("GoInstrumentInterfaces", "//profiles:extended"))
    assert {mnemonic for mnemonic, _ in executed} == {"GoInstrument"}
    assert {label for _, label in executed} == {
        "//cmd/orders:orders",
        "//pricing:pricing",
        "//store:store",
    }


def test_instrumenter_runs_as_a_persistent_worker(
    app: Workspace, built: Built, tmp_path: Path
) -> None:
    log = tmp_path / "exec.json"
    # An edit of a rule file (new bytes each run) makes every GoInstrument run
    # again, so the log shows which runner executed them.
    profile = ("--@rules_go_instrument//rules:profile=//profiles:extended",)
    rules = app.root / "profiles/extra.yaml"
    original = rules.read_text()
    try:
        rules.write_text(original + f"  # worker {uuid.uuid4().hex}\n")
        app.bazel("build", *TRACE, *profile, f"--execution_log_json_file={log}", ORDERS)
    finally:
        rules.write_text(original)
    runners = {
        spawn["runner"]
        for spawn in json_stream(log.read_text())
        if spawn["mnemonic"] == "GoInstrument" and not spawn.get("cacheHit")
    }
    assert runners == {"worker"}


def test_advice_importing_what_the_profile_lacks_fails_at_the_rule(app: Workspace) -> None:
    result = app.bazel(
        "build",
        *TRACE,
        "--@rules_go_instrument//rules:profile=//profiles:unprovided",
        "--output_groups=instrumented",
        ORDERS,
        check=False,
    )
    assert result.returncode != 0
    assert (
        "profiles/unprovided.yaml:2:5: rules[0].imports.missing: injects import "
        "'example.com/not/in/the/profile', which the profile's runtime does not provide"
    ) in result.stderr
