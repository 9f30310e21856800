"""@rgi_python_deps: the instrumenter's locked Python packages, without rules_python's pip.

rules_python's `pip` extension changed its API between 0.22 and 1.x, and this module
must load under whichever rules_python the user's build resolves. Instead, this
extension fetches the files listed in tools/instrument/python_deps.json (URLs and
sha256s generated from the lock file by tools/instrument/update_lock.sh) with Bazel's
own downloader, so the repository cache, `--distdir` and `--experimental_downloader_config`
apply, and extracts them into one site-packages directory, `site/`. Each package is a
`py_library` named after it (`@rgi_python_deps//:tree_sitter`), importable by any
Python toolchain the build resolves: pure and abi3 files for all, and for packages that
only ship per-CPython wheels, every CPython >= 3.10 of the host's platform side by side
(each interpreter imports the extension module tagged with its own version).
"""

# (os, arch) as Bazel reports them -> the manifest's platform key.
_PLATFORMS = {
    ("linux", "amd64"): "linux_x86_64",
    ("linux", "x86_64"): "linux_x86_64",
    ("linux", "aarch64"): "linux_aarch64",
    ("linux", "arm64"): "linux_aarch64",
    ("mac os x", "x86_64"): "macos_x86_64",
    ("mac os x", "amd64"): "macos_x86_64",
    ("mac os x", "aarch64"): "macos_aarch64",
    ("mac os x", "arm64"): "macos_aarch64",
}

_LIBRARY = """
py_library(
    name = "{target}",
    srcs = glob({srcs}, allow_empty = True),
    data = glob({data}, exclude = ["**/*.py", "**/__pycache__/**"], allow_empty = True),
    imports = ["site"],
    deps = {deps},
)
"""

def _target(name):
    return name.replace("-", "_").replace(".", "_")

def _host_platform(rctx):
    key = (rctx.os.name.lower(), rctx.os.arch.lower())
    if key not in _PLATFORMS:
        fail("rules_go_instrument: the instrumenter's binary Python packages have no wheels " +
             "for {} on {} (supported: Linux x86_64 and aarch64, macOS x86_64 and arm64)".format(
                 key[1],
                 key[0],
             ))
    return _PLATFORMS[key]

def _fetch(rctx, package, platform):
    files = [f for f in package["files"] if f["platform"] in ("any", platform)]
    if not files:
        fail("rules_go_instrument: {} {} has no file for {} in {}".format(
            package["name"],
            package["version"],
            platform,
            rctx.attr.manifest,
        ))
    for file in files:
        rctx.download_and_extract(
            url = file["url"],
            sha256 = file["sha256"],
            output = "site",
            # Wheels are zip files whose names Bazel does not recognize as such.
            type = "zip" if file["url"].endswith(".whl") else "",
            stripPrefix = file.get("strip_prefix", ""),
        )

def _library(package):
    srcs, data = [], []
    for top in package["top_level"]:
        srcs += ["site/{}/**/*.py".format(top), "site/{}.py".format(top)]
        data.append("site/{}/**".format(top))
    return _LIBRARY.format(
        target = _target(package["name"]),
        srcs = repr(srcs),
        data = repr(data),
        deps = repr([":" + _target(dep) for dep in package["deps"]]),
    )

def _python_deps_repo_impl(rctx):
    manifest = json.decode(rctx.read(rctx.attr.manifest))
    platform = _host_platform(rctx)
    build = ['load("@rules_python//python:defs.bzl", "py_library")\n']
    build.append('package(default_visibility = ["//visibility:public"])\n')
    for package in manifest["packages"]:
        _fetch(rctx, package, platform)
        for top in package["top_level"]:
            if not (rctx.path("site/" + top).exists or rctx.path("site/{}.py".format(top)).exists):
                fail("rules_go_instrument: {} {} did not provide '{}' (see {})".format(
                    package["name"],
                    package["version"],
                    top,
                    rctx.attr.manifest,
                ))
        build.append(_library(package))
    rctx.file("BUILD.bazel", "".join(build))

python_deps_repo = repository_rule(
    implementation = _python_deps_repo_impl,
    attrs = {
        "manifest": attr.label(
            allow_single_file = [".json"],
            doc = "python_deps.json, as written by tools/instrument/update_lock.sh.",
        ),
    },
    doc = "Fetches the packages of a python_deps.json manifest into one site-packages directory.",
)

def _python_deps_impl(_module_ctx):
    python_deps_repo(
        name = "rgi_python_deps",
        manifest = Label("//tools/instrument:python_deps.json"),
    )

python_deps = module_extension(
    implementation = _python_deps_impl,
    doc = "Makes @rgi_python_deps, the instrumenter's Python packages (see python_deps_repo).",
)
