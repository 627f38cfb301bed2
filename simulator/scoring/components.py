"""The seven components of the score, each a pure function of the session and the rubric.

Every point comes with an item naming the turn and the trainee's words, so a trainee can see why:
the opposite of a hidden metric.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from simulator.domain.detection import Detection
from simulator.domain.events import RULE_NAMES_ZH
from simulator.domain.persona import Outcome, Persona
from simulator.domain.rubric import Rubric, StrategyPoint
from simulator.domain.scenario import QuestionNote, Scenario, Situation, case_values
from simulator.domain.techniques import Catalogue, TechniqueKind
from simulator.scoring.scorecard import ComponentScore, ScoreItem

FIRST_REPLY_TARGET_S = 30.0
VERY_SLOW_S = 180.0
QUOTE_CHARS = 60
UNFITTING_SHARE = 0.4  # a technique used at a moment that does not call for it earns this share


@dataclass(frozen=True)
class Turn:
    """One trainee message as scoring sees it."""

    index: int
    text: str
    delay: float
    detection: Detection
    events: frozenset[str]
    state_before: str
    state_after: str
    facts: dict[str, float | str]
    questions: tuple[QuestionNote, ...] = ()  # what this reply did to the buyer's questions


@dataclass(frozen=True)
class SessionView:
    persona: Persona
    scenario: Scenario
    catalogue: Catalogue
    rubric: Rubric
    turns: tuple[Turn, ...]
    result: Outcome
    price_paid: float | None
    satisfaction: int | None
    final_price: float
    open_questions: tuple[str, ...] = ()  # the buyer's questions still unanswered when it ended


def quote_of(turn: Turn, technique_id: str | None = None) -> tuple[str, int, int]:
    if technique_id is not None:
        for span in turn.detection.spans:
            if span.technique_id == technique_id:
                return turn.text[span.start : span.end], span.start, span.end
    text = turn.text if len(turn.text) <= QUOTE_CHARS else turn.text[:QUOTE_CHARS] + "…"
    return text, -1, -1


def _item(
    turn: Turn | None,
    rule: str,
    points: float,
    reason: str,
    component: str,
    *,
    technique: str | None = None,
    better: str = "",
) -> ScoreItem:
    if turn is None:
        return ScoreItem(0, rule, round(points, 1), reason, component, better=better)
    quote, start, end = quote_of(turn, technique)
    return ScoreItem(turn.index, rule, round(points, 1), reason, component, quote, start, end, better)


def _missed(view: SessionView, rule: str, reason: str, component: str, better: str) -> ScoreItem:
    """A step never taken in the whole session: on the last turn (the session ended without it), but
    quoting no message, since the farewell is not to blame."""
    turn = view.turns[-1].index if view.turns else 0
    return ScoreItem(turn, rule, 0, reason, component, better=better, scope="session")


def _first_turn(view: SessionView, ids: Iterable[str]) -> Turn | None:
    wanted = set(ids)
    for turn in view.turns:
        if wanted & turn.events:
            return turn
    return None


def _last_turn(view: SessionView) -> Turn | None:
    return view.turns[-1] if view.turns else None


def techniques(view: SessionView, weight: float) -> tuple[ComponentScore, list[ScoreItem]]:
    """Course techniques at fitting moments; the same technique earns once."""
    rubric, catalogue = view.rubric, view.catalogue
    unit = weight / rubric.technique_target
    earned = 0.0
    items: list[ScoreItem] = []
    seen: set[str] = set()
    repeated: set[str] = set()
    for turn in view.turns:
        for technique_id in turn.detection.techniques:
            technique = catalogue.get(technique_id)
            if technique.kind is TechniqueKind.BAD:
                continue
            if technique.kind is TechniqueKind.CONTEXT and technique_id not in turn.events:
                continue  # the engine did not confirm it from the conversation
            if voided_by := catalogue.overruled(technique_id, turn.events):
                fact = RULE_NAMES_ZH.get(voided_by, voided_by)
                reason = fill(view.rubric.overruled_reason, {"technique": technique.name_zh, "fact": fact})
                items.append(_item(turn, technique_id, 0, reason, "techniques", technique=technique_id))
                continue
            if technique_id in seen:
                if technique_id not in repeated:
                    repeated.add(technique_id)
                    reason = rubric.say("technique_repeated", technique=technique.name_zh)
                    items.append(_item(turn, technique_id, 0, reason, "techniques", technique=technique_id))
                continue
            seen.add(technique_id)
            fitting = rubric.fitting_states.get(technique_id)
            fits = fitting is None or turn.state_before in fitting
            share = 1.0 if fits else UNFITTING_SHARE
            points = min(unit * share, max(0.0, weight - earned))
            earned += points
            reason = technique.reason_good
            if points == 0:
                reason = rubric.say("technique_full", reason=reason)
            if not fits:
                states = "、".join(view.persona.state(name).label_zh for name in fitting or ())
                reason = rubric.say(
                    "technique_untimely", technique=technique.name_zh, states=states, reason=reason
                )
            items.append(_item(turn, technique_id, points, reason, "techniques", technique=technique_id))
    return ComponentScore("techniques", round(earned, 1), weight), items


def _point_used(view: SessionView, point: StrategyPoint) -> Turn | None:
    return _first_turn(view, [point.id])


def strategy(view: SessionView, weight: float) -> tuple[ComponentScore, list[ScoreItem]]:
    """The persona's 接待策略: the points it asks for, and what it warns against."""
    rubric = view.rubric
    do_share = 0.7 if rubric.strategy_avoid else 1.0
    avoid_share = 1.0 - do_share
    items: list[ScoreItem] = []
    earned = 0.0
    per_do = weight * do_share / len(rubric.strategy_do)
    for point in rubric.strategy_do:
        turn = _point_used(view, point)
        if turn is not None:
            earned += per_do
            items.append(_item(turn, point.id, per_do, point.why, "strategy", technique=point.id))
        else:
            reason = rubric.say("strategy_missed", why=point.why)
            better = fill(point.better, _scenario_values(view), strict=True)
            items.append(_missed(view, point.id, reason, "strategy", better))
    if rubric.strategy_avoid:
        per_avoid = weight * avoid_share / len(rubric.strategy_avoid)
        kept = weight * avoid_share
        for point in rubric.strategy_avoid:
            for turn in view.turns:
                if point.id in turn.events:
                    kept -= per_avoid
                    reason = rubric.say("strategy_broken", why=point.why)
                    items.append(
                        _item(
                            turn,
                            point.id,
                            -per_avoid,
                            reason,
                            "strategy",
                            technique=point.id,
                            better=fill(point.better, _scenario_values(view), strict=True),
                        )
                    )
                    break
        earned += max(0.0, kept)
    return ComponentScore("strategy", round(earned, 1), weight), items


