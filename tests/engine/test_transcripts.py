"""Good and poor trainees end as the course predicts, for every persona.

Each file tests/transcripts/<persona>_<good|poor>[_N].txt is a session; its authored test
personas/tests/<same name>.yaml (`python main.py test`) pins the outcome on three seeds. Whatever
the pins, every good transcript of a persona must end better than every poor one: outcome first,
then satisfaction.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.detection.detector import TechniqueDetector
from simulator.engine.session import SessionOutcome
from simulator.services.library import ContentLibrary
from simulator.services.persona_tests import load_test, run_test
from simulator.services.play import run_transcript
from simulator.services.transcript import parse_transcript
from tests.conftest import PROJECT_ROOT

TRANSCRIPTS = PROJECT_ROOT / "tests" / "transcripts"
PERSONA_TESTS = PROJECT_ROOT / "personas" / "tests"
NAME_RE = re.compile(r"^(?P<persona>[a-z_]+?)_(?P<quality>good|poor)(?:_\d+)?\.txt$")
RESULT_RANK = {"complained": 0, "left": 1, "open": 2, "unpaid": 3, "purchased": 4, "resolved": 4}
SEEDS = (1, 2, 3)


def transcripts() -> list[tuple[str, str, Path]]:
    found = []
    for path in sorted(TRANSCRIPTS.glob("*.txt")):
        match = NAME_RE.match(path.name)
        if match:
            found.append((match["persona"], match["quality"], path))
    return found


def play(library: ContentLibrary, detector: TechniqueDetector, persona_id: str, path: Path, seed: int):
    persona = library.persona(persona_id)
    scenario = library.scenario(persona.default_scenario)
    lines = parse_transcript(path.read_text(encoding="utf-8").splitlines())
    return run_transcript(persona, scenario, detector, seed, lines).outcome()


def test_every_shipped_persona_has_a_good_and_a_poor_transcript(library: ContentLibrary) -> None:
    pairs = {(persona, quality) for persona, quality, _ in transcripts()}
    for persona_id in library.personas:
        assert (persona_id, "good") in pairs and (persona_id, "poor") in pairs, persona_id


@pytest.mark.parametrize(("persona_id", "quality", "path"), transcripts(), ids=lambda value: str(value))
def test_transcript_ends_as_its_authored_test_expects(
    library: ContentLibrary, detector: TechniqueDetector, persona_id: str, quality: str, path: Path
) -> None:
    authored = load_test(PERSONA_TESTS / f"{path.stem}.yaml")
    steps = [(step.say, step.after) for step in authored.model.steps]
    transcript = [
        (line.text, line.delay) for line in parse_transcript(path.read_text(encoding="utf-8").splitlines())
    ]
    assert (authored.model.persona, steps) == (persona_id, transcript)  # the test is this transcript
    assert authored.model.expect.passed is (quality == "good")
    result = run_test(authored, library, detector)
    assert result.passed, result.failures


@pytest.mark.parametrize("seed", SEEDS)
def test_good_trainees_do_better_than_poor_ones(
    library: ContentLibrary, detector: TechniqueDetector, seed: int
) -> None:
    by_persona: dict[str, dict[str, list[SessionOutcome]]] = {}
    for persona_id, quality, path in transcripts():
        outcome = play(library, detector, persona_id, path, seed)
        by_persona.setdefault(persona_id, {}).setdefault(quality, []).append(outcome)
    for persona_id, outcomes in by_persona.items():
        for good in outcomes.get("good", []):
            for poor in outcomes.get("poor", []):
                good_key = (RESULT_RANK[good.result.value], good.satisfaction or 0)
                poor_key = (RESULT_RANK[poor.result.value], poor.satisfaction or 0)
                assert good_key > poor_key, (persona_id, good, poor)
