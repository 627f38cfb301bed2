"""Composition root: builds the program's objects from the content on disk and hands them in.

Nothing else in the program reaches for files or global state: tests build what they need the same
way, from their own paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.content.catalogue_loader import load_catalogue
from simulator.detection.detector import TechniqueDetector
from simulator.detection.normalize import Normalizer, opencc_t2s
from simulator.domain.techniques import Catalogue
from simulator.services.library import ContentLibrary
from simulator.services.library import load_library as _load_library

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ContentPaths:
    """Where the instructor-authored data files live."""

    root: Path = PROJECT_ROOT

    @property
    def catalogue(self) -> Path:
        return self.root / "catalogue" / "techniques.yaml"

    @property
    def personas(self) -> Path:
        return self.root / "personas"

    @property
    def scenarios(self) -> Path:
        return self.root / "scenarios"

    @property
    def rubrics(self) -> Path:
        return self.root / "rubrics"


def build_detector(catalogue: Catalogue) -> TechniqueDetector:
    return TechniqueDetector(catalogue, Normalizer(opencc_t2s(), catalogue.typos))


def load_detector(paths: ContentPaths | None = None) -> TechniqueDetector:
    """Load the catalogue and build the detector; raises ContentError if the catalogue is broken."""
    return build_detector(load_catalogue((paths or ContentPaths()).catalogue))


def run_desktop(argv: list[str] | None = None, db_url: str | None = None) -> int:
    """The desktop app (Qt is imported only here, so the headless commands never load it).

    Sessions are kept in ``db_url``, or in the default database in the user's data folder.
    """
    from simulator.storage.database import open_database
    from simulator.storage.repository import SessionRepository
    from simulator.ui.application import run

    library = load_library()
    repository = SessionRepository(open_database(db_url))
    return run(library, build_detector(library.catalogue), argv, repository)


def load_library(paths: ContentPaths | None = None) -> ContentLibrary:
    """Everything shipped: catalogue, scenarios, personas (broken files are listed in .problems)."""
    paths = paths or ContentPaths()
    return _load_library(paths.catalogue, paths.scenarios, paths.personas, paths.rubrics)
