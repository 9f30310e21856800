from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # `go_instrument` without installing
sys.path.insert(0, str(HERE))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow") or os.environ.get("GO_INSTRUMENT_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: use --run-slow or GO_INSTRUMENT_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
