"""Good and poor trainees end as the course predicts, for every persona.

Each file tests/transcripts/<persona>_<good|poor>[_N].txt is a session; an optional header line
`# expect: result=purchased|unpaid satisfaction>=4 price=96` pins its outcome. Whatever the
pins, every good transcript of a persona must end better than every poor one: outcome first, then
satisfaction.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.detection.detector import TechniqueDetector
from simulator.engine.session import SessionOutcome
from simulator.services.library import ContentLibrary
from simulator.services.play import run_transcript
from simulator.services.transcript import parse_transcript
from tests.conftest import PROJECT_ROOT

TRANSCRIPTS = PROJECT_ROOT / "tests" / "transcripts"
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


def check_expectation(outcome: SessionOutcome, expectation: str) -> None:
    for clause in expectation.split():
        key, operator, value = re.match(r"(\w+)(>=|<=|=)(.+)", clause).groups()  # type: ignore[union-attr]
        if key == "result":
            assert outcome.result.value in value.split("|"), outcome
        elif key == "satisfaction":
            assert outcome.satisfaction is not None
            limit = int(value)
            assert outcome.satisfaction >= limit if operator == ">=" else outcome.satisfaction <= limit, (
                outcome
            )
        elif key == "price":
            assert outcome.price == pytest.approx(float(value)), outcome


def test_every_shipped_persona_has_a_good_and_a_poor_transcript(library: ContentLibrary) -> None:
    pairs = {(persona, quality) for persona, quality, _ in transcripts()}
    for persona_id in library.personas:
        assert (persona_id, "good") in pairs and (persona_id, "poor") in pairs, persona_id


@pytest.mark.parametrize(("persona_id", "quality", "path"), transcripts(), ids=lambda value: str(value))
@pytest.mark.parametrize("seed", SEEDS)
def test_transcript_ends_as_expected(
    library: ContentLibrary, detector: TechniqueDetector, persona_id: str, quality: str, path: Path, seed: int
) -> None:
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# expect:")]
    outcome = play(library, detector, persona_id, path, seed)
    if header:
        check_expectation(outcome, header[0].removeprefix("# expect:").strip())


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
