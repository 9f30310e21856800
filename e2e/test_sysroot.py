"""tools/bazel's sysroot: no host mounts, signed and pinned, works for non-root users.

Bazel runs from the sysroot in a private mount namespace held by one process per
Bazel server; these tests look at the host's mount table, at that holder, and at
what a user's files look like after the sysroot is gone.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BAZEL, REPO_ROOT, Workspace
from repo_files import copy_checkout

KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
DEBIAN_MIRROR = os.environ.get("RGI_DEBIAN_MIRROR", "http://deb.debian.org/debian")
# Root's environment minus what belongs to root's account or to this checkout.
_PRIVATE_ENV = re.compile(
    r"^(HOME|USER|LOGNAME|PATH|PWD|OLDPWD|MAIL|PYENV.*|RGI_.*|XDG_.*|VIRTUAL_ENV)$"
)


def _cache_root() -> Path:
    """The cache tools/bazel uses here (its own default when RGI_CACHE is unset)."""
    if os.environ.get("RGI_CACHE"):
        return Path(os.environ["RGI_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "rules_go_instrument"


def _unescape(field: str) -> str:
    """Decodes mountinfo's octal escapes (a space is \\040)."""
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match.group(1), 8)), field)


def _mount_points(pid: str = "self") -> list[str]:
    lines = Path(f"/proc/{pid}/mountinfo").read_text().splitlines()
    return [_unescape(line.split()[4]) for line in lines]


def _host_mounts_under(path: Path) -> list[str]:
    return [t for t in _mount_points() if t == str(path) or t.startswith(f"{path}/")]


def _holder_of(cache: Path, workspace: Path, output_base: str = "") -> str | None:
    """The PID of the namespace holder that tools/bazel recorded for a workspace's server
    (its default output base, or the one given)."""
    for marker in (cache / "ns").glob("*.workspace"):
        recorded_base = marker.with_suffix(".output_base")
        base = recorded_base.read_text().strip() if recorded_base.exists() else ""
        if marker.read_text().strip() == str(workspace) and base == output_base:
            pid_file = marker.with_suffix(".pid")
            return pid_file.read_text().strip() if pid_file.exists() else None
    return None


def _is_holder(pid: str) -> bool:
    try:
        return b"sysroot_holder.sh" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _sysroot_from_help(env: dict[str, str] | None = None, user: str | None = None) -> Path:
    prefix = ["runuser", "-u", user, "--", "env", "-i", *_env_args(env or {})] if user else []
    result = subprocess.run(
        [*prefix, str(BAZEL), "--help-sysroot"],
        capture_output=True,
        text=True,
        env=None if user else env,  # runuser needs root's PATH; the user's goes through env -i
        check=True,
    )
    match = re.search(r"^  sysroot:\s+(.+) \((ready|not made yet)\)$", result.stdout, re.MULTILINE)
    assert match, result.stdout
    return Path(match.group(1))


def _env_args(env: dict[str, str]) -> list[str]:
    return [f"{key}={value}" for key, value in env.items()]


@pytest.fixture(scope="module")
def sysroot_in_use() -> None:
    if shutil.which("bazel") and os.environ.get("RGI_FORCE_SYSROOT") != "1":
        pytest.skip("a real Bazel is on PATH: tools/bazel does not use its sysroot")


def test_after_shutdown_nothing_of_the_sysroot_stays_mounted(
    smoke: Workspace, sysroot_in_use: None
) -> None:
    cache = _cache_root()
    smoke.bazel("build", "//cmd/smoke")
    holder = _holder_of(cache, smoke.root)
    assert holder and _is_holder(holder), f"no namespace holder for {smoke.root} in {cache}/ns"
    sysroot = _sysroot_from_help()
    inside = _mount_points(holder)
    # The binds exist, but only in the holder's namespace: the workspace read-write,
    # the Go SDK read-only, and never over a system directory of the sysroot.
    assert f"{sysroot}{REPO_ROOT}" in inside
    go_root = subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True).stdout
    go_line = next(
        line
        for line in Path(f"/proc/{holder}/mountinfo").read_text().splitlines()
        if _unescape(line.split()[4]) == f"{sysroot}{go_root.strip()}"
    )
    assert go_line.split()[5].startswith("ro"), go_line
    for target in inside:
        if target.startswith(f"{sysroot}/"):
            assert target[len(str(sysroot)) :] not in {"/", "/usr", "/etc", "/lib", "/bin", "/var"}
    assert _host_mounts_under(cache) == []

    smoke.bazel("shutdown")
    assert not _is_holder(holder), "the namespace holder outlived the Bazel server"
    assert _host_mounts_under(cache) == []
    assert (
        subprocess.run(
            ["findmnt", "-rn", "-o", "TARGET"], capture_output=True, text=True
        ).stdout.count(str(cache))
        == 0
    )


