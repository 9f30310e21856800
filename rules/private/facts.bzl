"""GoTypeFacts: type facts of one Go package for the instrumenter (tools/gofacts).

The nogo pattern: go/types over the package's original sources, importing its
direct dependencies from the export data rules_go writes for their compiles
(GoArchive.data.export_file) and the standard library from the compiled
stdlib. The dependencies are the instrumented archives the package is compiled
against anyway: taking the original ones instead would compile every package a
second time in an instrumented build. Their types are the original ones plus
whatever advice added (which the original sources never refer to). Only
instrumented builds declare it, so a plain build never runs it; it is cached
per package like any action, and reruns when a direct dependency's export data
changes.
"""

def _arc(archive):
    # rules_go's builder form: importpath[:alias...]=importmap=file.
    data = archive.data
    export = data.export_file if data.export_file else data.file
    return "{}={}={}".format(
        ":".join([data.importpath] + list(data.importpath_aliases)),
        data.importmap,
        export.path,
    )

def _export(archive):
    return archive.data.export_file if archive.data.export_file else archive.data.file

def _stdlib_dir(go):
    root = go.stdlib.root_file
    if root.is_directory:  # a stdlib rules_go compiled: GOROOT/pkg itself
        return root.path
    return root.dirname + "/pkg"  # an SDK with precompiled packages

def emit_type_facts(ctx, go, source, *, deps, interfaces, gofacts, go_srcs, out_dir):
    """Declares the GoTypeFacts action of one package.

    Args:
        ctx: the aspect context.
        go: rules_go context of the target.
        source: GoInfo of the package as rules_go compiled it.
        deps: the GoArchives of its direct dependencies (instrumented or not).
        interfaces: File listing the interfaces the profile's type filters
            name (InstrumentationProfileInfo.interfaces), or None.
        gofacts: FilesToRunProvider of //tools/gofacts.
        go_srcs: the .go Files the instrumenter rewrites (the facts' keys).
        out_dir: directory (relative to the package) of the output.

    Returns:
        The facts File (JSON, tools/gofacts/README.md).
    """
    out = ctx.actions.declare_file(out_dir + "/facts.json")
    args = ctx.actions.args()
    args.use_param_file("@%s", use_always = True)
    args.set_param_file_format("multiline")
    args.add("-importpath", source.importpath)
    args.add("-o", out)
    args.add("-goos", go.mode.goos)
    args.add("-goarch", go.mode.goarch)
    args.add("-cgo=" + ("false" if go.mode.pure else "true"))
    # The constraints rules_go's builder applies: the user's tags, and `race`
    # under --@rules_go//go/config:race.
    tags = list(go.mode.tags) + (["race"] if go.mode.race else [])
    if tags:
        args.add_joined("-tags", tags, join_with = ",")
    args.add("-stdlib", _stdlib_dir(go))
    args.add_all(deps, before_each = "-arc", map_each = _arc)
    if interfaces:
        args.add("-interfaces", interfaces)
    args.add_all(go_srcs)
    ctx.actions.run(
        executable = gofacts,
        arguments = [args],
        inputs = depset(
            go_srcs + [_export(dep) for dep in deps] + ([interfaces] if interfaces else []),
            transitive = [go.stdlib.libs],
        ),
        outputs = [out],
        mnemonic = "GoTypeFacts",
        progress_message = "Type facts of Go package %{label}",
    )
    return out
