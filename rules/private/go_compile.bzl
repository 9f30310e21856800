"""Recompile and relink Go packages with rules_go's own toolchain API.

With test_link.bzl, the only file that touches rules_go internals (see README,
"rules_go internals relied on"): go_context with the rule's _go_context_data,
GoInfo copied with new srcs/deps, go.archive(..., _recompile_suffix), go.link.
"""

load("@bazel_skylib//lib:structs.bzl", "structs")
load("@rules_go//go:def.bzl", "GoInfo", "go_context")

_RECOMPILE_SUFFIX = "_instr"

def _rule_ctx(ctx):
    # rules_go reads ctx.attr.tags while compiling ("local", "no-nogo"); in an
    # aspect ctx.attr holds the aspect's attrs, so forward the rule's tags.
    return struct(
        actions = ctx.actions,
        attr = struct(tags = getattr(ctx.rule.attr, "tags", [])),
        configuration = ctx.configuration,
        coverage_instrumented = ctx.coverage_instrumented,
        label = ctx.label,
        runfiles = ctx.runfiles,
        toolchains = ctx.toolchains,
        expand_location = ctx.expand_location,
        expand_make_variables = ctx.expand_make_variables,
    )

def go_for_target(ctx, source):
    """The rules_go context that compiled `source`, for the aspect's actions."""
    return go_context(
        _rule_ctx(ctx),
        attr = ctx.rule.attr,
        include_deprecated_properties = False,
        importpath = source.importpath,
        importmap = source.importmap,
        embed = [],
        go_context_data = ctx.rule.attr._go_context_data,
    )

def recompile(go, source, *, srcs, deps, embedsrcs = None, cover = None):
    """Compiles `source` again from `srcs` against `deps` (GoArchives)."""
    fields = structs.to_dict(source)
    fields["srcs"] = srcs
    fields["deps"] = deps
    if embedsrcs != None:
        fields["embedsrcs"] = embedsrcs
    if cover != None:
        fields["cover"] = cover
    return go.archive(go, GoInfo(**fields), _recompile_suffix = _RECOMPILE_SUFFIX)

def link(go, archive, *, executable, gc_linkopts, version_file, info_file, test_archives = []):
    go.link(
        go,
        archive = archive,
        test_archives = test_archives,
        executable = executable,
        gc_linkopts = gc_linkopts,
        version_file = version_file,
        info_file = info_file,
    )
