"""The score and the rubric as JSON (the `score` object of `play --json`)."""

from __future__ import annotations

from typing import Any

from simulator.domain.rubric import Rubric
from simulator.scoring.scorecard import ScoreCard, ScoreItem


def item_json(item: ScoreItem) -> dict[str, Any]:
    return {
        "turn": item.turn,
        "id": item.rule,
        "component": item.component,
        "points": item.points,
        "reason": item.reason,
        "quote": item.quote,
        "start": item.start,
        "end": item.end,
        "better": item.better,
        "scope": item.scope,
    }


def score_json(card: ScoreCard) -> dict[str, Any]:
    kpis = card.kpis
    return {
        "total": card.total,
        "passed": card.passed,
        "verdict": card.verdict,
        "pass_mark": card.pass_mark,
        "red_lines": [item.rule for item in card.red_lines],
        "items": [item_json(item) for item in card.items],
        "components": {c.name: {"points": c.points, "max": c.maximum} for c in card.components},
        "penalties": card.penalties,
        "kpis": {
            "converted": kpis.converted,
            "price_paid": kpis.price_paid,
            "list_price": kpis.list_price,
            "first_response_s": kpis.first_response_s,
            "replies_within_30s": round(kpis.replies_within_30s, 3),
            "longest_wait_s": kpis.longest_wait_s,
            "satisfaction": kpis.satisfaction,
            "compliant_share": round(kpis.compliant_share, 3),
        },
        "rubric_version": card.rubric_version,
    }


def rubric_json(rubric: Rubric) -> dict[str, Any]:
    return {
        "persona": rubric.persona_id,
        "version": rubric.version,
        "pass_mark": rubric.pass_mark,
        "weights": dict(rubric.weights),
        "strategy": rubric.strategy_quote,
        "do": [{"id": p.id, "why": p.why} for p in rubric.strategy_do],
        "avoid": [{"id": p.id, "why": p.why} for p in rubric.strategy_avoid],
        "flow": [stage.name_zh for stage in rubric.flow],
        "penalties": dict(rubric.bad_penalty),
        "red_lines": {key: reason for key, (reason, _) in rubric.red_lines.items()},
    }
