"""@rgi_host_python: a py_runtime on the python3.11 found on PATH, like rules_go's go_sdk.host().

For machines whose build has no Python toolchain of its own (this repository's offline
set-up: Debian's rules_python 0.22.1 registers none). The repository holds only the
runtime; the toolchain() that wraps it is @rules_go_instrument//tools/instrument:host_python_toolchain,
in this module's own package so that its label is the same under Bazel 7's `~` and
Bazel 8's `+` canonical names. MODULE.bazel never registers it: .bazelrc.offline asks
for it with --extra_toolchains, and this repository is fetched only then.
"""

_INTERPRETER = "python3.11"

_BUILD = """\
load("@rules_python//python:defs.bzl", "py_runtime", "py_runtime_pair")

package(default_visibility = ["//visibility:public"])

py_runtime(
    name = "py3_runtime",
    interpreter_path = "{interpreter}",
    python_version = "PY3",
)

py_runtime_pair(
    name = "runtime_pair",
    py3_runtime = ":py3_runtime",
)
"""

def _host_python_repo_impl(rctx):
    interpreter = rctx.which(_INTERPRETER)
    if not interpreter:
        fail("rules_go_instrument: --extra_toolchains names the host Python toolchain, " +
             "which needs {} on PATH".format(_INTERPRETER))
    rctx.file("BUILD.bazel", _BUILD.format(interpreter = interpreter))

_host_python_repo = repository_rule(
    implementation = _host_python_repo_impl,
    environ = ["PATH"],
    local = True,
)

def _host_python_impl(_module_ctx):
    _host_python_repo(name = "rgi_host_python")

host_python = module_extension(
    implementation = _host_python_impl,
    doc = "Makes @rgi_host_python, a py_runtime_pair on python3.11 from PATH (never registered).",
)