def test_each_output_base_of_a_workspace_gets_a_namespace_of_its_own(
    smoke: Workspace, sysroot_in_use: None, tmp_path: Path
) -> None:
    """Two Bazel servers of one workspace (as the compatibility matrix runs them, each
    with its own Go SDK or rules_go) never share a holder: each gets the binds of the
    call that started it and ends with its own server."""
    cache = _cache_root()
    other = Workspace(smoke.root, startup_options=(f"--output_base={tmp_path / 'ob'}",))
    try:
        smoke.bazel("info", "output_base")
        other.bazel("info", "output_base")
        default_holder = _holder_of(cache, smoke.root)
        other_holder = _holder_of(cache, smoke.root, str(tmp_path / "ob"))
        assert default_holder and _is_holder(default_holder)
        assert other_holder and _is_holder(other_holder)
        assert default_holder != other_holder
        help_text = subprocess.run(
            [str(BAZEL), "--help-sysroot"], capture_output=True, text=True, check=True
        ).stdout
        assert f"{other_holder} {smoke.root} (--output_base={tmp_path / 'ob'})" in help_text

        other.bazel("shutdown")
        assert not _is_holder(other_holder), "the other output base's holder outlived its server"
        assert _is_holder(default_holder), "shutting one server down ended another's namespace"
    finally:
        other.bazel("shutdown", check=False)
        smoke.bazel("shutdown", check=False)
    assert not _is_holder(default_holder)
    assert _host_mounts_under(cache) == []


def test_a_checkout_made_again_at_the_same_path_gets_a_namespace_of_its_own(
    sysroot_in_use: None,
) -> None:
    """A clone deleted and made again at the same path (a CI runner's fixed checkout
    directory) while its Bazel server lives: that server's namespace binds the deleted
    directory, where Bazel's client cannot even read its working directory. tools/bazel
    ends that server and starts a new one."""
    cache = _cache_root()
    # Outside $HOME and /tmp, which the namespace binds whole: the checkout is a bind of its own.
    root = Path(tempfile.mkdtemp(prefix="rgi-reclone-", dir="/var/tmp"))
    checkout = Workspace(root / "checkout")
    try:
        copy_checkout(checkout.root)
        checkout.bazel("info", "workspace")
        first = _holder_of(cache, checkout.root)
        assert first and _is_holder(first)

        shutil.rmtree(checkout.root)
        copy_checkout(checkout.root)
        result = checkout.bazel("info", "workspace")
        assert result.stdout.strip() == str(checkout.root)
        assert "made for a deleted copy of that directory" in result.stderr
        second = _holder_of(cache, checkout.root)
        assert second and second != first and not _is_holder(first)
    finally:
        if checkout.root.is_dir():
            checkout.bazel("shutdown", check=False)
        shutil.rmtree(root, ignore_errors=True)
    assert _host_mounts_under(cache) == []


def _proc_mounts_under(path: Path) -> list[str]:
    """Mount points in the host's /proc/mounts at or under a path (a space is \\040 there)."""
    targets = [_unescape(line.split()[1]) for line in Path("/proc/mounts").read_text().splitlines()]
    return [t for t in targets if t == str(path) or t.startswith(f"{path}/")]


def _shared_sysroot() -> Path | None:
    """The machine's sysroot that tools/bazel made for this user, if it is ready."""
    sysroot = _sysroot_from_help()
    return sysroot if (sysroot / ".complete").is_file() else None


