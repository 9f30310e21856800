"""tools/bazel's sysroot fallback fails with one clear line when it cannot provision."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import BAZEL


def _provision(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BAZEL), "version"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "RGI_FORCE_SYSROOT": "1", "RGI_CACHE": str(tmp_path / "cache"), **env},
    )


def test_unreachable_debian_mirror_is_one_clear_error(tmp_path: Path) -> None:
    # Port 9 (discard) on loopback refuses at once: no traffic leaves the machine.
    result = _provision(tmp_path, RGI_DEBIAN_MIRROR="http://127.0.0.1:9/debian")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [
        "tools/bazel: error: downloading Debian sid from http://127.0.0.1:9/debian failed "
        f"(no network to Debian's packages?); see {tmp_path}/cache/logs/mmdebstrap.log"
    ]
    assert not list((tmp_path / "cache").glob("sysroot-v*"))


def test_missing_python311_is_one_clear_error(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "go", "readlink", "dirname", "awk", "uname"):
        found = subprocess.run(["which", tool], capture_output=True, text=True).stdout.strip()
        (bin_dir / tool).symlink_to(found)
    result = _provision(tmp_path, PATH=str(bin_dir))
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "tools/bazel: error: no Bazel >= 7.1 on PATH and no python3.11 for the sysroot fallback"
    )


def _without_forced_sysroot() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "RGI_FORCE_SYSROOT"}


def _fake_bazel(bin_dir: Path, version: str) -> Path:
    """A `bazel` on PATH that reports a version and echoes what it was asked."""
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "bazel"
    fake.write_text(
        "#!/bin/sh\n"
        f'[ "$1" = --version ] && {{ echo "bazel {version}"; exit 0; }}\n'
        'echo "fake bazel: $*"\n'
    )
    fake.chmod(0o755)
    return fake


def test_a_bazel_on_path_of_7_1_or_newer_is_used(tmp_path: Path) -> None:
    _fake_bazel(tmp_path / "bin", "7.7.1")
    result = subprocess.run(
        [str(BAZEL), "info", "release"],
        capture_output=True,
        text=True,
        env={**_without_forced_sysroot(), "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"},
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "fake bazel: info release\n",
        "",
    )


def test_a_too_old_bazel_on_path_is_reported_not_skipped_in_silence(tmp_path: Path) -> None:
    fake = _fake_bazel(tmp_path / "bin", "6.5.0")
    result = subprocess.run(
        [str(BAZEL), "info", "release"],
        capture_output=True,
        text=True,
        env={
            **_without_forced_sysroot(),
            "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
            "RGI_CACHE": str(tmp_path / "cache"),
            "RGI_NO_PROVISION": "1",
        },
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"tools/bazel: skipping {fake}: Bazel 6.5.0 is older than 7.1",
        f"tools/bazel: error: no sysroot in {tmp_path}/cache/sysroot-v2 (RGI_NO_PROVISION=1)",
    ]
