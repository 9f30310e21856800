"""python_deps.json (what Bazel fetches) is fresh relative to the lock, and complete."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from python_deps_manifest import PLATFORMS, read_lock, select_files  # noqa: E402

LOCK = HERE / "requirements_lock.txt"
MANIFEST = json.loads((HERE / "python_deps.json").read_text())
STALE = "stale: run tools/instrument/update_lock.sh"


def test_manifest_was_generated_from_this_lock() -> None:
    assert MANIFEST["lock_sha256"] == hashlib.sha256(LOCK.read_bytes()).hexdigest(), STALE
    pinned = {p["name"]: p["version"] for p in MANIFEST["packages"]}
    assert pinned == read_lock(LOCK), STALE


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_every_package_has_files_for_every_platform(platform: str) -> None:
    for package in MANIFEST["packages"]:
        files = [f for f in package["files"] if f["platform"] in ("any", platform)]
        assert files, f"{package['name']}: nothing for {platform}"
        for file in files:
            assert file["url"].startswith("https://files.pythonhosted.org/"), file
            assert len(file["sha256"]) == 64, file
        versions = {f["python"] for f in files if "python" in f}
        if versions:  # per-CPython wheels: every CPython from 3.10 on, no gap
            minors = sorted(int(v.split(".")[1]) for v in versions)
            assert minors == list(range(10, minors[-1] + 1)), (package["name"], platform)
            assert minors[-1] >= 14, (package["name"], platform)


def _file(name: str) -> dict[str, object]:
    return {"filename": name, "url": f"https://x/{name}#sha256=0", "hashes": {"sha256": "ab"}}


def test_a_pure_wheel_wins_over_binary_ones() -> None:
    files = [_file("p-1.0-cp311-cp311-manylinux_2_17_x86_64.whl"), _file("p-1.0-py3-none-any.whl")]
    assert select_files("p", "1.0", files) == [
        {"url": "https://x/p-1.0-py3-none-any.whl", "sha256": "ab", "platform": "any"}
    ]


def test_abi3_wheels_are_one_per_platform_and_cpython_wheels_every_version() -> None:
    files = [
        _file("a-2.0-cp310-abi3-manylinux_2_17_x86_64.whl"),
        _file("a-2.0-cp310-abi3-macosx_11_0_arm64.whl"),
        _file("b-2.0-cp39-cp39-manylinux_2_17_x86_64.whl"),  # older than 3.10: left out
        _file("b-2.0-cp310-cp310-manylinux_2_17_x86_64.whl"),
        _file("b-2.0-cp314-cp314t-manylinux_2_17_x86_64.whl"),  # free-threaded: left out
        _file("b-2.0-cp314-cp314-musllinux_1_2_x86_64.whl"),  # musl: left out
        _file("b-2.0-cp314-cp314-manylinux_2_17_x86_64.whl"),
    ]
    abi3 = select_files("a", "2.0", files)
    assert [(f["platform"], f.get("python")) for f in abi3] == [
        ("linux_x86_64", None),
        ("macos_aarch64", None),
    ]
    cpython = select_files("b", "2.0", files)
    assert [(f["platform"], f["python"]) for f in cpython] == [
        ("linux_x86_64", "3.10"),
        ("linux_x86_64", "3.14"),
    ]


def test_packages_with_a_pure_fallback_come_from_their_sdist() -> None:
    files = [
        _file("pyyaml-6.0.3-cp311-cp311-manylinux_2_17_x86_64.whl"),
        _file("pyyaml-6.0.3.tar.gz"),
    ]
    (chosen,) = select_files("pyyaml", "6.0.3", files)
    assert chosen["strip_prefix"] == "pyyaml-6.0.3/lib"


def test_a_malformed_lock_line_is_named(tmp_path: Path) -> None:
    lock = tmp_path / "lock.txt"
    lock.write_text("# comment\njinja2==3.1.6\njinja2>=3\n")
    with pytest.raises(SystemExit, match=r"lock.txt:3: expected 'name==version', got 'jinja2>=3'"):
        read_lock(lock)