def flow(view: SessionView, weight: float) -> tuple[ComponentScore, list[ScoreItem]]:
    """The reception flow of seeds 001/003 (or the complaint flow of 004 after a sale)."""
    stages = view.rubric.flow
    per_stage = weight / len(stages)
    items: list[ScoreItem] = []
    earned = 0.0
    reached: list[int] = []
    for stage in stages:
        turn = _first_turn(view, stage.techniques)
        if turn is None:
            reason = view.rubric.say("flow_missing", stage=stage.name_zh)
            better = fill(stage.better, _scenario_values(view), strict=True)
            items.append(_missed(view, f"flow:{stage.name_zh}", reason, "flow", better))
            continue
        earned += per_stage
        reached.append(turn.index)
        technique = next(t for t in stage.techniques if t in turn.events)
        reason = view.rubric.say("flow_done", stage=stage.name_zh)
        items.append(_item(turn, f"flow:{stage.name_zh}", per_stage, reason, "flow", technique=technique))
    for turn in view.turns:
        for note in turn.questions:
            if note.event in ("question_unanswered", "question_answered_wrong"):
                reason = view.rubric.say(note.event, question=note.question, topic=note.topic)
                items.append(_item(turn, note.event, 0, reason, "flow"))
    for question in view.open_questions:
        reason = view.rubric.say("question_left_open", question=question)
        items.append(_item(view.turns[-1] if view.turns else None, "question_left_open", 0, reason, "flow"))
    return ComponentScore("flow", round(earned, 1), weight), items


