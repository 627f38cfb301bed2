"""Stored sessions as the rest of the program sees them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class SessionSummary:
    id: int
    persona: str
    scenario: str
    seed: int
    mode: str
    started_at: datetime
    ended_at: datetime | None
    result: str | None
    total: int | None
    passed: bool | None
    satisfaction: int | None
    price: float | None
    trainee_turns: int = 0
    trainee: str = "学员"  # who played it (the name the trainee gave on the start page)

    @property
    def finished(self) -> bool:
        return self.ended_at is not None


@dataclass(frozen=True)
class StoredMessage:
    turn: int
    sender: str  # trainee | buyer
    text: str
    at: float
    delay: float
    techniques: tuple[str, ...] = ()
    state: str = ""


@dataclass(frozen=True)
class StoredChange:
    turn: int
    kind: str  # variable | state
    name: str
    before: str
    after: str
    event: str
    note: str


@dataclass(frozen=True)
class StoredInput:
    """One thing that changed the session, in order (message | tick | spoke); replayed, they rebuild it."""

    seq: int
    kind: str
    at: float
    text: str | None = None
    record: list[dict[str, Any]] | None = None  # the turns it gave, as `play --json` shows them


@dataclass(frozen=True)
class StoredSession:
    summary: SessionSummary
    messages: tuple[StoredMessage, ...] = field(default_factory=tuple)
    changes: tuple[StoredChange, ...] = field(default_factory=tuple)
    inputs: tuple[StoredInput, ...] = field(default_factory=tuple)
    document: dict[str, Any] | None = None  # the finished session as `play --json` (with its score)
