"""Compile one Go package the way `go build` (and rules_go) does: `go tool compile` with an
importcfg, outside the go command, so that a standard package can import a package of this
repository (the instrumentation runtime). Used by bench/goroot_compile.py.

Flags mirror cmd/go/internal/work/gc.go (Go 1.26): `-p`, `-lang`, `-std` for standard
packages, `-complete` when the package has no non-Go files (and is not one of the few
standard packages with bodies supplied by the runtime), `-symabis` from `asm -gensymabis`
when it has assembly, `-embedcfg` for `//go:embed`.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "e2e"))
from repo_files import json_stream  # noqa: E402

# cmd/go/internal/work/gc.go: standard packages with forward declarations that package
# runtime supplies, so never compiled with -complete.
_NOT_COMPLETE = {
    "bytes",
    "internal/poll",
    "net",
    "os",
    "runtime/metrics",
    "runtime/pprof",
    "runtime/trace",
    "sync",
    "syscall",
    "time",
}
_EXT_FILES = ("CgoFiles", "CFiles", "CXXFiles", "MFiles", "FFiles", "SFiles", "SysoFiles")


@dataclass
class GoPackage:
    """What `go list -json -export` says about one package (the fields a compile needs)."""

    importpath: str
    name: str
    dir: Path
    go_files: list[str]
    s_files: list[str]
    ext_files: int
    export: str
    standard: bool
    lang: str
    import_map: dict[str, str] = field(default_factory=dict)
    embed_patterns: list[str] = field(default_factory=list)
    embed_files: list[str] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    error: str = ""


@functools.cache
def _go_env_all() -> dict[str, str]:
    out = subprocess.run(["go", "env", "-json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def go_env(name: str) -> str:
    """One `go env` value (the go command runs once per process, not once per value)."""
    return _go_env_all()[name]


def _local_lang() -> str:
    """gover.Local(): the toolchain's language version (go1.26.8 -> 1.26)."""
    m = re.match(r"go(\d+\.\d+)", go_env("GOVERSION"))
    return m.group(1) if m else ""


def _lang(version: str) -> str:
    """gover.Lang: 1.26.0 -> 1.26."""
    return ".".join(version.split(".")[:2])


