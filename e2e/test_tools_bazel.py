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
