"""What a score is made of: items tied to turns, components, KPIs, red lines."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ScoreItem:
    """One reason for points won or lost, tied to a turn and to the trainee's own words."""

    turn: int  # 1-based trainee message; 0 for the session as a whole
    rule: str  # a technique id, an engine event, a strategy/flow/kpi rule id
    points: float  # + earned, − lost, 0 for a note or a missed chance
    reason: str  # one line in Chinese citing the course
    component: str  # which component it belongs to, or "penalty" / "red_line"
    quote: str = ""  # the trainee's words this is about
    start: int = -1  # span of the quote in that message (-1 when the quote is the whole message)
    end: int = -1
    better: str = ""  # a better phrasing for a mistake or a missed chance
    # "message": about the message of ``turn``; "session": about the whole session (a step never taken),
    # kept on the last turn (the session ended without it) but quoting no message.
    scope: str = "message"


@dataclass(frozen=True)
class ComponentScore:
    name: str
    points: float
    maximum: float


@dataclass(frozen=True)
class Kpis:
    """The shop manager's numbers (询单转化率, 客单价, 响应速度, DSR)."""

    converted: bool
    price_paid: float | None
    list_price: float
    first_response_s: float | None
    replies_within_30s: float  # share, 0–1
    longest_wait_s: float
    satisfaction: int | None  # 1–5
    compliant_share: float  # share of messages with no service taboo (话术规范率)


@dataclass(frozen=True)
class ScoreCard:
    total: int
    passed: bool
    pass_mark: int
    components: tuple[ComponentScore, ...]
    items: tuple[ScoreItem, ...]
    red_lines: tuple[ScoreItem, ...]
    penalties: float
    kpis: Kpis
    rubric_version: int = 1
    notes: tuple[str, ...] = field(default_factory=tuple)
    verdict: str = ""  # one line: why it passed or failed
