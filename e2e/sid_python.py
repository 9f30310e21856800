"""Debian sid's python3.13, unpacked from its .debs (signature and hashes checked).

The Bazel sysroot is Debian sid, whose default python3 is newer; its python3.13 packages
run there unchanged (same libc and libraries). Fetched once per package version into the
machine's cache; the tests use it as a second CPython, distinct from the python3.11 of
.bazelrc.offline's host toolchain.
"""

from __future__ import annotations

import hashlib
import lzma
import os
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

MIRROR = os.environ.get("RGI_DEBIAN_MIRROR", "http://deb.debian.org/debian")
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
PACKAGES = ("python3.13-minimal", "libpython3.13-minimal", "libpython3.13-stdlib")
CACHE = Path(os.environ.get("RGI_CACHE", Path.home() / ".cache" / "rules_go_instrument"))


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=300) as response:
        return response.read()


def _signed_release(work: Path) -> str:
    """sid's InRelease, its signature checked against Debian's archive keyring."""
    path = work / "InRelease"
    path.write_bytes(_get(f"{MIRROR}/dists/sid/InRelease"))
    subprocess.run(
        ["gpgv", "--keyring", KEYRING, str(path)], check=True, capture_output=True, timeout=60
    )
    return path.read_text()


def _packages_index(release: str) -> str:
    """main/binary-amd64/Packages, checked against the SHA256 the signed release lists."""
    name = "main/binary-amd64/Packages.xz"
    sums = release.split("SHA256:", 1)[1]
    expected = next(line.split()[0] for line in sums.splitlines() if line.endswith(f" {name}"))
    data = _get(f"{MIRROR}/dists/sid/{name}")
    if hashlib.sha256(data).hexdigest() != expected:
        raise RuntimeError(f"{name}: SHA256 does not match sid's signed InRelease")
    return lzma.decompress(data).decode()


def _stanzas(index: str, names: tuple[str, ...]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for block in index.split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in block.splitlines() if ": " in line and line[0] != " "
        )
        if fields.get("Package") in names:
            found[fields["Package"]] = fields
    missing = sorted(set(names) - set(found))
    if missing:
        raise RuntimeError(f"Debian sid no longer has {', '.join(missing)}")
    return found


def sid_python313() -> Path:
    """The python3.13 executable, unpacked under the cache (downloaded on first use)."""
    cached = sorted(CACHE.glob("python3.13-sid-*/usr/bin/python3.13"))
    if cached:  # sid drops old versions from the mirror; an unpacked one stays good
        return cached[-1]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        stanzas = _stanzas(_packages_index(_signed_release(work)), PACKAGES)
        version = stanzas[PACKAGES[0]]["Version"]
        root = CACHE / f"python3.13-sid-{version}"
        executable = root / "usr" / "bin" / "python3.13"
        if executable.exists():
            return executable
        partial = root.with_name(root.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        for name, fields in stanzas.items():
            deb = _get(f"{MIRROR}/{fields['Filename']}")
            if hashlib.sha256(deb).hexdigest() != fields["SHA256"]:
                raise RuntimeError(f"{fields['Filename']}: SHA256 does not match sid's index")
            (work / f"{name}.deb").write_bytes(deb)
            subprocess.run(
                ["dpkg-deb", "-x", str(work / f"{name}.deb"), str(partial)], check=True, timeout=120
            )
        partial.rename(root)
        return executable
