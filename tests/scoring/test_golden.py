"""Golden transcripts: every shipped transcript's total is pinned (seed 1).

A script, rubric or weight edit that moves a score fails here until the pin is updated on purpose:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/scoring/test_golden.py
then review the diff of tests/scoring/golden_scores.json and commit it with the change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from simulator.detection.detector import TechniqueDetector
from simulator.services.library import ContentLibrary
from tests.engine.test_transcripts import transcripts
from tests.scoring.conftest import play_and_score, transcript_lines

GOLDEN = Path(__file__).with_name("golden_scores.json")


def current_scores(library: ContentLibrary, detector: TechniqueDetector) -> dict[str, dict[str, object]]:
    scores = {}
    for persona_id, _, path in transcripts():
        session, card = play_and_score(library, detector, persona_id, transcript_lines(path))
        scores[path.name] = {
            "total": card.total,
            "passed": card.passed,
            "result": session.outcome().result.value,
            "satisfaction": session.outcome().satisfaction,
        }
    return scores


def test_scores_match_the_pins(library: ContentLibrary, detector: TechniqueDetector) -> None:
    scores = current_scores(library, detector)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(
            json.dumps(scores, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    pinned = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert scores == pinned, "scores moved: update the pins on purpose (see this file's docstring)"
