"""Composition root: builds the program's objects from the content on disk and hands them in.

Nothing else in the program reaches for files or global state: tests build what they need the same
way, from their own paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_cache_dir

from simulator.content.catalogue_loader import LEXICON_FILE, load_catalogue
from simulator.content.load_cache import LoadCache
from simulator.detection.detector import TechniqueDetector
from simulator.detection.learned import TechniqueModel, inputs_digest, load_model
from simulator.detection.normalize import Normalizer, opencc_t2s
from simulator.domain.techniques import Catalogue
from simulator.locations import APP_NAME, content_root
from simulator.services.library import ContentLibrary
from simulator.services.library import load_library as _load_library

PROJECT_ROOT = content_root()  # the checkout, or the installed data (simulator/locations.py)


def default_cache_dir() -> Path:
    """Where compiled patterns and parsed content are kept between runs (content/load_cache.py)."""
    return Path(user_cache_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class ContentPaths:
    """Where the instructor-authored data files live."""

    root: Path = PROJECT_ROOT
    cache_dir: Path | None = field(default_factory=default_cache_dir)  # None: nothing kept between runs

    @property
    def catalogue(self) -> Path:
        return self.root / "catalogue" / "techniques.yaml"

    @property
    def personas(self) -> Path:
        return self.root / "personas"

    @property
    def persona_tests(self) -> Path:
        """The authored persona tests (`python main.py test`)."""
        return self.personas / "tests"

    @property
    def scenarios(self) -> Path:
        return self.root / "scenarios"

    @property
    def rubrics(self) -> Path:
        return self.root / "rubrics"

    @property
    def lexicons(self) -> Path:
        return self.catalogue.parent / LEXICON_FILE

    @property
    def model(self) -> Path:
        """The learned scorer, derived from the catalogue and the corpora by ``make``."""
        return self.root / "assets" / "models" / "technique_model.json"


def build_detector(catalogue: Catalogue, model: TechniqueModel | None = None) -> TechniqueDetector:
    return TechniqueDetector(catalogue, Normalizer(opencc_t2s(), catalogue.typos), model)


def load_model_for(catalogue: Catalogue, paths: ContentPaths) -> tuple[TechniqueModel | None, str]:
    """The trained scorer if it was trained from this catalogue; else None and the reason."""
    model, problem = load_model(paths.model, inputs_digest([paths.catalogue, paths.lexicons]))
    if model is not None and model.ids != catalogue.ids:
        return None, f"{paths.model}: the trained model is for other technique ids (run make); rules only"
    return model, problem


def load_detector(paths: ContentPaths | None = None, use_model: bool = True) -> TechniqueDetector:
    """Load the catalogue and build the detector; raises ContentError if the catalogue is broken.

    The learned scorer is used when a model trained from this very catalogue is present; without
    one (a fresh checkout before ``make``, or a catalogue edited since) detection is rules only.
    """
    paths = paths or ContentPaths()
    cache = LoadCache.in_folder(paths.cache_dir)
    catalogue = load_catalogue(paths.catalogue, cache)
    cache.save()
    model = load_model_for(catalogue, paths)[0] if use_model else None
    return build_detector(catalogue, model)


def run_desktop(argv: list[str] | None = None, db_url: str | None = None) -> int:
    """The desktop app (Qt is imported only here, so the headless commands never load it).

    Sessions are kept in ``db_url``, or in the default database in the user's data folder.
    """
    from simulator.ui.application import run

    paths = ContentPaths()
    library = load_library(paths)
    model, _ = load_model_for(library.catalogue, paths)
    return run(library, build_detector(library.catalogue, model), argv, db_url)


def load_library(paths: ContentPaths | None = None) -> ContentLibrary:
    """Everything shipped: catalogue, scenarios, personas (broken files are listed in .problems)."""
    paths = paths or ContentPaths()
    cache = LoadCache.in_folder(paths.cache_dir)
    library = _load_library(paths.catalogue, paths.scenarios, paths.personas, paths.rubrics, cache)
    cache.save()
    return library
