"""Playing real transcripts into a database as trainees would: the class board's test data."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from simulator.detection.detector import TechniqueDetector
from simulator.domain.techniques import TechniqueKind
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession
from simulator.services.transcript import parse_transcript
from simulator.storage.repository import SessionRepository
from tests.conftest import PROJECT_ROOT

TRANSCRIPTS = PROJECT_ROOT / "tests" / "transcripts"
_NAME_RE = re.compile(r"^(?P<persona>[a-z_]+?)_(?:good|poor)(?:_\d+)?$")


def persona_of(transcript: str) -> str:
    match = _NAME_RE.match(transcript)
    assert match, transcript
    return match["persona"]


def play(
    library: ContentLibrary,
    detector: TechniqueDetector,
    repository: SessionRepository,
    transcript: str,
    trainee: str,
    started_at: datetime,
    seed: int = 3,
    exam_id: int | None = None,
    finish: bool = True,
) -> TrainingSession:
    """tests/transcripts/<transcript>.txt played as `play` does, stored under ``trainee``."""
    lines = parse_transcript((TRANSCRIPTS / f"{transcript}.txt").read_text(encoding="utf-8").splitlines())
    mode = "exam" if exam_id is not None else "practice"
    training = TrainingSession.start(
        library, detector, persona_of(transcript), None, seed, mode, repository, started_at, trainee, exam_id
    )
    for line in lines if finish else lines[:1]:
        training.send(line.text, training.buyer.last_buyer_at + line.delay)
    if finish:
        training.finish(started_at + timedelta(minutes=10))
    assert not training.storage_error, training.storage_error
    return training


def techniques_shown(training: TrainingSession, library: ContentLibrary) -> set[str]:
    """The good and context techniques the trainee's messages showed (as the live session saw them)."""
    found = set()
    for record in training.buyer.history:
        if record.text is not None and record.detection is not None:
            found.update(record.detection.techniques)
    return {t for t in found if library.catalogue.get(t).kind is not TechniqueKind.BAD}
