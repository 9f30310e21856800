"""A py_runtime toolchain on the python3.11 found on PATH, like rules_go's go_sdk.host()."""

_INTERPRETER = "python3.11"

_BUILD = """\
load("@bazel_tools//tools/python:toolchain.bzl", "py_runtime_pair")

py_runtime(
    name = "py3_runtime",
    interpreter_path = "{interpreter}",
    python_version = "PY3",
)

py_runtime_pair(
    name = "runtime_pair",
    py3_runtime = ":py3_runtime",
)

toolchain(
    name = "toolchain",
    toolchain = ":runtime_pair",
    toolchain_type = "@bazel_tools//tools/python:toolchain_type",
)
"""

def _host_python_repo_impl(rctx):
    interpreter = rctx.which(_INTERPRETER)
    if not interpreter:
        fail("rules_go_instrument needs {} on PATH to run the instrumenter".format(_INTERPRETER))
    rctx.file("BUILD.bazel", _BUILD.format(interpreter = interpreter))

_host_python_repo = repository_rule(
    implementation = _host_python_repo_impl,
    environ = ["PATH"],
    local = True,
)

def _host_python_impl(_module_ctx):
    _host_python_repo(name = "rgi_host_python")

host_python = module_extension(implementation = _host_python_impl)
