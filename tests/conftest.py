from __future__ import annotations

from pathlib import Path

import pytest

from modkit import Engine

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(detect_language=False)


@pytest.fixture(scope="session")
def engine_with_language() -> Engine:
    return Engine()
