"""go_instrumented_binary / go_instrumented_test: `bazel run` and `bazel test` on instrumented code."""

load(":instrument.bzl", "trace")
load(":providers.bzl", "InstrumentationProfileInfo")

_PROFILE_FLAG = "//rules:profile"

def _profile_transition_impl(settings, attr):
    if not attr.profile:
        return {_PROFILE_FLAG: settings[_PROFILE_FLAG]}
    return {_PROFILE_FLAG: str(attr.profile)}

# Applying another profile is a configuration change, so the aspect (whose
# _profile attr reads the label_flag) sees it without a parameter of its own.
_profile_transition = transition(
    implementation = _profile_transition_impl,
    inputs = [_PROFILE_FLAG],
    outputs = [_PROFILE_FLAG],
)

def _instrumented_executable_impl(ctx):
    target = ctx.attr.target[0]
    instrumented = target[OutputGroupInfo].instrumented.to_list()
    if len(instrumented) != 1:
        fail("{} has no instrumented executable: is it a go_binary or go_test?".format(target.label))
    executable = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = executable, target_file = instrumented[0], is_executable = True)
    runfiles = ctx.runfiles(files = [executable]).merge(target[DefaultInfo].default_runfiles)
    providers = [DefaultInfo(executable = executable, files = depset([executable]), runfiles = runfiles)]

    # `bazel build --output_groups=instrument_report :name` shows what the profile
    # rewrote in this executable (its <name>_instrumented.report.json summary).
    groups = {
        group: getattr(target[OutputGroupInfo], group)
        for group in ("instrument_report", "instrument_srcs", "instrument_map")
        if hasattr(target[OutputGroupInfo], group)
    }
    providers.append(OutputGroupInfo(**groups))
    if RunEnvironmentInfo in target:
        providers.append(target[RunEnvironmentInfo])
    if InstrumentedFilesInfo in target:
        # `bazel coverage` collects LCOV only from tests that name their sources.
        providers.append(target[InstrumentedFilesInfo])
    return providers

def _instrumented_rule(test):
    return rule(
        implementation = _instrumented_executable_impl,
        attrs = {
            "target": attr.label(
                mandatory = True,
                aspects = [trace],
                cfg = _profile_transition,
            ),
            "profile": attr.label(
                providers = [InstrumentationProfileInfo],
                doc = "instrumentation_profile to apply; default: the //rules:profile flag.",
            ),
        },
        executable = not test,
        test = test,
    )

_go_instrumented_binary = _instrumented_rule(test = False)
_go_instrumented_test = _instrumented_rule(test = True)

def go_instrumented_binary(name, binary, profile = None, **kwargs):
    """`bazel run`-able instrumented build of a go_binary.

    Args:
        name: name of the target; `bazel run :name` runs the instrumented executable.
        binary: label of the go_binary to instrument (the `trace` aspect applies to it).
        profile: label of an instrumentation_profile; default: the
            `@rules_go_instrument//rules:profile` flag (`//aspects:trace`).
        **kwargs: common rule attributes (tags, visibility, ...).
    """
    _go_instrumented_binary(name = name, target = binary, profile = profile, **kwargs)

def go_instrumented_test(name, test, profile = None, **kwargs):
    """`bazel test`-able instrumented build of a go_test.

    Its `instrument_report`, `instrument_srcs` and `instrument_map` output groups are
    the instrumented test's (`<test>_instrumented.report.json` summarizes what the
    profile rewrote). The go_test may be in another repository (a module's own tests).

    Args:
        name: name of the test target; `bazel test :name` runs the instrumented test.
        test: label of the go_test to instrument (internal and external test packages).
        profile: label of an instrumentation_profile; default: the
            `@rules_go_instrument//rules:profile` flag (`//aspects:trace`).
        **kwargs: common test attributes (size, tags, env, ...).
    """
    _go_instrumented_test(name = name, target = test, profile = profile, **kwargs)