def _share_files(source: Path, dest: Path) -> None:
    """A copy whose files are hard links (cp -al): 3 s for the 1.4 GB sysroot, no data written.

    Neither the sysroot nor Bazel's disk cache is written in place (Bazel writes a cache
    entry to a new file and renames it), so the copy cannot change the original.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    if subprocess.run(["cp", "-al", str(source), str(dest)], capture_output=True).returncode:
        shutil.rmtree(dest, ignore_errors=True)  # another file system: do without it


@pytest.fixture
def scratch() -> Iterator[Path]:
    """A directory for a $HOME, a checkout and a tools/bazel cache of a test's own."""
    base = Path(tempfile.mkdtemp(prefix="rgi-e2e-", dir="/tmp"))
    yield base
    assert _proc_mounts_under(base) == []
    # Bazel's output tree and Go's module cache are read-only.
    subprocess.run(["chmod", "-R", "u+w", str(base)], check=False)
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.slow
def test_after_a_build_run_and_shutdown_removing_the_cache_keeps_home_and_tmp(
    scratch: Path,
) -> None:
    # What `make demo` does to the machine, on the smallest workspace: Bazel builds and
    # runs a binary in the sysroot (bazel run), the binary also runs from the host
    # through bazel-bin, then the server is shut down. $HOME, the checkout and the cache
    # are this test's own (the last two with spaces); the sysroot and the disk cache are
    # hard-linked copies of the machine's when it has them.
    home, cache = scratch / "home", scratch / "rgi cache"
    checkout = scratch / "my checkout" / "rules_go_instrument"
    copy_checkout(checkout)
    home.mkdir()
    shared = _shared_sysroot()
    if shared:
        _share_files(shared, cache / shared.name)
    disk_cache = Path.home() / ".cache" / "rules_go_instrument" / "disk-cache"
    if disk_cache.is_dir():
        _share_files(disk_cache, home / ".cache" / "rules_go_instrument" / "disk-cache")
    env = {**os.environ, "HOME": str(home), "RGI_CACHE": str(cache), "RGI_FORCE_SYSROOT": "1"}
    smoke, bazel = checkout / "e2e" / "smoke", str(checkout / "tools" / "bazel")
    holder = None
    try:
        ran = subprocess.run(
            [bazel, "run", "//cmd/smoke", "--", "e2e"],
            cwd=smoke,
            capture_output=True,
            text=True,
            timeout=1800,
            env=env,
        )
        assert ran.returncode == 0, ran.stderr[-6000:]
        assert ran.stdout.startswith("hello, e2e ("), ran.stdout
        binary = smoke / "bazel-bin" / "cmd" / "smoke" / "smoke_" / "smoke"
        from_host = subprocess.run([str(binary), "host"], capture_output=True, text=True)
        assert from_host.stdout.startswith("hello, host ("), from_host
        holder = _holder_of(cache, smoke)
        assert holder and _is_holder(holder)
        assert _proc_mounts_under(scratch) == []

        down = subprocess.run(
            [bazel, "shutdown"], cwd=smoke, capture_output=True, text=True, timeout=300, env=env
        )
        assert down.returncode == 0, down.stderr
        assert not _is_holder(holder), "the namespace holder outlived the Bazel server"
    finally:
        if holder and _is_holder(holder):
            subprocess.run(
                [bazel, "shutdown"],
                cwd=smoke,
                capture_output=True,
                timeout=300,
                env={**env, "RGI_NO_PROVISION": "1"},
            )
    assert _proc_mounts_under(cache) == []
    if shared:
        assert _proc_mounts_under(shared) == []

    home_canary = home / "canary"
    tmp_canary = scratch / "tmp-canary"
    for canary in (home_canary, tmp_canary):
        canary.write_text("keep me")
    removed = subprocess.run(["rm", "-rf", str(cache)], capture_output=True, text=True)
    assert removed.returncode == 0, removed.stderr
    assert not cache.exists()
    assert home_canary.read_text() == "keep me" and tmp_canary.read_text() == "keep me"
    assert (home / ".cache" / "bazel").is_dir() and (checkout / "MODULE.bazel").is_file()
    if shared:
        assert (shared / ".complete").is_file() and (shared / "usr" / "bin" / "bazel").is_file()


