"""The rubric: what a session is scored on, known before it starts and frozen for it."""

from __future__ import annotations

from dataclasses import dataclass, field

COMPONENTS = ("techniques", "strategy", "flow", "facts", "bargaining", "response", "outcome")
COMPONENT_NAMES_ZH = {
    "techniques": "技巧运用",
    "strategy": "接待策略",
    "flow": "接待流程",
    "facts": "信息准确",
    "bargaining": "价格把控",
    "response": "响应速度",
    "outcome": "结果",
}
COMPONENT_NAMES_EN = {
    "techniques": "Techniques",
    "strategy": "Strategy for this buyer",
    "flow": "Reception flow",
    "facts": "Facts right",
    "bargaining": "Price control",
    "response": "Response speed",
    "outcome": "Outcome",
}


# The reasons and better phrasings the scorer needs from rubrics/common.yaml (its `wording:`).
WORDING_KEYS = (
    "technique_repeated",
    "technique_full",
    "technique_untimely",
    "strategy_missed",
    "strategy_broken",
    "flow_missing",
    "flow_done",
    "question_unanswered",
    "question_answered_wrong",
    "question_left_open",
    "verdict_passed",
    "verdict_low",
    "verdict_red_line",
    "verdict_open_passed",
    "verdict_open_failed",
    "open_too_short",
    "open_low_rating",
    "open_questions_left",
    "size_question",
    "staged_concession",
    "concession_big",
    "concession_big_better",
    "hold_price",
    "hold_price_missed",
    "hold_price_better",
    "price_below_floor",
    "price_below_floor_better",
    "discount_not_allowed",
    "price_kept",
    "first_response_fast",
    "first_response_slow",
    "first_response_better",
    "very_slow_reply",
    "very_slow_reply_better",
    "outcome",
    "outcome_price",
    "outcome_open",
    "result_purchased",
    "result_unpaid",
    "result_left",
    "result_complained",
    "result_resolved",
    "result_open",
)


@dataclass(frozen=True)
class StrategyPoint:
    """A technique (or engine event) the persona's 接待策略 asks for or warns against."""

    id: str
    why: str  # one line in Chinese citing the course
    better: str = ""  # a phrasing fitted to this persona, for a missed or broken point


@dataclass(frozen=True)
class FlowStage:
    name_zh: str
    techniques: tuple[str, ...]  # any of these shows the stage
    better: str  # what to say when the stage is missing


@dataclass(frozen=True)
class OpenSessionRule:
    """When a session that ended before the buyer decided can still pass (rubrics/common.yaml)."""

    min_turns: int = 4
    min_rating: int = 4
    questions_answered: bool = True


@dataclass(frozen=True)
class Rubric:
    persona_id: str
    version: int
    pass_mark: int
    weights: dict[str, int]  # component → points, summing to 100
    strategy_quote: str
    strategy_do: tuple[StrategyPoint, ...]
    strategy_avoid: tuple[StrategyPoint, ...]
    fitting_states: dict[str, tuple[str, ...]]  # technique id → buyer states where it fits best
    flow: tuple[FlowStage, ...]
    outcome_share: dict[str, float]  # result → share of the outcome points
    red_lines: dict[str, tuple[str, str]]  # event id → (reason it fails the session, better phrasing)
    bad_penalty: dict[str, int] = field(default_factory=dict)  # bad technique id → points off per hit
    # fact event → (reason, better), with {placeholders} from the turn's facts and the scenario
    fact_errors: dict[str, tuple[str, str]] = field(default_factory=dict)
    fact_right: dict[str, str] = field(default_factory=dict)  # fact event → reason
    overruled_reason: str = ""  # {technique} {fact}: a technique voided by a false fact
    wording: dict[str, str] = field(default_factory=dict)  # the score's reasons, by WORDING_KEYS
    open_session: OpenSessionRule = field(default_factory=OpenSessionRule)

    def say(self, key: str, **values: object) -> str:
        """One reason or better phrasing of the rubric, its {names} filled in."""
        text = self.wording[key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    bargaining_expected: bool = False  # the buyer will push on price: holding it earns points
    technique_target: int = 6  # well-placed distinct techniques that earn the whole component

    @property
    def total_weight(self) -> int:
        return sum(self.weights.values())
