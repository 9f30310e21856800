"""The `trace` aspect: instrument every Go package of a binary or test and relink it.

    bazel build --aspects=@rules_go_instrument//rules:instrument.bzl%trace \\
        --output_groups=instrumented //cmd/server
"""

load("@rules_go//go:def.bzl", "GoArchive")
load("//rules/private:go_compile.bzl", "go_for_target", "link")
load("//rules/private:instrument_package.bzl", "instrument_package")
load("//rules/private:rules_go_compat.bzl", "ASPECT_ATTRS", "ASPECT_FRAGMENTS", "ASPECT_TOOLCHAINS")
load("//rules/private:rewrite.bzl", "emit_summary", "write_excluded_report")
load("//rules/private:test_link.bzl", "instrument_test")
load(":providers.bzl", "GoInstrumentInfo", "InstrumentationProfileInfo")

def _dep_targets(ctx):
    return [
        dep
        for attr in ("deps", "embed")
        for dep in getattr(ctx.rule.attr, attr, [])
        if GoInstrumentInfo in dep
    ]

def _instrumented_archives_by_label(dep_targets):
    by_label = {}
    for dep in dep_targets:
        info = dep[GoInstrumentInfo]
        by_label.update(info.archives_by_label)
        by_label[dep[GoArchive].data.label] = info.archive
    return by_label

def _info(dep_targets, archive, archives_by_label, rewrites, reports = []):
    def merged(field, direct):
        return depset(direct, transitive = [getattr(d[GoInstrumentInfo], field) for d in dep_targets])

    return GoInstrumentInfo(
        archive = archive,
        archives_by_label = archives_by_label,
        reports = merged("reports", reports + [r.report for r in rewrites]),
        srcs = merged("srcs", [f for r in rewrites for f in r.srcs if f.extension == "go"]),
        maps = merged("maps", [r.source_map for r in rewrites]),
        facts = merged("facts", [r.facts for r in rewrites if r.facts]),
    )

def _output_groups(ctx, info, executable):
    groups = {
        "instrument_facts": info.facts,
        "instrument_map": info.maps,
        "instrument_report": info.reports,
        "instrument_srcs": info.srcs,
    }
    if executable:
        groups["instrumented"] = depset([executable])
        summary = emit_summary(
            ctx,
            instrumenter = ctx.attr._instrumenter[DefaultInfo].files_to_run,
            reports = info.reports,
            name = executable.basename,
        )
        groups["instrument_report"] = depset(summary, transitive = [info.reports])
    return OutputGroupInfo(**groups)

def _glob_match(pattern, text):
    """`*` matches any run of characters (`/` included); everything else itself."""
    parts = pattern.split("*")
    if len(parts) == 1:
        return pattern == text
    if not text.startswith(parts[0]) or not text.endswith(parts[-1]):
        return False
    if len(text) < len(parts[0]) + len(parts[-1]):
        return False
    position = len(parts[0])
    end = len(text) - len(parts[-1])
    for part in parts[1:-1]:
        found = text.find(part, position, end)
        if found < 0:
            return False
        position = found + len(part)
    return True

def _opted_out(ctx, importpath, profile):
    """Tag `no-instrument` on the target, or a profile's exclude_packages glob."""
    if "no-instrument" in getattr(ctx.rule.attr, "tags", []):
        return True
    return any([_glob_match(p, importpath) for p in getattr(profile, "exclude_packages", [])])

def _trace_aspect_impl(target, ctx):
    if GoArchive not in target:
        return []
    original = target[GoArchive]
    profile = ctx.attr._profile[InstrumentationProfileInfo]
    dep_targets = _dep_targets(ctx)
    archives_by_label = _instrumented_archives_by_label(dep_targets)

    # The runtime's own closure keeps its original archives: one copy of each
    # package in the final link, and no package instrumented with itself.
    if ctx.label in profile.runtime_labels:
        excluded = write_excluded_report(
            ctx,
            importpath = original.source.importpath,
            reason = "in the closure of the injected runtime",
            out_dir = ctx.label.name + "_instr_srcs",
        )
        return [_info(dep_targets, original, archives_by_label, [], [excluded])]

    # Opted out: recompiled (its deps are instrumented) with an empty rule set.
    if _opted_out(ctx, original.source.importpath, profile):
        profile = struct(
            rule_files = depset([ctx.file._no_rules]),
            interfaces = profile.interfaces,
            runtime_archives = profile.runtime_archives,
            runtime_labels = profile.runtime_labels,
            exclude_packages = profile.exclude_packages,
            type_facts = False,  # no rule to match: no GoTypeFacts action
        )

    def dep_archive(dep):
        return archives_by_label.get(dep.data.label, dep)

    go = go_for_target(ctx, original.source)
    executable = None
    if ctx.rule.kind == "go_test":
        result = instrument_test(ctx, go, original, profile = profile, dep_archive = dep_archive)
        archive, rewrites, executable = result.archive, result.rewrites, result.executable
    else:
        package = instrument_package(
            ctx,
            go,
            original.source,
            profile = profile,
            dep_archive = dep_archive,
            out_dir = ctx.label.name + "_instr_srcs",
        )
        archive, rewrites = package.archive, [package.rewrite]
        if original.source.is_main:
            executable = ctx.actions.declare_file(ctx.label.name + "_instrumented")
            link(
                go,
                archive,
                executable = executable,
                gc_linkopts = getattr(ctx.rule.attr, "gc_linkopts", []),
                version_file = ctx.version_file,
                info_file = ctx.info_file,
            )

    info = _info(dep_targets, archive, archives_by_label, rewrites)
    return [info, _output_groups(ctx, info, executable)]

trace = aspect(
    implementation = _trace_aspect_impl,
    doc = """Rewrites every Go package reachable through deps/embed and relinks binaries and tests.

The profile applied is the `@rules_go_instrument//rules:profile` label_flag
(default `//aspects:trace`). Output groups: `instrumented` (executables of
go_binary / go_test), `instrument_report`, `instrument_srcs`, `instrument_map`,
`instrument_facts` (the type facts the rules matched on).
Requires rules_go 0.57.0 to 0.62.x.""",
    attr_aspects = ["deps", "embed"],
    attrs = {
        "_gofacts": attr.label(
            default = "//tools/gofacts",
            executable = True,
            cfg = "exec",
            doc = "Writes each package's type facts (tools/gofacts, the GoTypeFacts action).",
        ),
        "_instrumenter": attr.label(
            default = "//tools/instrument:instrument",
            executable = True,
            cfg = "exec",
        ),
        "_no_rules": attr.label(
            default = "//rules/private:no_rules.yaml",
            allow_single_file = True,
        ),
        "_profile": attr.label(
            default = "//rules:profile",
            providers = [InstrumentationProfileInfo],
        ),
    } | ASPECT_ATTRS,
    fragments = ASPECT_FRAGMENTS,
    # rules_go 0.60 advertises GoInfo on go_library but nothing on go_binary,
    # so required_providers cannot select Go targets: the implementation does.
    toolchains = ASPECT_TOOLCHAINS,
)
