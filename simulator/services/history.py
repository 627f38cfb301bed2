"""Keeping sessions: a recorder writes every turn the moment it happens, and the finished score."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from simulator.detection.detector import TechniqueDetector
from simulator.domain.history import StoredSession
from simulator.engine.records import TurnRecord
from simulator.engine.session import BuyerSession
from simulator.scoring.scorecard import ScoreCard
from simulator.services.library import ContentLibrary
from simulator.storage.repository import SessionRepository


def rebuild_session(
    library: ContentLibrary, detector: TechniqueDetector, stored: StoredSession
) -> BuyerSession:
    """The same buyer again, from a stored transcript: same seed and messages give the same session."""
    summary = stored.summary
    persona = library.persona(summary.persona)
    session = BuyerSession(persona, library.scenario(summary.scenario), detector, summary.seed)
    for message in stored.messages:
        if message.sender == "trainee":
            session.receive(message.text, message.at)
    return session


def _messages(record: TurnRecord) -> list[dict[str, Any]]:
    messages = []
    if record.text is not None:
        detection = record.detection
        messages.append(
            {
                "turn": record.index,
                "sender": "trainee",
                "text": record.text,
                "at": record.at,
                "delay": record.delay,
                "techniques": list(detection.techniques) if detection else [],
                "spans": [
                    {"id": span.technique_id, "start": span.start, "end": span.end}
                    for span in detection.spans
                ]
                if detection
                else [],
                "state": record.state,
            }
        )
    for line in record.buyer_lines:
        messages.append(
            {"turn": record.index, "sender": "buyer", "text": line, "at": record.at, "delay": 0.0,
             "techniques": [], "spans": [], "state": record.state}
        )  # fmt: skip
    return messages


def _changes(record: TurnRecord) -> list[dict[str, Any]]:
    changes = [
        {"turn": record.index, "kind": "variable", "name": c.variable, "before": f"{c.before:g}",
         "after": f"{c.after:g}", "event": c.cause.event, "rule_line": c.cause.line, "note": c.cause.note}
        for c in record.changes
    ]  # fmt: skip
    if record.state_change is not None:
        change = record.state_change
        changes.append(
            {"turn": record.index, "kind": "state", "name": "state", "before": change.source,
             "after": change.dest, "event": change.cause.event, "rule_line": change.cause.line,
             "note": change.cause.note}
        )  # fmt: skip
    return changes


class SessionRecorder:
    """Attach to a BuyerSession: every record is stored as it happens (a crash loses nothing)."""

    def __init__(
        self,
        repository: SessionRepository,
        session: BuyerSession,
        mode: str,
        started_at: datetime,
        resumed_id: int | None = None,
    ) -> None:
        self.repository = repository
        self.session = session
        if resumed_id is None:
            persona, scenario = session.persona.id, session.scenario.id
            self.session_id = repository.start(persona, scenario, session.seed, mode, started_at)
            for record in session.history:  # the opening, already said
                self.store(record)
        else:
            self.session_id = resumed_id  # its history is stored already
        session.add_listener(self.store)

    def store(self, record: TurnRecord) -> None:
        self.repository.add_turn(self.session_id, _messages(record), _changes(record))

    def finish(self, card: ScoreCard, ended_at: datetime) -> None:
        outcome = self.session.outcome()
        items = [
            {"turn": i.turn, "rule": i.rule, "component": i.component, "points": i.points, "reason": i.reason,
             "quote": i.quote, "better": i.better}
            for i in card.items
        ]  # fmt: skip
        self.repository.finish(
            self.session_id, ended_at, outcome.result.value, outcome.price, outcome.satisfaction,
            card.total, card.passed, card.rubric_version, items,
        )  # fmt: skip