def facts(view: SessionView, weight: float) -> tuple[ComponentScore, list[ScoreItem]]:
    """Prices, fees, sizes, stock, material, dispatch and policy against the scenario; the wording
    (reasons, better phrasings) is the rubric's, filled with the scenario fact each check used."""
    items: list[ScoreItem] = []
    points = weight * 0.6
    right = False
    for turn in view.turns:
        for event, (reason, better) in view.rubric.fact_errors.items():
            if event in turn.events:
                loss = min(points, weight * 0.5)
                points -= loss
                values = _fact_values(view, turn)
                items.append(
                    _item(
                        turn,
                        event,
                        -loss,
                        fill(reason, values),
                        "facts",
                        better=fill(better, values, strict=True),
                    )
                )
        for event, reason in view.rubric.fact_right.items():
            if event in turn.events and not right:
                right = True
                points += weight * 0.4
                items.append(
                    _item(turn, event, weight * 0.4, fill(reason, _fact_values(view, turn)), "facts")
                )
    return ComponentScore("facts", round(max(0.0, min(points, weight)), 1), weight), items


def _scenario_values(view: SessionView) -> dict[str, str]:
    """{kind} {stock} {list_price} {region} for the rubric's better phrasings, from the scenario played."""
    product = view.scenario.product
    return {
        **case_values(view.scenario),
        "stock": str(min(product.low_stock.values(), default=product.stock)),
        "list_price": f"{product.list_price:g}",
        "region": view.scenario.buyer.region,
        "cutoff": view.scenario.shipping.cutoff,
        "material": product.material,
        "selling_point": product.selling_points[0] if product.selling_points else "",
        # a suitcase buyer is not asked for its height and weight
        "size_question": view.rubric.say("size_question") if product.size_chart else "",
    }


def _fact_values(view: SessionView, turn: Turn) -> dict[str, str]:
    values = {"region": view.scenario.buyer.region, "list_price": f"{view.scenario.product.list_price:g}"}
    for key, value in turn.facts.items():
        values[key] = f"{value:g}" if isinstance(value, float | int) else str(value)
    return values


def fill(template: str, values: dict[str, str], strict: bool = False) -> str:
    """{name} replaced from ``values``; with ``strict``, a template naming a missing value gives ""
    (no better phrasing rather than one with a hole in it)."""
    missing = False

    def replace(match: re.Match[str]) -> str:
        nonlocal missing
        if match[1] in values:
            return values[match[1]]
        missing = True
        return match[0]

    filled = _PLACEHOLDER_RE.sub(replace, template)
    return "" if strict and missing else filled


_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