class _Mirror:
    """A local copy of the Debian mirror's sid Release data, served on 127.0.0.1."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/debian"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[tuple[Path, _Mirror]]:
    dists = tmp_path / "mirror" / "debian" / "dists" / "sid"
    dists.mkdir(parents=True)
    served = _Mirror(tmp_path / "mirror")
    yield dists, served
    served.server.shutdown()


def _in_release() -> str:
    with urllib.request.urlopen(f"{DEBIAN_MIRROR}/dists/sid/InRelease", timeout=60) as response:
        return response.read().decode()


def _provision_from(url: str, cache: Path) -> list[str]:
    result = subprocess.run(
        [str(BAZEL), "version"],
        capture_output=True,
        text=True,
        timeout=600,
        env={
            **os.environ,
            "RGI_FORCE_SYSROOT": "1",
            "RGI_CACHE": str(cache),
            "RGI_DEBIAN_MIRROR": url,
        },
    )
    assert result.returncode != 0
    return [line for line in result.stderr.splitlines() if "error" in line]


def _signature_error(url: str, cache: Path) -> str:
    return (
        f"tools/bazel: error: the Debian archive at {url} failed signature verification with "
        f"{KEYRING} (unsigned or tampered Release file); see {cache}/logs/mmdebstrap.log"
    )


def test_tampered_release_file_is_one_clear_error(
    tmp_path: Path, mirror: tuple[Path, _Mirror]
) -> None:
    dists, served = mirror
    signed = _in_release()
    # One changed checksum digit: the clearsigned text no longer matches its signature.
    tampered = re.sub(
        r"(?m)^( [0-9a-f]{63})([0-9a-f])",
        lambda m: m.group(1) + ("0" if m.group(2) != "0" else "1"),
        signed,
        count=1,
    )
    assert tampered != signed
    (dists / "InRelease").write_text(tampered)
    cache = tmp_path / "cache"
    assert _provision_from(served.url, cache) == [_signature_error(served.url, cache)]
    assert not list(cache.glob("sysroot-v*"))


def test_unsigned_release_file_is_one_clear_error(
    tmp_path: Path, mirror: tuple[Path, _Mirror]
) -> None:
    dists, served = mirror
    signed = _in_release()
    body = signed.split("\n\n", 1)[1].split("-----BEGIN PGP SIGNATURE-----")[0]
    (dists / "Release").write_text(body)
    cache = tmp_path / "cache"
    assert _provision_from(served.url, cache) == [_signature_error(served.url, cache)]
    assert not list(cache.glob("sysroot-v*"))


@pytest.mark.skipif(os.geteuid() != 0, reason="makes a bind mount in the host namespace")
def test_remove_sysroot_unmounts_an_older_sysroot_and_keeps_user_files(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    canary = home / "canary"
    canary.write_text("keep me")
    cache = tmp_path / "cache"
    legacy = cache / "sysroot-v1"
    (legacy / "root").mkdir(parents=True)
    # What an older tools/bazel left: a read-write bind of $HOME in the host namespace.
    subprocess.run(["mount", "--bind", str(home), str(legacy / "root")], check=True)
    try:
        env = {**os.environ, "RGI_CACHE": str(cache)}
        help_text = subprocess.run(
            [str(BAZEL), "--help-sysroot"], capture_output=True, text=True, env=env, check=True
        ).stdout
        assert str(legacy / "root") in help_text
        subprocess.run([str(BAZEL), "--remove-sysroot"], capture_output=True, env=env, check=True)
    finally:
        if str(legacy / "root") in _mount_points():
            subprocess.run(["umount", str(legacy / "root")], check=True)
    assert canary.read_text() == "keep me"
    assert not legacy.exists()
    assert _host_mounts_under(cache) == []


class _User:
    """A throwaway non-root user; its checkout and tools/bazel cache have spaces in their paths.

    Its $HOME has none: Bazel's output root is under it, and Bazel itself warns that a
    space there "will probably break the build" (gazelle's go_repository_tools does).
    """

    def __init__(self, base: Path) -> None:
        self.name = f"rgi-e2e-{secrets.token_hex(3)}"
        self.home = base / "home"
        subprocess.run(
            ["useradd", "--create-home", "--home-dir", str(self.home), self.name], check=True
        )
        self.uid = int(
            subprocess.run(["id", "-u", self.name], capture_output=True, text=True).stdout
        )
        self.checkout = self.home / "my checkout" / "rules_go_instrument"
        self.env = {k: v for k, v in os.environ.items() if not _PRIVATE_ENV.match(k)}
        go_bin = (
            Path(
                subprocess.run(
                    ["go", "env", "GOROOT"], capture_output=True, text=True
                ).stdout.strip()
            )
            / "bin"
        )
        self.env |= {
            "HOME": str(self.home),
            "USER": self.name,
            "LOGNAME": self.name,
            "PATH": f"{go_bin}:/usr/local/bin:/usr/bin:/bin",
            "RGI_CACHE": str(self.home / "rgi cache"),
        }
        self.cache = Path(self.env["RGI_CACHE"])

    def run(self, *argv: str, cwd: Path, timeout: int = 1800) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["runuser", "-u", self.name, "--", "env", "-i", *_env_args(self.env), *argv],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def copy_checkout(self) -> None:
        copy_checkout(self.checkout)
        subprocess.run(["chown", "-R", f"{self.name}:", str(self.home)], check=True)

    def _ids(self) -> set[int]:
        """The user's uid and its subordinate ids (what its user namespaces run as)."""
        ids = {self.uid}
        for line in Path("/etc/subuid").read_text().splitlines():
            name, start, count = (line.split(":") + ["", ""])[:3]
            if name in (self.name, str(self.uid)):
                ids |= set(range(int(start), int(start) + int(count)))
        return ids

    def remove(self) -> None:
        """Ends every process of the user (mmdebstrap's too), then deletes the user."""
        ids = self._ids()
        for _ in range(10):
            table = subprocess.run(["ps", "-eo", "pid=,uid="], capture_output=True, text=True)
            pids = [
                int(p)
                for p, u in (row.split() for row in table.stdout.splitlines())
                if int(u) in ids
            ]
            if not pids:
                break
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.5)
        subprocess.run(["userdel", "--remove", self.name], capture_output=True)
        # What a killed mmdebstrap leaves (its chroot belongs to a subordinate id).
        for leftover in Path(tempfile.gettempdir()).glob("mmdebstrap.*"):
            if leftover.lstat().st_uid in ids:
                shutil.rmtree(leftover, ignore_errors=True)


