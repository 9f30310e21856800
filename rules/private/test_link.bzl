"""go_test: instrument the internal and external test packages, rebuild testmain, relink.

Mirrors rules_go's _go_test_impl: the test binary is testmain + the external
test package (`foo_test`) + the internal one (`foo` with its _test.go files),
which is passed to the linker as a test archive.
"""

load(":go_compile.bzl", "link", "recompile")
load(":instrument_package.bzl", "instrument_package")

_RUN_DIR_X_DEF = "+initfirst/github.com/bazelbuild/rules_go/go/tools/bzltestutil/chdir.RunDir="

def _is_own_archive(archive, label, testfilter):
    # A go_test's own archives all carry its label; the test filter tells them apart.
    return archive.data.label == label and getattr(archive.source, "testfilter", None) == testfilter

def _find_test_archive(archives, label, testfilter):
    for archive in archives:
        if _is_own_archive(archive, label, testfilter):
            return archive
    fail("rules_go_instrument: {} has no {} test archive; is this rules_go's go_test?".format(label, testfilter))

def _run_dir(ctx):
    repo_relative = getattr(ctx.rule.attr, "rundir", "") or ctx.label.package or "."
    if ctx.label.workspace_name:
        return "../{}/{}".format(ctx.label.workspace_name, repo_relative)
    return repo_relative

def instrument_test(ctx, go, testmain, *, profile, dep_archive):
    """Instruments a go_test target whose GoArchive is `testmain`.

    Returns:
        struct(archive, rewrites, executable).
    """
    external = _find_test_archive(testmain.source.deps, ctx.label, "only")
    internal = _find_test_archive(external.source.deps, ctx.label, "exclude")

    internal_pkg = instrument_package(
        ctx,
        go,
        internal.source,
        profile = profile,
        dep_archive = dep_archive,
        out_dir = ctx.label.name + "_instr_internal",
    )

    def external_dep(dep):
        if _is_own_archive(dep, ctx.label, "exclude"):
            return internal_pkg.archive
        return dep_archive(dep)

    external_pkg = instrument_package(
        ctx,
        go,
        external.source,
        profile = profile,
        dep_archive = external_dep,
        out_dir = ctx.label.name + "_instr_external",
        only_test_files = True,
    )

    def testmain_dep(dep):
        if _is_own_archive(dep, ctx.label, "only"):
            return external_pkg.archive
        return external_dep(dep)

    archive = recompile(
        go,
        testmain.source,
        srcs = testmain.source.srcs,
        deps = [testmain_dep(dep) for dep in testmain.source.deps],
    )
    executable = ctx.actions.declare_file(ctx.label.name + "_instrumented")
    link(
        go,
        archive,
        executable = executable,
        test_archives = [internal_pkg.archive.data],
        gc_linkopts = getattr(ctx.rule.attr, "gc_linkopts", []) + [
            "-X",
            _RUN_DIR_X_DEF + _run_dir(ctx),
            "-X",
            "testing.testBinary=1",
        ],
        version_file = ctx.version_file,
        info_file = ctx.info_file,
    )
    return struct(
        archive = archive,
        rewrites = [internal_pkg.rewrite, external_pkg.rewrite],
        executable = executable,
    )
