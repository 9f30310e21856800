"""One Go package through the instrumenter and the compiler again."""

load(":go_compile.bzl", "recompile")
load(":facts.bzl", "emit_type_facts")
load(":rewrite.bzl", "emit_go_instrument", "go_srcs_to_rewrite")

def instrument_package(ctx, go, source, *, profile, dep_archive, out_dir, only_test_files = False):
    """Rewrites `source` with the profile's rules and compiles the result.

    Args:
        ctx: the aspect context.
        go: rules_go context of the target.
        source: GoInfo of the package as rules_go compiled it.
        profile: InstrumentationProfileInfo.
        dep_archive: function GoArchive -> GoArchive giving a dependency's
            instrumented archive (or the dependency itself).
        out_dir: where the rewritten sources go, relative to the package.
        only_test_files: see emit_go_instrument.

    Returns:
        struct(archive = the instrumented GoArchive, rewrite = emit_go_instrument's result).
    """
    # Whatever the rewrite injects must resolve: every package is compiled
    # against the profile's runtime too (an unused dependency costs nothing).
    direct = [dep_archive(dep) for dep in source.deps]
    deps = list(direct)
    present = {dep.data.importpath: True for dep in deps}
    deps += [a for a in profile.runtime_archives if a.data.importpath not in present]

    facts = None
    gofacts = getattr(ctx.attr, "_gofacts", None)
    if gofacts and getattr(profile, "type_facts", True) and go.stdlib:
        facts = emit_type_facts(
            ctx,
            go,
            source,
            deps = direct,
            interfaces = getattr(profile, "interfaces", None),
            gofacts = gofacts[DefaultInfo].files_to_run,
            go_srcs = go_srcs_to_rewrite(source.srcs, only_test_files),
            out_dir = out_dir,
        )
    rewrite = emit_go_instrument(
        ctx,
        instrumenter = ctx.attr._instrumenter[DefaultInfo].files_to_run,
        importpath = source.importpath,
        srcs = source.srcs,
        rule_files = profile.rule_files,
        provided_imports = sorted([dep.data.importpath for dep in deps]),
        out_dir = out_dir,
        only_test_files = only_test_files,
        facts = facts,
    )
    embedsrcs = _mirror_embedsrcs(ctx, source.embedsrcs, out_dir)
    return struct(
        archive = recompile(
            go,
            source,
            srcs = rewrite.srcs,
            deps = deps,
            embedsrcs = embedsrcs,
            cover = _rewritten_cover(source, rewrite.srcs),
        ),
        rewrite = rewrite,
    )

def _rewritten_cover(source, rewritten_srcs):
    """Under coverage, rules_go instruments the files in `cover`: the rewritten ones now."""
    cover = source.cover.to_list()
    if not cover:
        return source.cover
    rewritten = dict(zip(source.srcs, rewritten_srcs))
    return depset([rewritten.get(src, src) for src in cover])

def _mirror_embedsrcs(ctx, embedsrcs, out_dir):
    """Links embedded files next to the rewritten sources.

    rules_go resolves //go:embed patterns relative to the directory of the Go
    file, which is now out_dir: the files must appear there at the same
    package-relative paths.
    """
    if not embedsrcs:
        return embedsrcs
    package_prefix = ctx.label.package + "/" if ctx.label.package else ""
    if ctx.label.workspace_name:
        package_prefix = "../{}/{}".format(ctx.label.workspace_name, package_prefix)
    mirrored = []
    for src in embedsrcs:
        if not src.short_path.startswith(package_prefix):
            fail("{}: embedded file {} is outside the package".format(ctx.label, src.short_path))
        path = "{}/{}".format(out_dir, src.short_path[len(package_prefix):])
        link = ctx.actions.declare_directory(path) if src.is_directory else ctx.actions.declare_file(path)
        ctx.actions.symlink(output = link, target_file = src)
        mirrored.append(link)
    return mirrored
