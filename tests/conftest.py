"""Shared fixtures. Tests never need a display: Qt runs offscreen."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from simulator.app import ContentPaths, build_detector, load_model_for
from simulator.content.catalogue_loader import load_catalogue
from simulator.detection.detector import TechniqueDetector
from simulator.domain.techniques import Catalogue

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
def rules_detector(catalogue: Catalogue) -> TechniqueDetector:
    return build_detector(catalogue)
