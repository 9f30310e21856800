"""Robustness over all of GOROOT/src (slow: --run-slow or GO_INSTRUMENT_SLOW=1).

Runs bench/robustness.py: every function and every call instrumented; the script exits
non-zero on any crash, rule error, output gofmt rejects, or token off its original position.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "bench" / "robustness.py"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("go") is None, reason="no Go toolchain (GOROOT unknown)")
def test_goroot_robustness() -> None:
    r = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True)
    assert "crashes: 0" in r.stdout, r.stdout + r.stderr
    assert r.returncode == 0, r.stdout + r.stderr
