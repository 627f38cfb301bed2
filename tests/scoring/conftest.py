from __future__ import annotations

from pathlib import Path

import pytest

from simulator.app import load_library
from simulator.detection.detector import TechniqueDetector
from simulator.engine.session import BuyerSession
from simulator.scoring.scorecard import ScoreCard
from simulator.services.library import ContentLibrary
from simulator.services.play import run_transcript
from simulator.services.scoring import score
from simulator.services.transcript import parse_transcript


@pytest.fixture(scope="session")
def library() -> ContentLibrary:
    loaded = load_library()
    assert not loaded.problems, loaded.problems
    return loaded


def play_and_score(
    library: ContentLibrary, detector: TechniqueDetector, persona_id: str, lines: list[str], seed: int = 1
) -> tuple[BuyerSession, ScoreCard]:
    persona = library.persona(persona_id)
    scenario = library.scenario(persona.default_scenario)
    rubric = library.rubric(persona, scenario)
    session = run_transcript(persona, scenario, detector, seed, parse_transcript(lines))
    return session, score(session, library.catalogue, rubric)


def transcript_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()
