"""instrumentation_profile: rule files plus the Go libraries their advice may inject."""

load("@rules_go//go:def.bzl", "GoArchive")
load(":providers.bzl", "InstrumentationProfileInfo")

def _instrumentation_profile_impl(ctx):
    runtime_archives = [dep[GoArchive] for dep in ctx.attr.runtime]
    runtime_labels = {
        data.label: True
        for data in depset(transitive = [a.transitive for a in runtime_archives]).to_list()
    }
    rule_files = depset(ctx.files.rules, order = "preorder")

    # The interfaces the rules' type filters name: every GoTypeFacts action
    # computes its implements lists for them. A rule edit that changes none
    # leaves this file, and so every facts action, as it was.
    interfaces = ctx.actions.declare_file(ctx.label.name + ".interfaces.txt")
    args = ctx.actions.args()
    args.add("interfaces")
    args.add("--out", interfaces)
    args.add_all(rule_files)
    ctx.actions.run(
        executable = ctx.executable._instrumenter,
        arguments = [args],
        inputs = rule_files,
        outputs = [interfaces],
        mnemonic = "GoInstrumentInterfaces",
        progress_message = "Listing the interfaces of profile %{label}",
    )
    return [InstrumentationProfileInfo(
        rule_files = rule_files,
        interfaces = interfaces,
        runtime_archives = runtime_archives,
        runtime_labels = runtime_labels,
        exclude_packages = ctx.attr.exclude_packages,
    )]

instrumentation_profile = rule(
    implementation = _instrumentation_profile_impl,
    doc = """A named set of instrumentation rule files.

Every Go package the aspect rewrites is compiled against `runtime` as well, so
injected imports are real graph edges. Packages inside the closure of `runtime`
are never rewritten: that would make the runtime depend on itself.""",
    attrs = {
        "rules": attr.label_list(
            allow_files = [".yaml", ".yml"],
            mandatory = True,
            doc = "YAML rule files (see //aspects:schema.json).",
        ),
        "exclude_packages": attr.string_list(
            doc = """Import-path globs (`*` matches any run of characters, e.g.
            `example.com/app/internal/*`) of packages that get no rules: they are
            still recompiled against their instrumented dependencies, unchanged.""",
        ),
        "runtime": attr.label_list(
            providers = [GoArchive],
            doc = "go_library targets whose import paths the rules' advice may add.",
        ),
        "_instrumenter": attr.label(
            default = "//tools/instrument:instrument",
            executable = True,
            cfg = "exec",
        ),
    },
    provides = [InstrumentationProfileInfo],
)