def bargaining(view: SessionView, weight: float) -> tuple[ComponentScore, list[ScoreItem]]:
    """The price kept against list and floor, and how concessions were made."""
    rubric, product = view.rubric, view.scenario.product
    items: list[ScoreItem] = []
    span = product.list_price - product.floor_price
    # Money given within the trainee's authority still costs the shop: half of the room, not all of it.
    given = 0.0 if span <= 0 else max(0.0, min(1.0, (product.list_price - view.final_price) / span))
    kept = 1.0 - 0.5 * given
    points = weight * 0.6 * kept
    big = [turn for turn in view.turns if "concession_big" in turn.events]
    staged = _first_turn(view, ["staged_concession"])
    held = _first_turn(view, ["hold_price"])
    below = [turn for turn in view.turns if "price_below_floor" in turn.events]
    too_much = [turn for turn in view.turns if "discount_not_allowed" in turn.events]
    if not big and not below:
        points += weight * 0.2
        if staged is not None:
            items.append(
                _item(
                    staged,
                    "staged_concession",
                    weight * 0.2,
                    rubric.say("staged_concession"),
                    "bargaining",
                    technique="staged_concession",
                )
            )
    for turn in big:
        items.append(
            _item(
                turn,
                "concession_big",
                0,
                rubric.say("concession_big"),
                "bargaining",
                better=rubric.say("concession_big_better"),
            )
        )
    if held is not None or not rubric.bargaining_expected:
        points += weight * 0.2
        if held is not None:
            items.append(
                _item(
                    held,
                    "hold_price",
                    weight * 0.2,
                    rubric.say("hold_price"),
                    "bargaining",
                    technique="hold_price",
                )
            )
    elif rubric.bargaining_expected:
        items.append(
            _item(
                _last_turn(view),
                "hold_price",
                0,
                rubric.say("hold_price_missed"),
                "bargaining",
                better=rubric.say("hold_price_better"),
            )
        )
    for turn in below:
        points = 0.0
        items.append(
            _item(
                turn,
                "price_below_floor",
                0,
                rubric.say("price_below_floor", floor_price=f"{product.floor_price:g}"),
                "bargaining",
                better=rubric.say("price_below_floor_better", floor_price=f"{product.floor_price:g}"),
            )
        )
    for turn in too_much:
        items.append(
            _item(
                turn,
                "discount_not_allowed",
                0,
                rubric.say("discount_not_allowed", max_discount=f"{view.scenario.max_discount:g}"),
                "bargaining",
            )
        )
    if kept < 1.0 and not below:
        reason = rubric.say(
            "price_kept",
            list_price=f"{product.list_price:g}",
            final_price=f"{view.final_price:g}",
            given=f"{given:.0%}",
        )
        items.append(_item(_last_turn(view), "price_kept", 0, reason, "bargaining"))
    return ComponentScore("bargaining", round(max(0.0, min(points, weight)), 1), weight), items


def response(view: SessionView, weight: float) -> tuple[ComponentScore, list[ScoreItem]]:
    """Taobao's response KPIs: first reply within 30 s, replies within 30 s, never over 3 minutes."""
    items: list[ScoreItem] = []
    if not view.turns:
        return ComponentScore("response", 0.0, weight), items
    first = view.turns[0]
    points = 0.0
    if first.delay <= FIRST_REPLY_TARGET_S:
        points += weight * 0.4
        items.append(
            _item(
                first,
                "first_response",
                weight * 0.4,
                view.rubric.say("first_response_fast", delay=f"{first.delay:.0f}"),
                "response",
            )
        )
    else:
        items.append(
            _item(
                first,
                "first_response",
                0,
                view.rubric.say("first_response_slow", delay=f"{first.delay:.0f}"),
                "response",
                better=view.rubric.say("first_response_better"),
            )
        )
    fast = [turn for turn in view.turns if turn.delay <= FIRST_REPLY_TARGET_S]
    share = len(fast) / len(view.turns)
    points += weight * 0.4 * share
    slowest = max(view.turns, key=lambda turn: turn.delay)
    if slowest.delay > VERY_SLOW_S:
        items.append(
            _item(
                slowest,
                "very_slow_reply",
                0,
                view.rubric.say("very_slow_reply", delay=f"{slowest.delay:.0f}"),
                "response",
                better=view.rubric.say("very_slow_reply_better"),
            )
        )
    else:
        points += weight * 0.2
    return ComponentScore("response", round(points, 1), weight), items


def outcome(view: SessionView, weight: float) -> tuple[ComponentScore, list[ScoreItem]]:
    """成交, 客单价 and the buyer's rating, weighted as the persona's rubric says."""
    share = view.rubric.outcome_share.get(view.result.value, 0.0)
    ratio = 1.0
    if (
        view.result is Outcome.PURCHASED
        and view.price_paid is not None
        and view.scenario.situation is Situation.PRESALE
    ):
        ratio = min(1.0, view.price_paid / view.scenario.product.list_price)
    rating = view.satisfaction or 1
    points = weight * (0.6 * share * ratio + 0.4 * (rating - 1) / 4)
    rubric = view.rubric
    reason = rubric.say("outcome", result=rubric.say(f"result_{view.result.value}"), rating=rating)
    if view.price_paid is not None:
        reason += rubric.say("outcome_price", price=f"{view.price_paid:g}")
    if view.result is Outcome.OPEN:
        reason += rubric.say("outcome_open")
    items = [_item(_last_turn(view), "outcome", points, reason, "outcome")]
    return ComponentScore("outcome", round(points, 1), weight), items
