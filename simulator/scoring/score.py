"""Scoring a finished session: components, service taboos, red lines, KPIs."""

from __future__ import annotations

from simulator.domain.events import RULE_NAMES_ZH
from simulator.domain.persona import Outcome
from simulator.domain.rubric import COMPONENTS
from simulator.domain.techniques import TechniqueKind
from simulator.scoring import components
from simulator.scoring.components import SessionView, Turn, quote_of
from simulator.scoring.scorecard import Kpis, ScoreCard, ScoreItem

_COMPONENT_FUNCTIONS = {
    "techniques": components.techniques,
    "strategy": components.strategy,
    "flow": components.flow,
    "facts": components.facts,
    "bargaining": components.bargaining,
    "response": components.response,
    "outcome": components.outcome,
}


def _penalties(view: SessionView) -> tuple[float, list[ScoreItem]]:
    """Every service-taboo hit is an item with the course's reason and a better phrasing."""
    total = 0.0
    items = []
    for turn in view.turns:
        for technique_id in turn.detection.techniques:
            technique = view.catalogue.get(technique_id)
            if technique.kind is not TechniqueKind.BAD:
                continue
            points = view.rubric.bad_penalty.get(technique_id, 5)
            total += points
            quote, start, end = quote_of(turn, technique_id)
            reason = f"{technique.name_zh}:{technique.reason_bad}"
            items.append(
                ScoreItem(
                    turn.index, technique_id, -points, reason, "penalty", quote, start, end, technique.better
                )
            )
    return total, items


def _red_lines(view: SessionView) -> list[ScoreItem]:
    items = []
    for event, (reason, better) in view.rubric.red_lines.items():
        for turn in view.turns:
            if event in turn.events:
                quote, start, end = quote_of(turn)
                items.append(
                    ScoreItem(turn.index, event, 0, f"红线:{reason}", "red_line", quote, start, end, better)
                )
                break
    return items


def _kpis(view: SessionView) -> Kpis:
    turns = view.turns
    delays = [turn.delay for turn in turns]
    compliant = [
        turn
        for turn in turns
        if not any(view.catalogue.get(t).kind is TechniqueKind.BAD for t in turn.detection.techniques)
    ]
    return Kpis(
        converted=view.result.value == "purchased",
        price_paid=view.price_paid,
        list_price=view.scenario.product.list_price,
        first_response_s=delays[0] if delays else None,
        replies_within_30s=(sum(delay <= 30 for delay in delays) / len(delays)) if delays else 0.0,
        longest_wait_s=max(delays, default=0.0),
        satisfaction=view.satisfaction,
        compliant_share=(len(compliant) / len(turns)) if turns else 1.0,
    )


def open_session_unmet(view: SessionView) -> list[str]:
    """Why a session that ended before the buyer decided cannot be judged a pass ([] when it can)."""
    rule, rubric = view.rubric.open_session, view.rubric
    unmet = []
    if len(view.turns) < rule.min_turns:
        unmet.append(rubric.say("open_too_short", turns=len(view.turns), min_turns=rule.min_turns))
    rating = view.satisfaction or 1
    if rating < rule.min_rating:
        unmet.append(rubric.say("open_low_rating", rating=rating, min_rating=rule.min_rating))
    if rule.questions_answered and view.open_questions:
        unmet.append(rubric.say("open_questions_left"))
    return unmet


def _verdict(view: SessionView, total: int, red_lines: list[ScoreItem]) -> tuple[bool, str]:
    rubric = view.rubric
    if red_lines:
        names = "、".join(RULE_NAMES_ZH.get(item.rule, item.rule) for item in red_lines)
        return False, rubric.say("verdict_red_line", red_lines=names)
    opening = ""
    if view.result is Outcome.OPEN:
        unmet = open_session_unmet(view)
        if unmet:
            return False, rubric.say("verdict_open_failed", why=";".join(unmet))
        values = {"turns": len(view.turns), "rating": view.satisfaction or 1}
        opening = rubric.say("verdict_open_passed", **values) + "。"
    if total < rubric.pass_mark:
        return False, opening + rubric.say("verdict_low", total=total, pass_mark=rubric.pass_mark)
    return True, opening + rubric.say("verdict_passed", total=total, pass_mark=rubric.pass_mark)


def score_session(view: SessionView) -> ScoreCard:
    rubric = view.rubric
    component_scores = []
    items: list[ScoreItem] = []
    for name in COMPONENTS:
        component, component_items = _COMPONENT_FUNCTIONS[name](view, float(rubric.weights[name]))
        component_scores.append(component)
        items.extend(component_items)
    penalty, penalty_items = _penalties(view)
    red_lines = _red_lines(view)
    items.extend(penalty_items)
    items.extend(red_lines)
    raw = sum(component.points for component in component_scores) - penalty
    total = round(max(0.0, min(100.0, raw)))
    items.sort(key=lambda item: (item.turn, item.component))
    passed, verdict = _verdict(view, total, red_lines)
    return ScoreCard(
        total=total,
        passed=passed,
        verdict=verdict,
        pass_mark=rubric.pass_mark,
        components=tuple(component_scores),
        items=tuple(items),
        red_lines=tuple(red_lines),
        penalties=penalty,
        kpis=_kpis(view),
        rubric_version=rubric.version,
    )


__all__ = ["SessionView", "Turn", "score_session"]
