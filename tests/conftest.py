"""Shared fixtures. Tests never need a display: Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy import Engine

from simulator.app import ContentPaths, build_detector, load_library, load_model_for
from simulator.content.catalogue_loader import load_catalogue
from simulator.detection.detector import TechniqueDetector
from simulator.domain.techniques import Catalogue
from simulator.services.library import ContentLibrary
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository
from tests.storage.postgres_server import available, postgres_server

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# shared/ (the course seeds, the spec and the development corpus) sits beside the project checkout.
SHARED = PROJECT_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(ContentPaths().catalogue)


@pytest.fixture(scope="session")
def detector(catalogue: Catalogue) -> TechniqueDetector:
    """The detector as the app builds it: rules and the learned scorer ``make`` trained.

    Without a fresh model it is rules only; tests/detection/test_lexicon_and_model.py fails then.
    """
    return build_detector(catalogue, load_model_for(catalogue, ContentPaths())[0])


@pytest.fixture(scope="session")
def library() -> ContentLibrary:
    """Everything shipped, loaded once for the run (the library is not changed by the tests)."""
    return load_library()


def open_repository(url: str, engines: list[Engine]) -> SessionRepository:
    """A session repository on ``url``, its engine disposed after the test (the ``engines`` fixture)."""
    engine = open_database(url)
    engines.append(engine)
    return SessionRepository(engine)


@pytest.fixture(scope="session")
def rules_detector(catalogue: Catalogue) -> TechniqueDetector:
    return build_detector(catalogue)


@pytest.fixture(scope="session")
def postgres_base() -> Iterator[str | None]:
    """One throw-away PostgreSQL server for the whole run (tests/storage/postgres_server.py), the base
    URL its tests make fresh databases on; None when the server binaries are missing and not required
    (`.ci/run` sets SIMULATOR_REQUIRE_POSTGRES, so CI never skips them)."""
    if not available():
        if os.environ.get("SIMULATOR_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL's initdb/pg_ctl are missing (.ci/run installs the postgresql package)")
        yield None
        return
    with postgres_server() as base:
        yield base


@pytest.fixture(scope="session")
def postgres(postgres_base: str | None) -> str:
    """The server's base URL, or the test is skipped on a machine without PostgreSQL."""
    if postgres_base is None:
        pytest.skip("no PostgreSQL server binaries on this machine")
    return postgres_base


@pytest.fixture
def engines() -> Iterator[list[Engine]]:
    """Every engine a test opens, disposed after it: an open connection warns, and warnings fail."""
    opened: list[Engine] = []
    yield opened
    for engine in opened:
        engine.dispose()
