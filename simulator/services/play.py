"""Running a whole session from a transcript, and its JSON form (the `play --json` contract)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import Persona
from simulator.domain.scenario import Scenario
from simulator.engine.records import TurnRecord
from simulator.engine.session import BuyerSession
from simulator.services.transcript import TranscriptLine


def run_transcript(
    persona: Persona,
    scenario: Scenario,
    detector: TechniqueDetector,
    seed: int,
    lines: Sequence[TranscriptLine],
) -> BuyerSession:
    session = BuyerSession(persona, scenario, detector, seed)
    run_lines(session, lines)
    return session


def run_lines(session: BuyerSession, lines: Sequence[TranscriptLine]) -> None:
    """Feed a transcript: each message comes its delay after the buyer's last line."""
    for line in lines:
        session.receive(line.text, session.last_buyer_at + line.delay)


def trainee_turns(session: BuyerSession) -> list[TurnRecord]:
    return [record for record in session.history if record.text is not None]


def turn_json(record: TurnRecord) -> dict[str, Any]:
    detection = record.detection
    turn: dict[str, Any] = {
        "trainee": record.text,
        "delay_s": round(record.delay, 1),
        "techniques": list(detection.techniques) if detection else [],
        "events": [event for event in record.events if event != "check"],
        "buyer": list(record.buyer_lines),
        "state": record.state,
    }
    if record.facts:
        turn["facts"] = dict(record.facts)
    if record.changes:
        turn["changes"] = [
            {
                "variable": change.variable,
                "before": change.before,
                "after": change.after,
                "event": change.cause.event,
                "line": change.cause.line,
                "why": change.cause.note,
            }
            for change in record.changes
        ]
    if record.state_change is not None:
        cause = record.state_change.cause
        turn["transition"] = {
            "from": record.state_change.source,
            "to": record.state_change.dest,
            "event": cause.event,
            "line": cause.line,
            "why": cause.note,
        }
    return turn


def tick_json(record: TurnRecord) -> dict[str, Any]:
    """A clock tick that made the buyer act (a nudge, leaving): shown with the next message."""
    return {
        "trainee": None,
        "delay_s": round(record.delay, 1),
        "techniques": [],
        "events": [],
        "buyer": list(record.buyer_lines),
        "state": record.state,
    }


def session_json(session: BuyerSession) -> dict[str, Any]:
    outcome = session.outcome()
    turns: list[dict[str, Any]] = []
    for record in session.history[1:]:
        turns.append(turn_json(record) if record.text is not None else tick_json(record))
    return {
        "persona": session.persona.id,
        "scenario": session.scenario.id,
        "seed": session.seed,
        "opening": list(session.opening),
        "turns": fold_ticks(turns),
        "outcome": {
            "result": outcome.result.value,
            "price": outcome.price,
            "satisfaction": outcome.satisfaction,
        },
        "variables": dict(session.variables),
    }


def fold_ticks(turns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`turns` holds trainee messages only: a tick's buyer lines go in front of the next message's."""
    folded: list[dict[str, Any]] = []
    carried: list[str] = []
    for turn in turns:
        if turn["trainee"] is None:
            carried.extend(turn["buyer"])
            continue
        if carried:
            turn["buyer"] = carried + turn["buyer"]
            carried = []
        folded.append(turn)
    if carried and folded:
        folded[-1]["buyer"] = folded[-1]["buyer"] + carried
    return folded
