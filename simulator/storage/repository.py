"""Reading and writing sessions; returns domain objects, never rows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Text, cast, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from simulator.domain.history import (
    SessionSummary,
    StoredChange,
    StoredInput,
    StoredMessage,
    StoredSession,
)
from simulator.storage.lease import held_elsewhere, new_owner
from simulator.storage.models import ChangeRow, InputRow, MessageRow, ScoreItemRow, SessionRow, TraineeRow


def _summary(row: SessionRow) -> SessionSummary:
    return SessionSummary(
        id=row.id,
        persona=row.persona,
        scenario=row.scenario,
        seed=row.seed,
        mode=row.mode,
        started_at=row.started_at,
        ended_at=row.ended_at,
        result=row.result,
        total=row.total,
        passed=row.passed,
        satisfaction=row.satisfaction,
        price=row.price,
        trainee_turns=row.trainee_turns,
        trainee=row.trainee.name,
    )


class SessionTakenOver(Exception):
    """The session's lease belongs to another window now; this one must stop writing to it."""

    def __init__(self, session_id: int) -> None:
        self.session_id = session_id
        super().__init__(f"session {session_id} was taken over by another window")


class SessionRepository:
    """Every write commits at once: a message written is a message kept, whatever happens next.

    Each repository is one window's (``owner``): a session it starts or resumes is leased to it, and
    another window's live session is neither offered for resume nor closed (``unfinished``, ``close``).
    """

    def __init__(
        self, engine: Engine, owner: str | None = None, clock: Callable[[], datetime] = datetime.now
    ) -> None:
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self.engine = engine  # the class board's and the exams' queries run on the same database
        self.owner = owner or new_owner()
        self._clock = clock

    def _trainee(self, db: Session, name: str) -> TraineeRow:
        trainee = db.scalar(select(TraineeRow).where(TraineeRow.name == name))
        if trainee is None:
            trainee = TraineeRow(name=name)
            db.add(trainee)
            db.flush()
        return trainee

    def start(
        self, persona: str, scenario: str, seed: int, mode: str, started_at: datetime, trainee: str = "学员",
        exam_id: int | None = None,
    ) -> int:  # fmt: skip
        # Two windows may create the same trainee at once: the loser of that race simply retries.
        for attempt in range(3):
            try:
                with self._factory.begin() as db:
                    row = SessionRow(
                        trainee_id=self._trainee(db, trainee).id,
                        persona=persona,
                        scenario=scenario,
                        seed=seed,
                        mode=mode,
                        started_at=started_at,
                        exam_id=exam_id,
                        lease_owner=self.owner,
                        lease_heartbeat=self._clock(),
                    )
                    db.add(row)
                    db.flush()
                    return row.id
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def add_turn(
        self,
        session_id: int,
        messages: Iterable[dict[str, Any]],
        changes: Iterable[dict[str, Any]] = (),
        inputs: Iterable[StoredInput] = (),
    ) -> None:
        """One step of a session in one transaction: its inputs, the messages and changes they gave."""
        with self._factory.begin() as db:
            # One guarded statement, so a claim by another window between a read and a write cannot
            # slip through: the step is written only while this window holds the open session.
            self._hold(db, session_id)
            row = db.get_one(SessionRow, session_id)
            for item in inputs:
                db.add(
                    InputRow(
                        session_id=session_id,
                        seq=item.seq,
                        kind=item.kind,
                        at=item.at,
                        text=item.text,
                        record=item.record,
                    )
                )
            for message in messages:
                db.add(MessageRow(session_id=session_id, **message))
                row.trainee_turns += message["sender"] == "trainee"
            for change in changes:
                db.add(ChangeRow(session_id=session_id, **change))

    def finish(
        self,
        session_id: int,
        ended_at: datetime,
        result: str,
        price: float | None,
        satisfaction: int | None,
        total: int,
        passed: bool,
        rubric_version: int,
        items: Iterable[dict[str, Any]],
        document: dict[str, Any] | None = None,
    ) -> None:
        with self._factory.begin() as db:
            self._hold(db, session_id)
            row = db.get_one(SessionRow, session_id)
            row.ended_at, row.result, row.price, row.satisfaction = ended_at, result, price, satisfaction
            row.total, row.passed, row.rubric_version = total, passed, rubric_version
            row.document = document
            row.lease_owner = row.lease_heartbeat = None
            for item in items:
                db.add(ScoreItemRow(session_id=session_id, **item))

    def list(
        self, persona: str | None = None, scenario: str | None = None, mode: str | None = None,
        result: str | None = None, since: datetime | None = None, limit: int | None = None,
    ) -> list[SessionSummary]:  # fmt: skip
        query = select(SessionRow).order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
        for column, value in (
            (SessionRow.persona, persona),
            (SessionRow.scenario, scenario),
            (SessionRow.mode, mode),
            (SessionRow.result, result),
        ):
            if value is not None:
                query = query.where(column == value)
        if since is not None:
            query = query.where(SessionRow.started_at >= since)
        if limit is not None:
            query = query.limit(limit)
        with self._factory() as db:
            return [_summary(row) for row in db.scalars(query)]

    def techniques_by_session(self, session_ids: list[int]) -> dict[int, set[str]]:
        """The techniques each session's trainee messages showed (one query for all sessions)."""
        result: dict[int, set[str]] = {session_id: set() for session_id in session_ids}
        if not session_ids:
            return result
        # The JSON text comes back raw and each distinct list is decoded once: trainees repeat the same
        # few technique lists thousands of times, and decoding every row dominated the cost.
        # As text: PostgreSQL has no equality on json, so DISTINCT over the json column itself fails.
        raw = cast(MessageRow.techniques, Text)
        query = select(MessageRow.session_id, raw).where(MessageRow.sender == "trainee").distinct()
        if len(session_ids) < 900:  # SQLite's limit on bound parameters
            query = query.where(MessageRow.session_id.in_(session_ids))
        decoded: dict[str, list[str]] = {}
        with self._factory() as db:
            for session_id, text in db.execute(query):
                if session_id in result and text:
                    if text not in decoded:
                        decoded[text] = json.loads(text)
                    result[session_id].update(decoded[text])
        return result

    def close(self, session_id: int, ended_at: datetime) -> bool:
        """An unfinished session the trainee chose not to resume: kept, marked as not finished.

        False (and nothing changed) when another live window has it open."""
        with self._factory.begin() as db:
            row = db.get_one(SessionRow, session_id)
            if row.ended_at is not None or self._held_elsewhere(row):
                return False
            # Conditional on the lease as it was read: a window claiming it meanwhile wins.
            closed = db.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id, SessionRow.ended_at.is_(None))
                .where(
                    SessionRow.lease_owner.is_(None)
                    if row.lease_owner is None
                    else SessionRow.lease_owner == row.lease_owner
                )
                .values(ended_at=ended_at, result="open", lease_owner=None, lease_heartbeat=None)
                .execution_options(synchronize_session=False)
            )
            return closed.rowcount == 1

    def unfinished(self) -> list[SessionSummary]:
        """Sessions left unfinished that no other live window holds: the ones to offer for resume."""
        with self._factory() as db:
            rows = db.scalars(select(SessionRow).where(SessionRow.ended_at.is_(None)).order_by(SessionRow.id))
            return [_summary(row) for row in rows if not self._held_elsewhere(row)]

    def claim(self, session_id: int) -> bool:
        """Take the lease of an unfinished session to resume it; False when a live window holds it."""
        with self._factory.begin() as db:
            row = db.get_one(SessionRow, session_id)
            if row.ended_at is not None or self._held_elsewhere(row):
                return False
            # Conditional on the owner read: of two windows claiming at once, one wins.
            taken = db.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id)
                .where(or_(SessionRow.lease_owner.is_(None), SessionRow.lease_owner == row.lease_owner))
                .values(lease_owner=self.owner, lease_heartbeat=self._clock())
                .execution_options(synchronize_session=False)
            )
            return taken.rowcount == 1

    def renew(self, session_id: int) -> bool:
        """The heartbeat of an open session; False when the lease was lost to another window."""
        with self._factory.begin() as db:
            renewed = db.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id, SessionRow.lease_owner == self.owner)
                .values(lease_heartbeat=self._clock())
                .execution_options(synchronize_session=False)
            )
            return renewed.rowcount == 1

    def release(self, session_id: int) -> None:
        """The window lets the session go (it closes without finishing): it can be resumed at once."""
        with self._factory.begin() as db:
            db.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id, SessionRow.lease_owner == self.owner)
                .values(lease_owner=None, lease_heartbeat=None)
                .execution_options(synchronize_session=False)
            )

    def _hold(self, db: Session, session_id: int) -> None:
        """Renew the heartbeat if this window holds the open session; SessionTakenOver otherwise."""
        held = db.execute(
            update(SessionRow)
            .where(SessionRow.id == session_id, SessionRow.ended_at.is_(None))
            .where(or_(SessionRow.lease_owner.is_(None), SessionRow.lease_owner == self.owner))
            .values(lease_heartbeat=self._clock())
            .execution_options(synchronize_session=False)
        )
        if held.rowcount != 1:
            # Another window took it over, or it was closed: writing on would mix two conversations.
            raise SessionTakenOver(session_id)

    def _held_elsewhere(self, row: SessionRow) -> bool:
        return held_elsewhere(row.lease_owner, row.lease_heartbeat, self.owner, self._clock())

    def load(self, session_id: int) -> StoredSession:
        with self._factory() as db:
            row = db.get_one(SessionRow, session_id)
            messages = tuple(
                StoredMessage(m.turn, m.sender, m.text, m.at, m.delay, tuple(m.techniques), m.state)
                for m in row.messages
            )
            changes = tuple(
                StoredChange(c.turn, c.kind, c.name, c.before, c.after, c.event, c.note) for c in row.changes
            )
            inputs = tuple(StoredInput(i.seq, i.kind, i.at, i.text, i.record) for i in row.inputs)
            return StoredSession(_summary(row), messages, changes, inputs, row.document)
