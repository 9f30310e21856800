"""tools/bazel's choice of Bazel, and its sysroot fallback's host packages and clear errors."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
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


# A stand-in for the host's apt-get: it records how it was called and, for "install",
# puts executables named like the packages' tools on PATH (stand-ins that fail).
# FAKE_APT=fail: every "install" fails; FAKE_APT=stale: "install" fails until "update"
# ran (the stale package lists of a fresh machine).
_FAKE_APT_GET = """#!/bin/sh
bin_dir="$(dirname "$0")"
case "$*" in
  *install*) echo "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND)" ;;
  *) echo "apt-get $*" ;;
esac >>"$bin_dir/apt-get.calls"
echo "fake apt-get: $*"
echo "fake apt-get diagnostics for: $*" >&2
case "$*" in
  *update*) touch "$bin_dir/apt-get.updated"; exit 0 ;;
esac
if [ "$FAKE_APT" = fail ] \\
  || { [ "$FAKE_APT" = stale ] && [ ! -e "$bin_dir/apt-get.updated" ]; }; then
  echo "E: Unable to locate package mmdebstrap" >&2
  exit 100
fi
for tool in mmdebstrap newuidmap; do
  printf '#!/bin/sh\\necho "E: fake %s, installed by the fake apt-get" >&2\\nexit 1\\n' \\
    "$tool" >"$bin_dir/$tool"
  chmod +x "$bin_dir/$tool"
done
"""


def _path_without_host_tools(bin_dir: Path) -> Path:
    """A PATH directory with the host's commands minus mmdebstrap/uidmap, and a fake apt-get."""
    bin_dir.mkdir()
    hidden = {"mmdebstrap", "newuidmap", "newgidmap", "apt-get", "bazel"}
    for directory in filter(None, os.environ["PATH"].split(":")):
        if not Path(directory).is_dir():
            continue
        for entry in Path(directory).iterdir():
            link = bin_dir / entry.name
            if entry.name in hidden or link.exists() or link.is_symlink():
                continue
            if entry.is_file() and os.access(entry, os.X_OK):
                link.symlink_to(entry.resolve())
    apt_get = bin_dir / "apt-get"
    apt_get.write_text(_FAKE_APT_GET)
    apt_get.chmod(0o755)
    return bin_dir


def _provision_without_host_tools(
    tmp_path: Path, fake_apt: str
) -> subprocess.CompletedProcess[str]:
    bin_dir = _path_without_host_tools(tmp_path / "bin")
    return _provision(
        tmp_path,
        PATH=str(bin_dir),
        FAKE_APT=fake_apt,
        RGI_DEBIAN_MIRROR="http://127.0.0.1:9/debian",
    )


def _apt_calls(tmp_path: Path) -> list[str]:
    return (tmp_path / "bin" / "apt-get.calls").read_text().splitlines()


_INSTALL = "apt-get install -y -q mmdebstrap uidmap (DEBIAN_FRONTEND=noninteractive)"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root installs host packages")
def test_missing_mmdebstrap_and_uidmap_are_installed_with_apt_get(tmp_path: Path) -> None:
    result = _provision_without_host_tools(tmp_path, "ok")
    cache = tmp_path / "cache"
    apt_log = cache / "logs" / "host-apt.log"
    assert _apt_calls(tmp_path) == [_INSTALL]
    # apt's output is kept, not discarded: both streams are in the log the message names.
    assert f"installing mmdebstrap uidmap with apt-get (log: {apt_log})" in result.stderr
    assert apt_log.read_text().splitlines() == [
        "fake apt-get: install -y -q mmdebstrap uidmap",
        "fake apt-get diagnostics for: install -y -q mmdebstrap uidmap",
    ]
    assert (cache / "logs" / "host-changes.log").read_text().splitlines() == [
        "installed mmdebstrap",
        "installed uidmap",
    ]
    # Provisioning went on with the installed mmdebstrap (a stand-in that fails).
    assert result.returncode != 0
    assert [line for line in result.stderr.splitlines() if "error" in line] == [
        "tools/bazel: error: making the sysroot with mmdebstrap failed; "
        f"see {cache}/logs/mmdebstrap.log"
    ]
    assert "E: fake mmdebstrap" in (cache / "logs" / "mmdebstrap.log").read_text()
    help_text = subprocess.run(
        [str(BAZEL), "--help-sysroot"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "RGI_CACHE": str(cache)},
    ).stdout
    assert "  host packages tools/bazel installed: mmdebstrap uidmap\n" in help_text


@pytest.mark.skipif(os.geteuid() != 0, reason="only root installs host packages")
def test_stale_package_lists_are_updated_once_before_installing_again(tmp_path: Path) -> None:
    result = _provision_without_host_tools(tmp_path, "stale")
    assert _apt_calls(tmp_path) == [
        _INSTALL,
        "apt-get update -q",
        _INSTALL,
    ]
    assert "tools/bazel: error: making the sysroot with mmdebstrap failed" in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="only root installs host packages")
def test_a_failed_apt_get_install_is_one_clear_error_naming_its_log(tmp_path: Path) -> None:
    result = _provision_without_host_tools(tmp_path, "fail")
    cache = tmp_path / "cache"
    assert result.returncode != 0
    assert [line for line in result.stderr.splitlines() if "error" in line] == [
        "tools/bazel: error: 'apt-get install mmdebstrap uidmap' failed on this machine; "
        f"see {cache}/logs/host-apt.log"
    ]
    assert "E: Unable to locate package mmdebstrap" in (cache / "logs" / "host-apt.log").read_text()
    assert not (cache / "logs" / "host-changes.log").exists()
    assert not list(cache.glob("sysroot-v*"))
