"""Each third-party go_test three ways: plain, instrumented with the trace profile and
instrumented with the stress profile."""

load("@rules_go_instrument//rules:defs.bzl", "go_instrumented_test")

PROFILES = {
    "trace": "@rules_go_instrument//aspects:trace",
    "stress": "@rules_go_instrument//aspects:stress",
}

def _plain_test_impl(ctx):
    # The go_test's own executable under a name of ours, so that it gets `args`
    # (skips) like the instrumented variants; no aspect, no rewrite.
    target = ctx.attr.test
    executable = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(
        output = executable,
        target_file = target[DefaultInfo].files_to_run.executable,
        is_executable = True,
    )
    runfiles = ctx.runfiles(files = [executable]).merge(target[DefaultInfo].default_runfiles)
    providers = [DefaultInfo(executable = executable, runfiles = runfiles)]
    if RunEnvironmentInfo in target:
        providers.append(target[RunEnvironmentInfo])
    return providers

_plain_test = rule(
    implementation = _plain_test_impl,
    doc = "Runs a go_test as it is, with the `args` of this target.",
    attrs = {"test": attr.label(mandatory = True, doc = "the go_test to run.")},
    test = True,
)

def _skip_args(names):
    # `go test -skip`: a top-level test matching the regexp does not run.
    if not names:
        return []
    return ["-test.skip=^(" + "|".join(names) + ")$$"]

def module_tests(name, tests, skip = {}):
    """test_suites `<name>_plain`, `<name>_trace`, `<name>_stress` over a module's go_tests.

    Args:
        name: short name of the module.
        tests: dict from a short test name to the label of a go_test in the module's
            external repository; `<short>_test_<profile>` runs it with that profile.
        skip: dict from "<short>" (every variant) or "<short>_<profile>" (one variant)
            to the top-level test functions it skips (README, "Real-world check").
    """
    for profile in ["plain"] + PROFILES.keys():
        variants = []
        for short, test in tests.items():
            variant = "{}_test_{}".format(short, profile)
            args = _skip_args(skip.get(short, []) + skip.get(short + "_" + profile, []))
            if profile == "plain":
                _plain_test(name = variant, test = test, args = args)
            else:
                go_instrumented_test(name = variant, test = test, profile = PROFILES[profile], args = args)
            variants.append(":" + variant)
        native.test_suite(name = "{}_{}".format(name, profile), tests = variants)
