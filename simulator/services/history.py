"""A session's turns and score as the repository stores them (services/training.py stores them)."""

from __future__ import annotations

from typing import Any

from simulator.engine.records import TurnRecord
from simulator.scoring.scorecard import ScoreCard


def stored_messages(record: TurnRecord) -> list[dict[str, Any]]:
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


def stored_changes(record: TurnRecord) -> list[dict[str, Any]]:
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


def score_items(card: ScoreCard) -> list[dict[str, Any]]:
    """The score's items as the repository stores them."""
    return [
        {"turn": i.turn, "rule": i.rule, "component": i.component, "points": i.points, "reason": i.reason,
         "quote": i.quote, "better": i.better}
        for i in card.items
    ]  # fmt: skip
