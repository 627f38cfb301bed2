from __future__ import annotations

import pytest

from simulator.app import load_library
from simulator.services.library import ContentLibrary


@pytest.fixture(scope="session")
def library() -> ContentLibrary:
    return load_library()
