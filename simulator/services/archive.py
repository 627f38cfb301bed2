"""The stored sessions as the window sees them: the one door from simulator/ui to storage.

The UI never imports simulator.storage: it is handed a `SessionArchive` by the composition root
(simulator/app.py) and gives its `repository` on to the services that store (TrainingSession).
A database that cannot be written is still an archive: read-only for history, with a notice
saying why, and no repository for new sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from simulator.detection.detector import TechniqueDetector
from simulator.domain.history import SessionSummary, StoredSession
from simulator.services import session_files
from simulator.services.library import ContentLibrary
from simulator.services.session_files import ImportPlan, SessionFileError
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
    "ImportPlan",
    "ReadOnlyDatabase",
    "Repository",
    "SessionArchive",
    "SessionFileError",
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

    # -- session files (simulator/services/session_files.py) --------------------------------------

    @property
    def import_blocked(self) -> str:
        """Why sessions cannot be imported here ('' when they can)."""
        if not self.read_only:
            return ""
        return "数据库只能读取,不能导入会话文件" + (f":{self.notice}" if self.notice else "")

    def export_sessions(self, session_ids: Sequence[int] | None, path: Path) -> int:
        """The sessions (all when None) written to a session file; SessionFileError when it cannot be."""
        try:
            return session_files.export_sessions(self.repository, session_ids, path)
        except SQLAlchemyError as error:
            raise SessionFileError(path, f"无法读取数据库,没有导出:{_first_line(error)}") from None

    def plan_import(
        self, paths: Sequence[Path], library: ContentLibrary, detector: TechniqueDetector | None = None
    ) -> ImportPlan:
        """What importing the files would add, skip as duplicates and refuse (a file that cannot be
        read is in ``unreadable``); nothing is stored yet."""
        files, unreadable = session_files.read_session_files(paths)
        try:
            plan = session_files.plan_import(self.repository, library, files, detector)
        except SQLAlchemyError as error:
            raise SessionFileError(paths[0], f"无法读取数据库:{_first_line(error)}") from None
        plan.unreadable.extend(unreadable)
        return plan

    def import_sessions(self, plan: ImportPlan) -> list[int]:
        """The plan's new sessions stored, all or none; their ids."""
        where = plan.entries[0].path if plan.entries else Path()
        if self.import_blocked:
            raise SessionFileError(where, self.import_blocked)
        try:
            return session_files.import_sessions(self.repository, plan)
        except SQLAlchemyError as error:
            raise SessionFileError(
                where, f"数据库没有接受写入,没有导入任何会话:{_first_line(error)}"
            ) from None


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:200]
