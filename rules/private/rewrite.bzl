"""The GoInstrument action: one package's sources through the instrumenter."""

def emit_go_instrument(ctx, *, instrumenter, importpath, srcs, rule_files, out_dir):
    """Declares the rewrite of one Go package.

    Args:
        ctx: the aspect context.
        instrumenter: FilesToRunProvider of //tools/instrument:instrument.
        importpath: the package's import path (package join points match it).
        srcs: the package's source Files; only .go files are rewritten.
        rule_files: depset of YAML rule files.
        out_dir: directory name (relative to the package) for the outputs.

    Returns:
        struct(srcs = sources to compile, in the original order, with each .go
        file replaced by its rewrite; report, source_map, imports = Files).
    """
    go_srcs = [src for src in srcs if src.extension == "go"]
    rewritten = {}
    for src in go_srcs:
        rewritten[src] = ctx.actions.declare_file("{}/{}".format(out_dir, src.basename))
    report = ctx.actions.declare_file(out_dir + "/report.json")
    source_map = ctx.actions.declare_file(out_dir + "/map.json")
    imports = ctx.actions.declare_file(out_dir + "/imports.txt")

    args = ctx.actions.args()
    args.add("rewrite")
    args.add("--importpath", importpath)
    args.add_all(rule_files, before_each = "--rules")
    for src, out in rewritten.items():
        args.add("--src", "{}={}".format(src.path, out.path))
    args.add("--imports-out", imports)
    args.add("--map-out", source_map)
    args.add("--report-out", report)

    # A persistent worker reads its arguments from the flagfile; without one,
    # the CLI expands the same flagfile itself.
    args.use_param_file("@%s", use_always = True)
    args.set_param_file_format("multiline")

    ctx.actions.run(
        executable = instrumenter,
        arguments = [args],
        inputs = depset(go_srcs, transitive = [rule_files]),
        outputs = list(rewritten.values()) + [report, source_map, imports],
        mnemonic = "GoInstrument",
        progress_message = "Instrumenting Go package %{label}",
        execution_requirements = {
            "requires-worker-protocol": "json",
            "supports-workers": "1",
        },
    )
    return struct(
        srcs = [rewritten.get(src, src) for src in srcs],
        report = report,
        source_map = source_map,
        imports = imports,
    )
