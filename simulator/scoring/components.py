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
from simulator.domain.scenario import Scenario, Situation
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
                    reason = f"{technique.name_zh}重复使用只计一次分:换一种技巧更能打动买家"
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
                reason = f"(技巧运用已得满分)　{reason}"
            if not fits:
                states = "、".join(view.persona.state(name).label_zh for name in fitting or ())
                reason = f"{technique.name_zh}用得不是时候(更适合在买家{states}时用),只得部分分。{reason}"
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
            reason = f"没有做到:{point.why}"
            items.append(_item(_last_turn(view), point.id, 0, reason, "strategy", better=point.better))
    if rubric.strategy_avoid:
        per_avoid = weight * avoid_share / len(rubric.strategy_avoid)
        kept = weight * avoid_share
        for point in rubric.strategy_avoid:
            for turn in view.turns:
                if point.id in turn.events:
                    kept -= per_avoid
                    reason = f"违背接待策略:{point.why}"
                    items.append(
                        _item(
                            turn,
                            point.id,
                            -per_avoid,
                            reason,
                            "strategy",
                            technique=point.id,
                            better=point.better,
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
            reason = f"接待流程缺少「{stage.name_zh}」这一步(001/003 接待流程)"
            items.append(
                _item(_last_turn(view), f"flow:{stage.name_zh}", 0, reason, "flow", better=stage.better)
            )
            continue
        earned += per_stage
        reached.append(turn.index)
        technique = next(t for t in stage.techniques if t in turn.events)
        reason = f"做到了接待流程的「{stage.name_zh}」(001/003 接待流程)"
        items.append(_item(turn, f"flow:{stage.name_zh}", per_stage, reason, "flow", technique=technique))
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
                    "让步小而分阶段,没有一步到位(000 讨价还价要分阶段进行)",
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
                "一次让价太多,买家只会要得更多(000 巩固练习:客服能把价格一步降到位吗?)",
                "bargaining",
                better="先守价、在小事上慷慨,最后才小小让一步并说明是最大权限。",
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
                    "礼貌地坚持价格原则(003 坚持自己的原则)",
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
                "买家砍价时没有礼貌地守住价格(003 坚持自己的原则)",
                "bargaining",
                better="亲,这已经是活动价了,对每位顾客都一样哈~",
            )
        )
    for turn in below:
        points = 0.0
        items.append(
            _item(
                turn,
                "price_below_floor",
                0,
                f"价格给到了店铺底价{product.floor_price:g}元以下,店铺不能接受这一单",
                "bargaining",
                better=f"最低只能到{product.floor_price:g}元,这已经是最大的权限了。",
            )
        )
    for turn in too_much:
        items.append(
            _item(
                turn,
                "discount_not_allowed",
                0,
                f"让价超过了允许的{view.scenario.max_discount:g}元",
                "bargaining",
            )
        )
    if kept < 1.0 and not below:
        reason = f"成交价从{product.list_price:g}元降到{view.final_price:g}元,用掉了{given:.0%}的让价空间"
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
                first, "first_response", weight * 0.4, f"首次响应{first.delay:.0f}秒,在30秒以内", "response"
            )
        )
    else:
        items.append(
            _item(
                first,
                "first_response",
                0,
                f"首次响应用了{first.delay:.0f}秒,超过30秒(淘宝首次响应时长标准)",
                "response",
                better="先回一句“您好亲,在的,马上为您查看~”,再慢慢查。",
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
                f"有一次{slowest.delay:.0f}秒才回复,超过3分钟(三分钟响应率)",
                "response",
                better="忙不过来时先说“不好意思让您久等了,我马上为您处理”。",
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
    names = {
        "purchased": "成交",
        "unpaid": "拍下未付",
        "left": "买家离开",
        "complained": "投诉/差评",
        "open": "未结束",
    }
    reason = f"结果:{names[view.result.value]},买家满意度{rating}/5"
    if view.price_paid is not None:
        reason += f",成交价{view.price_paid:g}元"
    if view.result is Outcome.OPEN:
        reason += ";会话在买家做出决定前就结束了,不能算及格"
    items = [_item(_last_turn(view), "outcome", points, reason, "outcome")]
    return ComponentScore("outcome", round(points, 1), weight), items
