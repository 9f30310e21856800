"""Everything that differs between the rules_go versions this module supports.

Supported: rules_go 0.57.0 to 0.62.x. The differences that matter to the aspect:

- 0.57 puts a transition on go_binary's `_go_context_data`, so the aspect sees
  a one-element list there; 0.58+ moved the transition to the rule.
- 0.61 removed `cgo_context_data`: `go_context` computes the C toolchain
  context itself from its `ctx`, reading `ctx.attr._pure_flag`,
  `ctx.attr._pure_constraint`, the `apple`/`cpp` fragments and the optional C++
  toolchain. The aspect declares those (`ASPECT_ATTRS`, `ASPECT_FRAGMENTS`,
  `ASPECT_TOOLCHAINS`; the same as rules_go's private CGO_ATTRS), and
  `go_context` gets the real aspect ctx; older versions ignore them.
- All versions read `go._ctx.attr.tags` while compiling, which an aspect's
  `ctx.attr` does not have: the returned context carries a stand-in.
- 0.62 reads nogo from the rule's `_nogo` attr, older ones from
  `_go_context_data`.

rules_go does not know its own version (`RULES_GO_VERSION` in go/def.bzl is
stale), so `@rgi_rules_go_version` reads it from rules_go's MODULE.bazel
(which the Bazel Central Registry stamps); a rules_go from a git or archive
override has none, or the placeholder "0.0.0", and is not checked.
"""

load("@bazel_skylib//lib:structs.bzl", "structs")
load("@rgi_rules_go_version//:version.bzl", "RULES_GO_VERSION")
load("@rules_go//go:def.bzl", "go_context")

OLDEST_SUPPORTED = (0, 57)
NEWEST_SUPPORTED = (0, 62)

_CPP_TOOLCHAIN_TYPE = "@bazel_tools//tools/cpp:toolchain_type"

ASPECT_ATTRS = {
    "_pure_flag": attr.label(default = Label("@rules_go//go/config:pure")),
    "_pure_constraint": attr.label(default = Label("@rules_go//go/toolchain:cgo_off")),
    "_xcode_config": attr.label(
        default = configuration_field(fragment = "apple", name = "xcode_config_label"),
    ),
}

ASPECT_FRAGMENTS = ["apple", "cpp"]

ASPECT_TOOLCHAINS = [
    "@rules_go//go:toolchain",
    # Optional as in rules_go: pure and cross builds need no C++ toolchain.
    config_common.toolchain_type(_CPP_TOOLCHAIN_TYPE, mandatory = False),
]

def _parse_version(version):
    parts = version.split(".")
    if len(parts) < 2 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    return (int(parts[0]), int(parts[1]))

def _range_text():
    return "{}.{}.0 to {}.{}.x".format(
        OLDEST_SUPPORTED[0],
        OLDEST_SUPPORTED[1],
        NEWEST_SUPPORTED[0],
        NEWEST_SUPPORTED[1],
    )

def unsupported_rules_go_message(version):
    """The error for `version` of rules_go, or None where it is supported or unknown.

    Args:
        version: rules_go's version string, "" when unknown.

    Returns:
        A one-line error message, or None.
    """
    parsed = _parse_version(version)

    # "0.0.0" is the placeholder in some releases' own MODULE.bazel: unknown.
    if parsed == None or parsed == (0, 0) or (parsed >= OLDEST_SUPPORTED and parsed <= NEWEST_SUPPORTED):
        return None
    return ("rules_go_instrument supports rules_go {}, but this build resolved rules_go {}; " +
            "pin a supported one with bazel_dep(name = \"rules_go\", version = ...) in your " +
            "MODULE.bazel").format(_range_text(), version)

def check_rules_go_version():
    """Fails analysis with one clear line when the resolved rules_go is outside the range."""
    message = unsupported_rules_go_message(RULES_GO_VERSION)
    if message:
        fail(message)

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

def _go_context_data(rule_attr):
    data = rule_attr._go_context_data
    if type(data) == "list":  # rules_go 0.57: an attr-level transition
        return data[0]
    return data

def go_context_for_aspect(ctx, source):
    """The rules_go context that compiled `source`, for the aspect's own actions.

    Args:
        ctx: the aspect's ctx (with ASPECT_ATTRS, ASPECT_FRAGMENTS, ASPECT_TOOLCHAINS).
        source: the target's GoInfo.

    Returns:
        rules_go's go_context struct.
    """
    check_rules_go_version()
    go = go_context(
        ctx,
        attr = ctx.rule.attr,
        include_deprecated_properties = False,
        importpath = source.importpath,
        importmap = source.importmap,
        embed = [],
        go_context_data = _go_context_data(ctx.rule.attr),
    )
    fields = structs.to_dict(go)
    fields["_ctx"] = _rule_ctx(ctx)
    nogo = getattr(ctx.rule.attr, "_nogo", None)
    if nogo != None:  # rules_go 0.62: nogo is a rule attr, not in _go_context_data
        fields["nogo"] = nogo[DefaultInfo].files_to_run
    return struct(**fields)
