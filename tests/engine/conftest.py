from __future__ import annotations

import pytest

from simulator.app import load_library
from simulator.services.library import ContentLibrary


@pytest.fixture(scope="session")
def library() -> ContentLibrary:
    loaded = load_library()
    assert not loaded.problems, loaded.problems
    return loaded
