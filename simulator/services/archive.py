"""The stored sessions as the window sees them: the one door from simulator/ui to storage.

The UI never imports simulator.storage: it is handed a `SessionArchive` by the composition root
(simulator/app.py) and gives its `repository` on to the services that store (TrainingSession).
A database that cannot be written is still an archive: read-only for history, with a notice
saying why, and no repository for new sessions.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from simulator.domain.history import SessionSummary, StoredSession
from simulator.storage.database import (
    CorruptDatabase,
    DatabaseProblem,
    DatabaseUnavailable,
    OpenedDatabase,
    ReadOnlyDatabase,
    open_database,
    open_for_reading,
    open_for_writing,
    set_aside,
    verify,
)
from simulator.storage.repository import SessionRepository

# What a TrainingSession writes to, by a name the window can use without importing storage.
Repository = SessionRepository

__all__ = [
    "CorruptDatabase",
    "DatabaseProblem",
    "DatabaseUnavailable",
    "ReadOnlyDatabase",
    "Repository",
    "SessionArchive",
]


class SessionArchive:
    def __init__(
        self,
        repository: SessionRepository,
        read_only: bool = False,
        notice: str = "",
        in_memory: bool = False,
        opened: OpenedDatabase | None = None,
    ) -> None:
        self.repository = repository
        self._opened = opened
        self.read_only = read_only
        self.in_memory = in_memory  # the database could not be opened: this run's sessions only
        self.notice = notice  # what the user should know about the archive ('' usually)

    @property
    def writer(self) -> SessionRepository | None:
        """Where new sessions are stored; None when the database can only be read."""
        return None if self.read_only else self.repository

    @classmethod
    def open(cls, url: str | None = None) -> SessionArchive:
        """The archive at a SQLAlchemy URL (the user's default database when None), for writing."""
        return cls(SessionRepository(open_database(url)))

    @classmethod
    def open_for_app(cls, url: str | None = None) -> SessionArchive:
        """For the window: writable when it can be; read-only (a read-only file or folder, a newer
        version's database) or, when it cannot even be read or created, in memory for this run, each
        with a notice. A corrupt file raises CorruptDatabase: the user decides (``set_aside``).
        A large file is fully checked after the window is up (``checked``, ``verify``)."""
        try:
            opened = open_for_writing(url, full_check=None)
            return cls(SessionRepository(opened.engine), opened=opened)
        except ReadOnlyDatabase:
            opened = open_for_reading(url, full_check=None)
            return cls(SessionRepository(opened.engine), read_only=True, notice=opened.notice, opened=opened)
        except DatabaseUnavailable as problem:
            return cls(
                SessionRepository(open_database("sqlite://")),
                notice=f"{problem.location}: {problem.reason}",
                in_memory=True,
            )

    @property
    def checked(self) -> bool:
        """Whether the full integrity check has run (it is left for later on a large file)."""
        return self._opened is None or self._opened.checked

    def verify(self) -> None:
        """The full integrity check (CorruptDatabase when it fails); safe from a worker thread."""
        if self._opened is not None:
            verify(self._opened)

    @staticmethod
    def set_aside(location: str) -> Path:
        """Keep a corrupt database file aside (renamed beside it) so a fresh one can be started."""
        return set_aside(location)

    def list(
        self, persona: str | None = None, scenario: str | None = None, mode: str | None = None,
        result: str | None = None, since: datetime | None = None, limit: int | None = None,
    ) -> list[SessionSummary]:  # fmt: skip
        return self.repository.list(persona, scenario, mode, result, since, limit)

    def load(self, session_id: int) -> StoredSession:
        return self.repository.load(session_id)

    def unfinished(self) -> list[SessionSummary]:
        return [] if self.read_only else self.repository.unfinished()

    def close(self, session_id: int, ended_at: datetime) -> bool:
        return False if self.read_only else self.repository.close(session_id, ended_at)

    def techniques_by_session(self, session_ids: list[int]) -> dict[int, set[str]]:
        return self.repository.techniques_by_session(session_ids)
