"""The `trace` aspect: instrument every Go package of a binary and relink it.

    bazel build --aspects=@rules_go_instrument//rules:instrument.bzl%trace \\
        --output_groups=instrumented //cmd/server
"""

load("@rules_go//go:def.bzl", "GoArchive")
load("//rules/private:go_compile.bzl", "go_for_target", "link", "recompile")
load("//rules/private:rewrite.bzl", "emit_go_instrument")
load(":providers.bzl", "GoInstrumentInfo", "InstrumentationProfileInfo")

_EXECUTABLE_KINDS = ("go_binary",)

def _dep_targets(ctx):
    return [
        dep
        for attr in ("deps", "embed")
        for dep in getattr(ctx.rule.attr, attr, [])
        if GoInstrumentInfo in dep
    ]

def _instrumented_dep_archives(dep_targets):
    by_label = {}
    for dep in dep_targets:
        info = dep[GoInstrumentInfo]
        by_label.update(info.archives_by_label)
        by_label[dep[GoArchive].data.label] = info.archive
    return by_label

def _merged(dep_targets, field, direct = []):
    return depset(direct, transitive = [getattr(dep[GoInstrumentInfo], field) for dep in dep_targets])

def _trace_aspect_impl(target, ctx):
    original = target[GoArchive]
    source = original.source
    profile = ctx.attr._profile[InstrumentationProfileInfo]
    dep_targets = _dep_targets(ctx)
    archives_by_label = _instrumented_dep_archives(dep_targets)

    # The runtime's own closure keeps its original archives: one copy of each
    # package in the final link, and no package instrumented with itself.
    if ctx.label in profile.runtime_labels:
        return [GoInstrumentInfo(
            archive = original,
            archives_by_label = archives_by_label,
            reports = _merged(dep_targets, "reports"),
            srcs = _merged(dep_targets, "srcs"),
            maps = _merged(dep_targets, "maps"),
        )]

    rewrite = emit_go_instrument(
        ctx,
        instrumenter = ctx.attr._instrumenter[DefaultInfo].files_to_run,
        importpath = source.importpath,
        srcs = source.srcs,
        rule_files = profile.rule_files,
        out_dir = "{}_instr_srcs".format(ctx.label.name),
    )
    deps = [archives_by_label.get(dep.data.label, dep) for dep in source.deps]
    dep_labels = {dep.data.label: True for dep in deps}
    deps += [a for a in profile.runtime_archives if a.data.label not in dep_labels]

    go = go_for_target(ctx, source)
    archive = recompile(go, source, srcs = rewrite.srcs, deps = deps)

    output_groups = {}
    if ctx.rule.kind in _EXECUTABLE_KINDS:
        executable = ctx.actions.declare_file("{}_instrumented".format(ctx.label.name))
        link(
            go,
            archive,
            executable = executable,
            gc_linkopts = getattr(ctx.rule.attr, "gc_linkopts", []),
            version_file = ctx.version_file,
            info_file = ctx.info_file,
        )
        output_groups["instrumented"] = depset([executable])

    info = GoInstrumentInfo(
        archive = archive,
        archives_by_label = archives_by_label,
        reports = _merged(dep_targets, "reports", [rewrite.report]),
        srcs = _merged(dep_targets, "srcs", [f for f in rewrite.srcs if f.extension == "go"]),
        maps = _merged(dep_targets, "maps", [rewrite.source_map]),
    )
    output_groups["instrument_report"] = info.reports
    output_groups["instrument_srcs"] = info.srcs
    output_groups["instrument_map"] = info.maps
    return [info, OutputGroupInfo(**output_groups)]

trace = aspect(
    implementation = _trace_aspect_impl,
    doc = "Rewrites every Go package reachable through deps/embed and relinks binaries.",
    attr_aspects = ["deps", "embed"],
    required_providers = [GoArchive],
    attrs = {
        "_instrumenter": attr.label(
            default = "//tools/instrument:instrument",
            executable = True,
            cfg = "exec",
        ),
        "_profile": attr.label(
            default = "//rules:profile",
            providers = [InstrumentationProfileInfo],
        ),
    },
    toolchains = ["@rules_go//go:toolchain"],
    provides = [GoInstrumentInfo],
)
