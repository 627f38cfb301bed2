"""The class board's aggregate queries: each answers one part of the board for all sessions at once.

Five statements build a whole board, whatever the number of sessions: the counts per persona and
scenario, the trainees' scores, the techniques the trainees' messages showed, the techniques the
rubrics asked for and that were missed, and the taboo hits with the turns they happened in. They
run the same on SQLite and on PostgreSQL (no JSON operators: a technique list is read as text).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Engine, Text, case, cast, func, select
from sqlalchemy.orm import sessionmaker

from simulator.storage.models import MessageRow, ScoreItemRow, SessionRow, TraineeRow

# How the scorer reports its findings in score items (simulator/scoring/): a point of the persona's
# 接待策略 that the session never showed is a "strategy" item of 0 points under the technique's id
# (a point shown earns its share, > 0; a point to avoid that was broken costs points, < 0); every
# service-taboo hit is a "penalty" item under the taboo's id, on the turn it was said.
STRATEGY = "strategy"
PENALTY = "penalty"


@dataclass(frozen=True)
class BoardFilter:
    """Which sessions the board counts: since a date, one persona, one scenario, one exam (None: all)."""

    since: datetime | None = None
    persona: str | None = None
    scenario: str | None = None
    exam_id: int | None = None


@dataclass(frozen=True)
class PairingCount:
    persona: str
    scenario: str
    sessions: int
    scored: int  # finished and scored (a session left unfinished has no score)
    mean_score: float | None
    passed: int


@dataclass(frozen=True)
class TraineeScores:
    trainee_id: int
    position: int  # 1 for the first trainee ever stored: the stable base of the anonymous label
    name: str
    sessions: int
    scored: int
    mean_score: float | None
    best_score: int | None


@dataclass(frozen=True)
class Expectation:
    expected: int  # scored sessions whose rubric asked for the technique
    missed: int  # of those, the sessions that never showed it


@dataclass(frozen=True)
class TabooHit:
    technique_id: str
    session_id: int
    turn: int
    quote: str
    trainee_id: int
    started_at: datetime


def _conditions(filters: BoardFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.since is not None:
        conditions.append(SessionRow.started_at >= filters.since)
    if filters.persona is not None:
        conditions.append(SessionRow.persona == filters.persona)
    if filters.scenario is not None:
        conditions.append(SessionRow.scenario == filters.scenario)
    if filters.exam_id is not None:
        conditions.append(SessionRow.exam_id == filters.exam_id)
    return conditions


class ClassQueries:
    def __init__(self, engine: Engine) -> None:
        self._factory = sessionmaker(engine)

    def pairings(self, filters: BoardFilter) -> list[PairingCount]:
        """Sessions per persona and scenario: how many, how many scored, their mean, how many passed."""
        query = (
            select(
                SessionRow.persona,
                SessionRow.scenario,
                func.count(SessionRow.id),
                func.count(SessionRow.total),
                func.avg(SessionRow.total),
                func.sum(case((SessionRow.passed.is_(True), 1), else_=0)),
            )
            .where(*_conditions(filters))
            .group_by(SessionRow.persona, SessionRow.scenario)
            .order_by(SessionRow.persona, SessionRow.scenario)
        )
        with self._factory() as db:
            return [
                PairingCount(persona, scenario, sessions, scored, _mean(mean), int(passed or 0))
                for persona, scenario, sessions, scored, mean, passed in db.execute(query)
            ]

    def trainees(self, filters: BoardFilter) -> list[TraineeScores]:
        """Every trainee with a session in the filter: sessions, scored sessions, mean and best score."""
        # The position among all trainees (not among those shown), so a label stays with its trainee
        # whatever the filter.
        ranked = select(
            TraineeRow.id, TraineeRow.name, func.row_number().over(order_by=TraineeRow.id).label("position")
        ).subquery()
        query = (
            select(
                ranked.c.id,
                ranked.c.position,
                ranked.c.name,
                func.count(SessionRow.id),
                func.count(SessionRow.total),
                func.avg(SessionRow.total),
                func.max(SessionRow.total),
            )
            .join(SessionRow, SessionRow.trainee_id == ranked.c.id)
            .where(*_conditions(filters))
            .group_by(ranked.c.id, ranked.c.position, ranked.c.name)
        )
        with self._factory() as db:
            return [
                TraineeScores(trainee_id, int(position), name, sessions, scored, _mean(mean), best)
                for trainee_id, position, name, sessions, scored, mean, best in db.execute(query)
            ]

    def technique_use(self, filters: BoardFilter) -> tuple[int, dict[str, int]]:
        """(scored sessions, technique id → scored sessions whose trainee messages showed it)."""
        scored = SessionRow.total.is_not(None)
        count = select(func.count(SessionRow.id)).where(scored, *_conditions(filters))
        # Each session's distinct technique lists as text, each distinct text decoded once (as
        # SessionRepository.techniques_by_session does): trainees repeat the same few lists. The cast
        # also lets PostgreSQL compare them (its json type has no equality for DISTINCT).
        raw = cast(MessageRow.techniques, Text)
        lists = (
            select(MessageRow.session_id, raw)
            .join(SessionRow, SessionRow.id == MessageRow.session_id)
            .where(MessageRow.sender == "trainee", scored, *_conditions(filters))
            .distinct()
        )
        used: dict[int, set[str]] = {}
        decoded: dict[str, list[str]] = {}
        with self._factory() as db:
            sessions = db.scalar(count) or 0
            for session_id, text in db.execute(lists):
                if not text:
                    continue
                if text not in decoded:
                    decoded[text] = _technique_ids(text)
                used.setdefault(session_id, set()).update(decoded[text])
        counts: dict[str, int] = {}
        for techniques in used.values():
            for technique_id in techniques:
                counts[technique_id] = counts.get(technique_id, 0) + 1
        return sessions, counts

    def expectations(self, filters: BoardFilter) -> dict[str, Expectation]:
        """Technique id → how many scored sessions' rubrics asked for it, and how many missed it."""
        query = (
            select(
                ScoreItemRow.rule,
                func.count(func.distinct(ScoreItemRow.session_id)),
                func.count(func.distinct(case((ScoreItemRow.points == 0, ScoreItemRow.session_id)))),
            )
            .join(SessionRow, SessionRow.id == ScoreItemRow.session_id)
            .where(ScoreItemRow.component == STRATEGY, ScoreItemRow.points >= 0, *_conditions(filters))
            .group_by(ScoreItemRow.rule)
        )
        with self._factory() as db:
            return {rule: Expectation(expected, missed) for rule, expected, missed in db.execute(query)}

    def taboo_hits(self, filters: BoardFilter) -> list[TabooHit]:
        """Every taboo hit with its session and turn, newest session first, in turn order."""
        query = (
            select(
                ScoreItemRow.rule,
                ScoreItemRow.session_id,
                ScoreItemRow.turn,
                ScoreItemRow.quote,
                SessionRow.trainee_id,
                SessionRow.started_at,
            )
            .join(SessionRow, SessionRow.id == ScoreItemRow.session_id)
            .where(ScoreItemRow.component == PENALTY, *_conditions(filters))
            .order_by(SessionRow.started_at.desc(), ScoreItemRow.session_id.desc(), ScoreItemRow.id)
        )
        with self._factory() as db:
            return [TabooHit(*row) for row in db.execute(query)]


def _mean(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]  # Decimal on PostgreSQL


def _technique_ids(text: str) -> list[str]:
    """A stored technique list; anything else (a damaged row) counts as no technique."""
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
