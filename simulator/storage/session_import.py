"""Stored sessions to and from plain data, for session files (simulator/services/session_files.py).

The plain shape is one dict per session, with its rows as lists of dicts, named as the columns are:
``trainee, persona, scenario, seed, mode, started_at, ended_at, result, total, passed, satisfaction,
price, rubric_version, inputs, messages, changes, score_items, document`` (and ``id`` when read).
The services layer validates a file into this shape; here it only becomes rows, or rows become it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from simulator.storage.models import ChangeRow, InputRow, MessageRow, ScoreItemRow, SessionRow, TraineeRow
from simulator.storage.repository import SessionRepository

# The result a session gets when it is kept without being finished (as SessionRepository.close does).
NOT_FINISHED = "open"
_MESSAGE_FIELDS = ("turn", "sender", "text", "at", "delay", "techniques", "spans", "state")
_CHANGE_FIELDS = ("turn", "kind", "name", "before", "after", "event", "rule_line", "note")
_ITEM_FIELDS = ("turn", "rule", "component", "points", "reason", "quote", "better")
_INPUT_FIELDS = ("seq", "kind", "at", "text", "record")
_CHILDREN = (
    (InputRow, "inputs", _INPUT_FIELDS),
    (MessageRow, "messages", _MESSAGE_FIELDS),
    (ChangeRow, "changes", _CHANGE_FIELDS),
    (ScoreItemRow, "score_items", _ITEM_FIELDS),
)


def engine_of(repository: SessionRepository) -> Engine:
    """The engine a repository reads and writes."""
    return repository.engine


def session_ids(engine: Engine) -> list[int]:
    """Every stored session, oldest first (the order an export of all sessions keeps)."""
    with Session(engine) as db:
        return list(db.scalars(select(SessionRow.id).order_by(SessionRow.started_at, SessionRow.id)))


def exported_sessions(engine: Engine, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The sessions ``ids`` in the plain shape, in the order asked; LookupError names a missing one."""
    query = select(SessionRow).options(
        selectinload(SessionRow.messages),
        selectinload(SessionRow.changes),
        selectinload(SessionRow.items),
        selectinload(SessionRow.inputs),
    )
    found: dict[int, dict[str, Any]] = {}
    with Session(engine) as db:
        # Bound parameters are limited (SQLite: 999), so a long list is read in slices.
        for start in range(0, len(ids), 500):
            for row in db.scalars(query.where(SessionRow.id.in_(list(ids[start : start + 500])))):
                found[row.id] = _plain(row)
    missing = [session_id for session_id in ids if session_id not in found]
    if missing:
        raise LookupError(f"没有会话 #{', #'.join(str(session_id) for session_id in missing)}")
    return [found[session_id] for session_id in ids]


def _plain(row: SessionRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "trainee": row.trainee.name,
        "persona": row.persona,
        "scenario": row.scenario,
        "seed": row.seed,
        "mode": row.mode,
        "started_at": row.started_at,
        "ended_at": row.ended_at,
        "result": row.result,
        "total": row.total,
        "passed": row.passed,
        "satisfaction": row.satisfaction,
        "price": row.price,
        "rubric_version": row.rubric_version,
        "inputs": [{name: getattr(item, name) for name in _INPUT_FIELDS} for item in row.inputs],
        "messages": [{name: getattr(item, name) for name in _MESSAGE_FIELDS} for item in row.messages],
        "changes": [{name: getattr(item, name) for name in _CHANGE_FIELDS} for item in row.changes],
        "score_items": [{name: getattr(item, name) for name in _ITEM_FIELDS} for item in row.items],
        "document": row.document,
    }


SessionKey = tuple[str, str, int, datetime]  # persona, scenario, seed, started_at


def sessions_like(engine: Engine, keys: Iterable[SessionKey]) -> dict[SessionKey, list[dict[str, Any]]]:
    """For each key, the stored sessions that could be that same session (same buyer, case, seed and
    start), with what tells them apart: ``id``, ``trainee``, ``inputs`` and the trainee's ``messages``."""
    wanted = set(keys)
    found: dict[SessionKey, list[dict[str, Any]]] = {key: [] for key in wanted}
    starts = sorted({key[3] for key in wanted})
    query = select(SessionRow).options(selectinload(SessionRow.inputs), selectinload(SessionRow.messages))
    with Session(engine) as db:
        for start in range(0, len(starts), 500):  # bound parameters are limited (SQLite: 999)
            for row in db.scalars(query.where(SessionRow.started_at.in_(starts[start : start + 500]))):
                key = (row.persona, row.scenario, row.seed, row.started_at)
                if key in found:
                    found[key].append(
                        {
                            "id": row.id,
                            "trainee": row.trainee.name,
                            "inputs": [
                                {name: getattr(i, name) for name in _INPUT_FIELDS} for i in row.inputs
                            ],
                            "messages": [
                                {name: getattr(m, name) for name in _MESSAGE_FIELDS}
                                for m in row.messages
                                if m.sender == "trainee"
                            ],
                        }
                    )
    return found


def insert_sessions(engine: Engine, sessions: Sequence[Mapping[str, Any]]) -> list[int]:
    """Store the sessions in one transaction (all of them or, on any error, none) and return their new
    ids in order. They are stored finished and unleased: an imported session is never resumed."""
    factory = sessionmaker(engine, expire_on_commit=False)
    # Another program may create the same trainee at the same moment: the loser retries once more.
    for attempt in range(3):
        try:
            with factory.begin() as db:
                trainees: dict[str, TraineeRow] = {}
                rows = [_row(db, session, trainees) for session in sessions]
                db.add_all(rows)
                db.flush()
                # The rows of every session in one executemany per table: a class's import of
                # thousands of messages would otherwise be a statement per row.
                for table, name, fields in _CHILDREN:
                    children = [
                        {"session_id": row.id, **{field: item[field] for field in fields}}
                        for row, session in zip(rows, sessions, strict=True)
                        for item in session[name]
                    ]
                    if children:
                        db.execute(insert(table), children)
                return [row.id for row in rows]
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _trainee(db: Session, name: str, known: dict[str, TraineeRow]) -> TraineeRow:
    if name not in known:
        trainee = db.scalar(select(TraineeRow).where(TraineeRow.name == name))
        if trainee is None:
            trainee = TraineeRow(name=name)
            db.add(trainee)
            db.flush()
        known[name] = trainee
    return known[name]


def _row(db: Session, session: Mapping[str, Any], trainees: dict[str, TraineeRow]) -> SessionRow:
    """The session's own row (its inputs, messages, changes and items are inserted after it)."""
    ended_at, result = session["ended_at"], session["result"]
    if ended_at is None:
        # Still open when it was exported: kept as a session not finished, ended at its last input,
        # so it is shown and replayed but never offered for resume on this machine.
        last = max((item["at"] for item in session["inputs"]), default=0.0)
        ended_at, result = session["started_at"] + timedelta(seconds=last), result or NOT_FINISHED
    return SessionRow(
        trainee=_trainee(db, session["trainee"], trainees),
        persona=session["persona"],
        scenario=session["scenario"],
        seed=session["seed"],
        mode=session["mode"],
        started_at=session["started_at"],
        ended_at=ended_at,
        result=result,
        price=session["price"],
        satisfaction=session["satisfaction"],
        total=session["total"],
        passed=session["passed"],
        rubric_version=session["rubric_version"],
        trainee_turns=sum(message["sender"] == "trainee" for message in session["messages"]),
        document=session["document"],
        lease_owner=None,
        lease_heartbeat=None,
    )