def list_packages(patterns: list[str], cwd: Path, env: dict[str, str]) -> list[GoPackage]:
    """`go list -export -deps -json PATTERNS` (building whatever export data is missing).

    -pgo=off: with several commands listed, cmd/compile's default.pgo would make variants
    of the packages it imports (`fmt [cmd/compile]`), the same sources once more."""
    r = subprocess.run(
        ["go", "list", "-e", "-pgo=off", "-export", "-deps", "-json", *patterns],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    if r.returncode != 0 and not r.stdout:
        raise RuntimeError(f"go list {' '.join(patterns)} failed:\n{r.stderr}")
    # cmd/go: -lang is the module's go version, else (GOROOT packages) the toolchain's.
    local_lang = _local_lang()
    pkgs = []
    for p in json_stream(r.stdout):
        module = p.get("Module") or {}
        pkgs.append(
            GoPackage(
                importpath=p["ImportPath"],
                name=p.get("Name", ""),
                dir=Path(p.get("Dir", "")),
                go_files=p.get("GoFiles", []),
                s_files=p.get("SFiles", []),
                ext_files=sum(len(p.get(k, [])) for k in _EXT_FILES),
                export=p.get("Export", ""),
                standard=bool(p.get("Standard")),
                lang=_lang(module.get("GoVersion", "")) or local_lang,
                import_map=p.get("ImportMap", {}),
                embed_patterns=p.get("EmbedPatterns", []),
                embed_files=p.get("EmbedFiles", []),
                deps=p.get("Deps", []),
                error=(p.get("Error") or {}).get("Err", ""),
            )
        )
    return pkgs


def importcfg_text(exports: dict[str, str], import_map: dict[str, str]) -> str:
    """An importcfg: the package's import map (vendored std paths), then every export file."""
    lines = [f"importmap {k}={v}" for k, v in sorted(import_map.items())]
    lines += [f"packagefile {k}={v}" for k, v in sorted(exports.items()) if v]
    return "\n".join(lines) + "\n"


def embedcfg_text(pkg: GoPackage) -> str:
    """The -embedcfg JSON: each //go:embed pattern with the files go list matched for it."""
    patterns: dict[str, list[str]] = {}
    for pat in pkg.embed_patterns:
        clean = pat.removeprefix("all:")
        patterns[pat] = [
            f for f in pkg.embed_files if fnmatch.fnmatch(f, clean) or f.startswith(clean + "/")
        ]
    files = {f: str(pkg.dir / f) for f in pkg.embed_files}
    return json.dumps({"Patterns": patterns, "Files": files})


def _asm_defines() -> list[str]:
    args = ["-D", f"GOOS_{go_env('GOOS')}", "-D", f"GOARCH_{go_env('GOARCH')}"]
    if go_env("GOARCH") == "amd64":
        args += ["-D", f"GOAMD64_{go_env('GOAMD64')}"]
    return args


@dataclass
class Toolchain:
    """Paths and flags shared by every compile."""

    tooldir: Path
    goroot: Path
    asm_defines: list[str]

    @staticmethod
    def host() -> Toolchain:
        return Toolchain(Path(go_env("GOTOOLDIR")), Path(go_env("GOROOT")), _asm_defines())


def compile_package(
    tc: Toolchain, pkg: GoPackage, files: list[str], cwd: Path, importcfg: str, objdir: Path
) -> tuple[bool, str]:
    """Compile `files` (paths relative to `cwd`) as package `pkg`; (ok, compiler output)."""
    objdir.mkdir(parents=True, exist_ok=True)
    cfg = objdir / "importcfg"
    cfg.write_text(importcfg)
    # cmd/go's pkgPath: a command is compiled as package path "main".
    path = "main" if pkg.name == "main" else pkg.importpath
    args = [str(tc.tooldir / "compile"), "-o", str(objdir / "_pkg_.a"), "-p", path]
    args += [f"-lang=go{pkg.lang}"] if pkg.lang else []
    args += ["-std"] if pkg.standard else []
    if pkg.ext_files == 0 and not (pkg.standard and pkg.importpath in _NOT_COMPLETE):
        args.append("-complete")
    if pkg.s_files:
        ok, out = _gensymabis(tc, pkg, objdir)
        if not ok:
            return False, out
        args += ["-symabis", str(objdir / "symabis"), "-asmhdr", str(objdir / "go_asm.h")]
    if pkg.embed_patterns:
        (objdir / "embedcfg").write_text(embedcfg_text(pkg))
        args += ["-embedcfg", str(objdir / "embedcfg")]
    args += ["-c=1", "-nolocalimports", "-importcfg", str(cfg), "-pack", *files]
    r = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    return r.returncode == 0, r.stdout + r.stderr


def _gensymabis(tc: Toolchain, pkg: GoPackage, objdir: Path) -> tuple[bool, str]:
    # go build writes an empty go_asm.h first: the compile that fills it comes later.
    (objdir / "go_asm.h").write_text("")
    args = [str(tc.tooldir / "asm"), "-p", pkg.importpath, "-I", str(objdir)]
    args += ["-I", str(tc.goroot / "pkg" / "include"), *tc.asm_defines]
    args += ["-gensymabis", "-o", str(objdir / "symabis"), *pkg.s_files]
    r = subprocess.run(args, cwd=pkg.dir, capture_output=True, text=True)
    return r.returncode == 0, r.stdout + r.stderr


def special_packages(goroot: Path) -> dict[str, str]:
    """Standard packages the toolchain does not compile as ordinary packages, with why.

    `unsafe` is built into the compiler (no export data, nothing to compile). The packages
    of `runtimePkgs` in cmd/internal/objabi/pkgspecial.go (read from this GOROOT, so the
    list follows the Go version) are compiled with PkgSpecial.Runtime: no implicit heap
    allocation (a deferred span closure is one), runtime pragmas; and package runtime
    imports them, so they cannot import anything that imports runtime (the
    instrumentation runtime does).
    """
    out = {"unsafe": "built into the compiler (no source to compile)"}
    text = (goroot / "src" / "cmd" / "internal" / "objabi" / "pkgspecial.go").read_text()
    m = re.search(r"var runtimePkgs = \[\]string\{(.*?)\n\}", text, re.S)
    if m is None:
        raise RuntimeError("runtimePkgs not found in cmd/internal/objabi/pkgspecial.go")
    for name in re.findall(r'"([^"]+)"', m.group(1)):
        out[name] = "objabi runtimePkgs: compiled as part of the runtime (-std, Runtime)"
    return out


def environ(**extra: str) -> dict[str, str]:
    """The process environment plus `extra`."""
    env = dict(os.environ)
    env.update(extra)
    return env
