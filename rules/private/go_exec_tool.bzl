"""go_exec_tool: a standard-library-only Go program, built with the Go SDK's own `go build`.

The aspect runs tools/gofacts on the exec platform. As a go_binary in the exec
configuration it needed rules_go's whole standard library compiled once more for that
configuration (a GoStdlib action, the longest of a cold instrumented build). `go build`
compiles only the standard packages the program imports, in one action, as rules_go
builds its own builder (go_tool_binary, which is private to rules_go).
"""

_GO_TOOLCHAIN = "@rules_go//go:toolchain"

# `go build` on its own, with no module, workspace, environment file or network.
_GO_ENV = {
    "CGO_ENABLED": "0",
    "GO111MODULE": "off",
    "GOENV": "off",
    "GOFLAGS": "",
    "GOTELEMETRY": "off",
    "GOTOOLCHAIN": "local",
}

# HOME (and with it GOCACHE and GOPATH) must be absolute; it is made inside the execroot,
# named after the output path so that unsandboxed builds of two configurations never
# share a cache, and removed when the action ends.
_BUILD_COMMAND = """\
set -eu
go="$PWD/$1"
out="$2"
shift 2
export HOME="$PWD/_go_exec_tool-home-${out//\\//_}"
trap 'rm -rf "$HOME"' EXIT
"$go" build -trimpath -ldflags='-buildid=' -o "$out" "$@"
"""

def _go_exec_tool_impl(ctx):
    sdk = ctx.toolchains[_GO_TOOLCHAIN].sdk
    out = ctx.actions.declare_file(ctx.label.name)
    args = ctx.actions.args()
    args.add(sdk.go)
    args.add(out)
    args.add_all(ctx.files.srcs)
    ctx.actions.run_shell(
        command = _BUILD_COMMAND,
        arguments = [args],
        inputs = depset(ctx.files.srcs, transitive = [sdk.headers, sdk.srcs, sdk.libs, sdk.tools]),
        tools = [sdk.go],
        outputs = [out],
        env = _GO_ENV,
        mnemonic = "GoExecTool",
        progress_message = "Building Go tool %{label} with go build",
        toolchain = _GO_TOOLCHAIN,
    )
    return [DefaultInfo(files = depset([out]), executable = out)]

go_exec_tool = rule(
    implementation = _go_exec_tool_impl,
    doc = """A Go command whose package imports only the standard library, built by the
Go SDK's `go build` (`-trimpath`, no build ID: the same bytes on every machine).

Meant for tools that actions run: depend on it with `cfg = "exec"`. Unlike a go_binary
there, it needs no standard library compiled for the exec configuration.""",
    attrs = {
        "srcs": attr.label_list(
            allow_files = [".go"],
            mandatory = True,
            doc = "The `package main` files (no tests); standard-library imports only.",
        ),
    },
    executable = True,
    toolchains = [_GO_TOOLCHAIN],
)
