"""What a session remembers: every turn, every change and its cause."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.domain.detection import Detection
from simulator.domain.facts import MessageFact
from simulator.domain.scenario import QuestionNote


@dataclass(frozen=True)
class Cause:
    """Why something changed: which turn (0 = the opening), which event, which rule and its line."""

    turn: int
    event: str
    rule: str  # "reaction" | "transition" | "engine"
    line: int  # where the rule stands in the persona file (0 for the engine's own rules)
    note: str


@dataclass(frozen=True)
class VariableChange:
    variable: str
    before: float
    after: float
    cause: Cause


@dataclass(frozen=True)
class StateChange:
    source: str
    dest: str
    cause: Cause


@dataclass(frozen=True)
class TurnRecord:
    """One trainee message (or one clock tick, with ``text`` None) and the buyer's reaction to it.

    Built once, complete, when the turn is over: the engine's turn returns it and never changes it."""

    index: int
    at: float  # seconds since the session started
    delay: float  # seconds the trainee took since the buyer's last message
    text: str | None
    detection: Detection | None
    events: list[str] = field(default_factory=list)
    facts: dict[str, float | str] = field(default_factory=dict)
    # What the number reader found in the message (canonical offsets): the facts of detect --scenario.
    message_facts: list[MessageFact] = field(default_factory=list)
    changes: list[VariableChange] = field(default_factory=list)
    state_change: StateChange | None = None
    state: str = ""
    buyer_lines: list[str] = field(default_factory=list)
    # The buyer's questions still open after this turn, and what the turn did to them.
    open_questions: tuple[str, ...] = ()
    questions: tuple[QuestionNote, ...] = ()
