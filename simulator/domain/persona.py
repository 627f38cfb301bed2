"""A buyer persona: a state machine written as data by instructors."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from simulator.domain.techniques import SourceRef


class Outcome(StrEnum):
    PURCHASED = "purchased"  # 成交, paid
    UNPAID = "unpaid"  # 拍下未付
    LEFT = "left"  # the buyer went away
    COMPLAINED = "complained"  # 投诉 / 差评
    RESOLVED = "resolved"  # an after-sale case settled to the buyer's satisfaction (no new order)
    OPEN = "open"  # the conversation ended mid-way


OUTCOME_NAMES_ZH = {
    "purchased": "成交",
    "unpaid": "拍下未付",
    "left": "买家离开",
    "complained": "投诉/差评",
    "resolved": "问题解决",
    "open": "未结束",
}
OUTCOME_NAMES_EN = {
    "purchased": "bought",
    "unpaid": "ordered, not paid",
    "left": "buyer left",
    "complained": "complaint / bad review",
    "resolved": "case resolved",
    "open": "not finished",
}


@dataclass(frozen=True)
class Comparison:
    """``left op right`` where each side is a variable name or a number."""

    left: str | float
    operator: str
    right: str | float


@dataclass(frozen=True)
class Condition:
    """Comparisons joined by ``and`` inside each group, groups joined by ``or``; empty is always true."""

    any_of: tuple[tuple[Comparison, ...], ...] = ()
    text: str = ""

    def names(self) -> set[str]:
        return {
            side
            for group in self.any_of
            for comparison in group
            for side in (comparison.left, comparison.right)
            if isinstance(side, str)
        }


# A variable whose values are shares (%) of the scenario's page price: the haggler's counter-offer.
PERCENT_OF_LIST_PRICE = "list_price_percent"


@dataclass(frozen=True)
class VariableSpec:
    name: str
    initial: float
    minimum: float = 0.0
    maximum: float = 100.0
    initial_range: tuple[float, float] | None = None  # drawn with the session's seeded generator
    # "list_price_percent": the value is a share of the scenario's page price (the haggler's offer), so
    # one script bargains sensibly over a 99-yuan pair of shoes and a 399-yuan suitcase.
    unit: str = ""
    label_zh: str = ""  # what the trainee sees: 耐心, 心理价位
    label_en: str = ""


@dataclass(frozen=True)
class Reaction:
    """When ``on`` happens in one of ``states`` and ``when`` holds: change variables, maybe say something."""

    on: str
    states: tuple[str, ...]  # ("*",) for every state
    when: Condition
    changes: dict[str, float]
    say: str | None
    note: str
    repeat: str = "decay"  # decay: a gain halves each time it repeats; always; once
    line: int = 0


@dataclass(frozen=True)
class TransitionSpec:
    on: str
    sources: tuple[str, ...]  # ("*",) for every non-final state
    dest: str
    when: Condition
    say: str | None
    note: str
    line: int = 0


@dataclass(frozen=True)
class StateSpec:
    name: str
    label_zh: str
    label_en: str
    outcome: Outcome = Outcome.OPEN  # the result if the session ends in this state
    final: bool = False  # the buyer says nothing more
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)  # opening / enter / idle / …
    line: int = 0


@dataclass(frozen=True)
class Persona:
    id: str
    name_zh: str
    name_en: str
    customer_type: str
    summary: str
    traits: str  # 特征, quoted from the seeds
    strategy: str  # 接待策略, quoted from the seeds
    sources: tuple[SourceRef, ...]
    difficulty: int
    default_scenario: str
    buyer_name: str
    patience_seconds: float  # a reply slower than this drains patience
    leave_after_seconds: float  # waiting longer than this, the buyer leaves
    variables: tuple[VariableSpec, ...]
    initial: str
    states: tuple[StateSpec, ...]
    reactions: tuple[Reaction, ...]
    transitions: tuple[TransitionSpec, ...]
    lines: dict[str, tuple[str, ...]]  # shared line groups, named by reactions and transitions
    path: str = ""
    plays_in: tuple[str, ...] = ()  # the scenarios this temperament can be played in (default first)
    summary_en: str = ""

    @property
    def scenarios(self) -> tuple[str, ...]:
        """Scenario ids this persona can be played in, its default first."""
        return (self.default_scenario, *(s for s in self.plays_in if s != self.default_scenario))

    def state(self, name: str) -> StateSpec:
        for state in self.states:
            if state.name == name:
                return state
        raise KeyError(name)

    def variable_label(self, name: str, english: bool = False) -> str:
        """The variable's name as the trainee sees it (its id only if the file gives none)."""
        for variable in self.variables:
            if variable.name == name:
                return (variable.label_en if english else variable.label_zh) or name
        return name
