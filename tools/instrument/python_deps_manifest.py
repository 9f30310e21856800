"""Writes python_deps.json: where Bazel fetches each locked package from (URL + sha256).

Run by update_lock.sh with the interpreter of a venv that has the lock installed (its
package metadata gives each package's top-level names and dependencies); file names and
hashes come from PyPI's JSON simple API (PEP 691). rules/private/python_deps.bzl reads
the result. Per package, the first that exists:

- a pure wheel (`py3-none-any`): one file for every platform;
- the pure-Python package inside the sdist, for packages that only ship per-CPython
  binary wheels but fall back to pure Python without their extension (SDIST_PURE);
- abi3 wheels: one per platform;
- per-CPython wheels: every CPython >= 3.10 PyPI has, per platform. They are extracted
  into one directory: their Python files are the same, and each interpreter imports the
  extension whose file name carries its own tag (`*.cpython-313-x86_64-linux-gnu.so`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import Any

SIMPLE_API = "https://pypi.org/simple/{name}/"
MIN_CPYTHON = (3, 10)
# Packages whose per-CPython wheels only add a speed-up: the sdist directory (relative
# to the sdist's top directory) that holds the importable pure-Python code.
SDIST_PURE = {"pyyaml": "lib", "markupsafe": "src"}
# Bazel's (os, arch) -> wheel platform tag pattern. Linux: glibc wheels only.
PLATFORMS = {
    "linux_x86_64": r"manylinux\w*_x86_64",
    "linux_aarch64": r"manylinux\w*_aarch64",
    "macos_x86_64": r"macosx_\d+_\d+_(x86_64|universal2)",
    "macos_aarch64": r"macosx_\d+_\d+_(arm64|universal2)",
}
_WHEEL = re.compile(
    r"^(?P<dist>.+?)-(?P<ver>[^-]+)(-\d[^-]*)?-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$"
)


def normalize(name: str) -> str:
    """PEP 503 name: lowercase, runs of -_. as one '-'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(lock: Path) -> dict[str, str]:
    """name -> version of every `name==version` line of a pip freeze lock file."""
    pins: dict[str, str] = {}
    for number, line in enumerate(lock.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        if not match:
            raise SystemExit(f"{lock}:{number}: expected 'name==version', got {line!r}")
        pins[normalize(match.group(1))] = match.group(2)
    return pins


def _simple_files(name: str) -> list[dict[str, Any]]:
    request = urllib.request.Request(
        SIMPLE_API.format(name=name), headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["files"]


def _entry(file: dict[str, Any], **extra: str) -> dict[str, str]:
    return {"url": file["url"].split("#", 1)[0], "sha256": file["hashes"]["sha256"], **extra}


def _cpython(tag: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"cp3(\d+)", tag)
    return (3, int(match.group(1))) if match else None


def select_files(name: str, version: str, files: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The files Bazel fetches for one package, each with its platform ("any" or a key of
    PLATFORMS), and for sdists the prefix to strip."""
    wheels = []
    for file in files:
        match = _WHEEL.match(file["filename"])
        if match and normalize(match["dist"]) == name and match["ver"] == version:
            wheels.append((match, file))
    pure = [f for m, f in wheels if m["abi"] == "none" and m["plat"] == "any"]
    if pure:
        return [_entry(pure[0], platform="any")]
    if name in SDIST_PURE:
        for file in files:
            base = file["filename"].removesuffix(".tar.gz")
            if base != file["filename"] and base == f"{name}-{version}":
                strip = f"{base}/{SDIST_PURE[name]}"
                return [_entry(file, platform="any", strip_prefix=strip)]
        raise SystemExit(f"{name} {version}: no sdist on PyPI")
    chosen: list[dict[str, str]] = []
    for platform, pattern in PLATFORMS.items():
        abi3 = [f for m, f in wheels if m["abi"] == "abi3" and re.search(pattern, m["plat"])]
        if abi3:
            chosen.append(_entry(abi3[0], platform=platform))
            continue
        seen: set[tuple[int, int]] = set()
        for match, file in wheels:
            py = _cpython(match["abi"])
            if py and py >= MIN_CPYTHON and py not in seen and re.search(pattern, match["plat"]):
                seen.add(py)
                chosen.append(_entry(file, platform=platform, python=f"{py[0]}.{py[1]}"))
    if not chosen:
        raise SystemExit(f"{name} {version}: no pure, abi3 or CPython wheel on PyPI")
    return chosen


def installed_info(name: str) -> tuple[list[str], list[str]]:
    """Top-level import names and the names of the dependencies of an installed package."""
    dist = metadata.distribution(name)
    tops = sorted(
        {
            Path(str(f)).parts[0].removesuffix(".py")
            for f in dist.files or []
            if not str(f).startswith(("..", "/"))
            and not Path(str(f)).parts[0].endswith((".dist-info", ".egg-info", ".data"))
            and Path(str(f)).parts[0] not in ("__pycache__", "bin")
        }
    )
    requires = sorted(
        {normalize(re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0]) for r in dist.requires or []}
    )
    return tops, requires


def build(lock: Path) -> dict[str, Any]:
    """The manifest of every package of the lock file (PyPI and installed metadata)."""
    pins = read_lock(lock)
    packages = []
    for name, version in sorted(pins.items()):
        tops, requires = installed_info(name)
        packages.append(
            {
                "name": name,
                "version": version,
                "top_level": tops,
                "deps": [r for r in requires if r in pins],
                "files": select_files(name, version, _simple_files(name)),
            }
        )
    return {
        "comment": "Generated by tools/instrument/update_lock.sh. Do not edit.",
        "lock_sha256": hashlib.sha256(lock.read_bytes()).hexdigest(),
        "packages": packages,
    }


def main(argv: list[str]) -> int:
    """`python_deps_manifest.py LOCK OUT`: writes OUT from LOCK."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lock", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    manifest = build(args.lock)
    args.out.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
