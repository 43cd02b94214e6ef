from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Speed is measured in benchmarks/, never here: no per-example deadline unless a test sets one
# (the property tests of the engine set a generous one to catch hangs).
settings.register_profile("modkit", deadline=None)
settings.load_profile("modkit")

from modkit import Engine

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(detect_language=False)


@pytest.fixture(scope="session")
def engine_with_language() -> Engine:
    return Engine()
