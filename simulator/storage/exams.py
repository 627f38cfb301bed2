"""Exams the teacher assigns: stored in `exams`, listed on every trainee's start page while open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import sessionmaker

from simulator.storage.models import ExamRow


@dataclass(frozen=True)
class Exam:
    """One assigned exam: every trainee meets the same buyer (persona, scenario, seed) in the same time."""

    id: int
    title: str
    persona: str
    scenario: str
    seed: int
    time_limit_minutes: int
    created_at: datetime
    closed_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def _exam(row: ExamRow) -> Exam:
    return Exam(
        id=row.id,
        title=row.title,
        persona=row.persona,
        scenario=row.scenario,
        seed=row.seed,
        time_limit_minutes=row.time_limit_minutes,
        created_at=row.created_at,
        closed_at=row.closed_at,
    )


class ExamStore:
    """Creating, listing and closing exams; every write commits at once."""

    def __init__(self, engine: Engine) -> None:
        self._factory = sessionmaker(engine, expire_on_commit=False)

    def create(
        self,
        title: str,
        persona: str,
        scenario: str,
        seed: int,
        time_limit_minutes: int,
        created_at: datetime,
    ) -> Exam:
        with self._factory.begin() as db:
            row = ExamRow(
                title=title,
                persona=persona,
                scenario=scenario,
                seed=seed,
                time_limit_minutes=time_limit_minutes,
                created_at=created_at,
            )
            db.add(row)
            db.flush()
            return _exam(row)

    def list_open(self) -> list[Exam]:
        """The exams still open, newest first (the start page's cards)."""
        query = select(ExamRow).where(ExamRow.closed_at.is_(None)).order_by(ExamRow.id.desc())
        with self._factory() as db:
            return [_exam(row) for row in db.scalars(query)]

    def list_all(self) -> list[Exam]:
        """Every exam, open or closed, newest first (the class board's filter)."""
        with self._factory() as db:
            return [_exam(row) for row in db.scalars(select(ExamRow).order_by(ExamRow.id.desc()))]

    def get(self, exam_id: int) -> Exam | None:
        with self._factory() as db:
            row = db.get(ExamRow, exam_id)
            return None if row is None else _exam(row)

    def close(self, exam_id: int, closed_at: datetime) -> bool:
        """Close an open exam; False (nothing changed) when there is no such exam or it was closed."""
        with self._factory.begin() as db:
            # Conditional, so two teachers closing at once both see one close win, not two stamps.
            closed = db.execute(
                update(ExamRow)
                .where(ExamRow.id == exam_id, ExamRow.closed_at.is_(None))
                .values(closed_at=closed_at)
                .execution_options(synchronize_session=False)
            )
            return closed.rowcount == 1
