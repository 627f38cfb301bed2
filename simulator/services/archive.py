"""The stored sessions as the window sees them: the one door from simulator/ui to storage.

The UI never imports simulator.storage: it is handed a `SessionArchive` by the composition root
(simulator/app.py) and gives its `repository` on to the services that store (TrainingSession).
"""

from __future__ import annotations

from datetime import datetime

from simulator.domain.history import SessionSummary, StoredSession
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository

# What a TrainingSession writes to, by a name the window can use without importing storage.
Repository = SessionRepository


class SessionArchive:
    def __init__(self, repository: SessionRepository) -> None:
        self.repository = repository

    @classmethod
    def open(cls, url: str | None = None) -> SessionArchive:
        """The archive at a SQLAlchemy URL (the user's default database when None)."""
        return cls(SessionRepository(open_database(url)))

    def list(
        self, persona: str | None = None, scenario: str | None = None, mode: str | None = None,
        result: str | None = None, since: datetime | None = None, limit: int | None = None,
    ) -> list[SessionSummary]:  # fmt: skip
        return self.repository.list(persona, scenario, mode, result, since, limit)

    def load(self, session_id: int) -> StoredSession:
        return self.repository.load(session_id)

    def unfinished(self) -> list[SessionSummary]:
        return self.repository.unfinished()

    def close(self, session_id: int, ended_at: datetime) -> None:
        self.repository.close(session_id, ended_at)

    def techniques_by_session(self, session_ids: list[int]) -> dict[int, set[str]]:
        return self.repository.techniques_by_session(session_ids)