@pytest.fixture
def user() -> Iterator[_User]:
    if os.geteuid() != 0:
        pytest.skip("needs root to make a user")
    if not (shutil.which("mmdebstrap") and shutil.which("newuidmap")):
        # Root's first provisioning installs them (a user is told to ask an admin);
        # an unreachable mirror stops it right after that step.
        with tempfile.TemporaryDirectory(prefix="rgi-host-tools-") as cache:
            subprocess.run(
                [str(BAZEL), "info", "release"],
                capture_output=True,
                timeout=600,
                env={
                    **os.environ,
                    "RGI_FORCE_SYSROOT": "1",
                    "RGI_CACHE": cache,
                    "RGI_DEBIAN_MIRROR": "http://127.0.0.1:9/debian",
                },
            )
    base = Path(tempfile.mkdtemp(prefix="rgi-e2e-", dir="/tmp"))
    base.chmod(0o755)
    made = _User(base)
    try:
        yield made
    finally:
        # Only a test that failed half-way leaves a server; never provision again here
        # (the test removes the cache at its end).
        smoke = made.checkout / "e2e" / "smoke"
        holder = _holder_of(made.cache, smoke)
        try:
            if holder and _is_holder(holder):
                bazel = str(made.checkout / "tools" / "bazel")
                made.run("env", "RGI_NO_PROVISION=1", bazel, "shutdown", cwd=smoke, timeout=120)
        finally:
            made.remove()
        assert _host_mounts_under(base) == []
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.slow
def test_non_root_user_builds_smoke_from_paths_with_spaces(user: _User) -> None:
    user.copy_checkout()
    smoke = user.checkout / "e2e" / "smoke"
    bazel = str(user.checkout / "tools" / "bazel")
    result = user.run(bazel, "run", "//cmd/smoke", "--", "e2e", cwd=smoke)
    assert result.returncode == 0, result.stderr[-6000:]
    assert result.stdout.startswith("hello, e2e ("), result.stdout
    # Outputs are at the same absolute paths on the host, and belong to the user.
    binary = smoke / "bazel-bin" / "cmd" / "smoke" / "smoke_" / "smoke"
    assert user.run(str(binary), "host", cwd=smoke).stdout.startswith("hello, host (")
    cache = user.cache
    sysroot = _sysroot_from_help(user.env, user.name)
    assert (sysroot / "usr" / "bin" / "bazel").stat().st_uid == user.uid
    holder = _holder_of(cache, smoke)
    assert holder and _is_holder(holder)

    assert user.run(bazel, "shutdown", cwd=smoke).returncode == 0
    assert not _is_holder(holder)
    assert _host_mounts_under(cache) == []

    # What a user does to get rid of it: nothing outside the cache goes with it.
    home_canary = user.home / "canary"
    tmp_canary = Path(tempfile.mkdtemp(prefix="rgi-canary-")) / "canary"
    for canary in (home_canary, tmp_canary):
        canary.write_text("keep me")
    removed = user.run("rm", "-rf", str(cache), cwd=user.home)
    assert removed.returncode == 0, removed.stderr
    assert not cache.exists()
    assert home_canary.read_text() == "keep me" and tmp_canary.read_text() == "keep me"
    assert (user.checkout / "MODULE.bazel").is_file()
    shutil.rmtree(tmp_canary.parent)


def test_bazel_from_the_root_directory_binds_nothing_over_the_sysroot(sysroot_in_use: None) -> None:
    result = subprocess.run(
        [str(BAZEL), "info", "release"], cwd="/", capture_output=True, text=True, timeout=1800
    )
    assert result.returncode != 0
    assert result.stderr.splitlines()[-1] == (
        "tools/bazel: error: cannot run the sysroot's Bazel in / (a system directory)"
    )
