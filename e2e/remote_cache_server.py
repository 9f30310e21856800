"""A real REAPI remote cache for the tests and benchmarks: BuildGrid on 127.0.0.1.

BuildGrid (PyPI `buildgrid`, pinned with its dependencies in `buildgrid/requirements.txt`)
is installed once per machine into its own virtualenv under the project's cache directory
(`$RGI_CACHE`, else `~/.cache/rules_go_instrument`), behind a file lock so parallel runs
install it once. The server keeps CAS blobs on disk in a directory the caller owns and
serves CAS, ActionCache and ByteStream without authentication.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent / "buildgrid" / "requirements.txt"
START_TIMEOUT_S = 90.0

# thread-pool-size also caps BuildGrid's concurrent RPCs (gRPC maximum_concurrent_rpcs);
# its default, 5 per core, is 10 on a 2-core machine. Bazel uploads an action's outputs
# all at once (GoStdlib's tree: ~300 files), the RPCs over the cap fail with
# RESOURCE_EXHAUSTED, and the action's result is never stored: a miss on every rebuild.
CONFIG = """\
thread-pool-size: 256
server:
  - !channel
    address: "127.0.0.1:{port}"
    insecure-mode: true
authorization:
  method: none
storages:
  - !disk-storage &main-storage
    path: {cas_dir}
caches:
  - !lru-action-cache &main-action
    storage: *main-storage
    max-cached-refs: 100000
    allow-updates: true
instances:
  - name: ''
    services:
      - !action-cache
        cache: *main-action
      - !cas
        storage: *main-storage
      - !bytestream
        storage: *main-storage
"""


def cache_root() -> Path:
    """The machine-wide cache directory that tools/bazel uses too."""
    if os.environ.get("RGI_CACHE"):
        return Path(os.environ["RGI_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rules_go_instrument"


def ensure_buildgrid() -> Path:
    """Install the pinned BuildGrid into its own venv once per machine; return `bgd`'s path."""
    pins = REQUIREMENTS.read_bytes()
    venv = cache_root() / f"buildgrid-{hashlib.sha256(pins).hexdigest()[:12]}"
    bgd = venv / "bin" / "bgd"
    stamp = venv / ".installed"
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / "buildgrid.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.exists() and bgd.exists():
            return bgd
        subprocess.run(["rm", "-rf", str(venv)], check=True)
        # The venv of the running interpreter (python3.11) is a fine base: venv
        # creation resolves to the base interpreter, not to this venv.
        _run_or_explain([sys.executable, "-m", "venv", str(venv)], "create BuildGrid's venv")
        _run_or_explain(
            [str(venv / "bin" / "pip"), "install", "-q", "-r", str(REQUIREMENTS)],
            f"install BuildGrid from {REQUIREMENTS} (is PyPI reachable?)",
        )
        stamp.write_text(pins.decode())
    return bgd


def _run_or_explain(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"could not {what}: {result.stderr.strip()[-2000:]}")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class RemoteCache:
    """A running BuildGrid: its address for Bazel and its log file."""

    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"grpc://127.0.0.1:{self.port}"

    def bazel_flags(self) -> tuple[str, ...]:
        """Flags that make Bazel use only this cache (no disk cache)."""
        return (f"--remote_cache={self.url}", "--disk_cache=")


def _wait_until_listening(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(
                f"BuildGrid exited with {server.returncode}: {log.read_text()[-3000:]}"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"BuildGrid did not listen on 127.0.0.1:{port} in {START_TIMEOUT_S} s")


@contextmanager
def buildgrid(work_dir: Path) -> Iterator[RemoteCache]:
    """Run BuildGrid with a disk-backed CAS under `work_dir` until the block exits."""
    bgd = ensure_buildgrid()
    cas_dir = work_dir / "cas"
    cas_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = work_dir / "buildgrid.yml"
    config.write_text(CONFIG.format(port=port, cas_dir=cas_dir))
    log = work_dir / "buildgrid.log"
    with open(log, "wb") as log_file:
        server = subprocess.Popen(
            [str(bgd), "server", "start", str(config)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_listening(server, port, log)
        yield RemoteCache(port=port, log=log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
