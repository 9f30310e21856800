"""Recompile and relink Go packages with rules_go's own toolchain API.

With test_link.bzl and rules_go_compat.bzl (where the differences between
rules_go versions live), the only files that touch rules_go internals (see
README, "rules_go internals relied on"): go_context with the rule's
_go_context_data, GoInfo copied with new srcs/deps,
go.archive(..., _recompile_suffix), go.link.
"""

load("@bazel_skylib//lib:structs.bzl", "structs")
load("@rules_go//go:def.bzl", "GoInfo")
load(":rules_go_compat.bzl", "go_context_for_aspect")

_RECOMPILE_SUFFIX = "_instr"

def go_for_target(ctx, source):
    """The rules_go context that compiled `source`, for the aspect's actions."""
    return go_context_for_aspect(ctx, source)

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
