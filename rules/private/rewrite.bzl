"""The instrumenter's actions: GoInstrument (one package) and GoInstrumentSummary (one binary)."""

# Both run in the instrumenter's persistent worker (JSON protocol) when the
# strategy allows, else as a plain process reading the same flag file.
_WORKER_REQUIREMENTS = {
    "requires-worker-protocol": "json",
    "supports-workers": "1",
}

def _flag_file_args(ctx):
    args = ctx.actions.args()
    args.use_param_file("@%s", use_always = True)
    args.set_param_file_format("multiline")
    return args

def go_srcs_to_rewrite(srcs, only_test_files):
    """The .go files of `srcs` the instrumenter rewrites (see emit_go_instrument)."""
    return [
        src
        for src in srcs
        if src.extension == "go" and (not only_test_files or src.basename.endswith("_test.go"))
    ]

def emit_go_instrument(ctx, *, instrumenter, importpath, srcs, rule_files, provided_imports, out_dir, only_test_files = False, facts = None):
    """Declares the rewrite of one Go package.

    Args:
        ctx: the aspect context.
        instrumenter: FilesToRunProvider of //tools/instrument:instrument.
        importpath: the package's import path (package join points match it).
        srcs: the package's source Files; only .go files are rewritten.
        rule_files: depset of YAML rule files.
        provided_imports: import paths the compile will have as deps; advice
            that injects any other non-std import fails, naming its rule.
        out_dir: directory name (relative to the package) for the outputs.
        only_test_files: rewrite only _test.go files (an external test package,
            whose other sources the compiler filters out).
        facts: the package's GoTypeFacts output (facts.bzl), or None to match
            on syntax alone.

    Returns:
        struct(srcs = sources to compile, in the original order, with each .go
        file replaced by its rewrite; report, source_map, imports = Files;
        facts = the facts File given, or None).
    """
    go_srcs = go_srcs_to_rewrite(srcs, only_test_files)
    rewritten = {}
    for src in go_srcs:
        rewritten[src] = ctx.actions.declare_file("{}/{}".format(out_dir, src.basename))
    report = ctx.actions.declare_file(out_dir + "/report.json")
    source_map = ctx.actions.declare_file(out_dir + "/map.json")
    imports = ctx.actions.declare_file(out_dir + "/imports.txt")

    args = _flag_file_args(ctx)
    args.add("rewrite")
    args.add("--importpath", importpath)
    args.add_all(rule_files, before_each = "--rules")
    for src, out in rewritten.items():
        args.add("--src", "{}={}".format(src.path, out.path))
    args.add("--imports-out", imports)
    args.add("--map-out", source_map)
    args.add("--report-out", report)
    args.add("--only-provided-imports")
    args.add_all(provided_imports, before_each = "--provided-import")
    if facts:
        args.add("--facts", facts)

    ctx.actions.run(
        executable = instrumenter,
        arguments = [args],
        inputs = depset(go_srcs + ([facts] if facts else []), transitive = [rule_files]),
        outputs = list(rewritten.values()) + [report, source_map, imports],
        mnemonic = "GoInstrument",
        progress_message = "Instrumenting Go package %{label}",
        execution_requirements = _WORKER_REQUIREMENTS,
    )
    return struct(
        srcs = [rewritten.get(src, src) for src in srcs],
        report = report,
        source_map = source_map,
        imports = imports,
        facts = facts,
    )

def write_excluded_report(ctx, *, importpath, reason, out_dir):
    """The report of a package the aspect leaves as it is, so summaries can say why."""
    report = ctx.actions.declare_file(out_dir + "/report.json")
    ctx.actions.write(report, json.encode({
        "excluded": reason,
        "importpath": importpath,
        "matches": [],
        "warnings": [],
    }))
    return report

def emit_summary(ctx, *, instrumenter, reports, name):
    """Merges the package reports of one binary or test into <name>.report.{json,txt}."""
    json_out = ctx.actions.declare_file(name + ".report.json")
    text_out = ctx.actions.declare_file(name + ".report.txt")
    args = _flag_file_args(ctx)
    args.add("summarize")
    # One --target=... word: a leading "@" would read as a flag file.
    label = str(ctx.label)
    if not ctx.label.workspace_name:
        label = "//{}:{}".format(ctx.label.package, ctx.label.name)
    args.add("--target=" + label)
    args.add("--json-out", json_out)
    args.add("--text-out", text_out)
    args.add_all(reports)
    ctx.actions.run(
        executable = instrumenter,
        arguments = [args],
        inputs = reports,
        outputs = [json_out, text_out],
        mnemonic = "GoInstrumentSummary",
        progress_message = "Summarizing instrumentation of %{label}",
        execution_requirements = _WORKER_REQUIREMENTS,
    )
    return [json_out, text_out]
