"""Session files: stored sessions carried on a USB stick to a classroom without a server.

A trainee exports one or many stored sessions to a file (UTF-8 JSON; gzip when the name ends with
``.gz``); the teacher imports the files, and the sessions appear in the history as if played there.

Reading validates the file strictly (simulator/services/session_file_format.py). Planning then looks
at each session: *new*, a *duplicate* of a session already stored (same fingerprint: trainee, buyer,
case, seed, start and the inputs), or *refused* (a buyer or case this machine does not have, or data
that contradicts itself). Importing stores the new ones in one transaction: all of them or none.

When this machine's content differs from the trainee's (a persona edited since), computing the
session again from its inputs gives another result. The imported session keeps the document it was
stored with (what the trainee saw and was scored on); the plan says so in its notes.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from simulator.detection.detector import TechniqueDetector
from simulator.domain.history import (
    SessionSummary,
    StoredChange,
    StoredInput,
    StoredMessage,
    StoredSession,
)
from simulator.services.library import ContentLibrary
from simulator.services.session_file_format import (
    FORMAT,
    MAX_FILE_BYTES,
    MAX_SESSIONS,
    VERSION,
    FileSession,
    SessionFile,
    SessionFileError,
    fingerprint,
    fingerprint_of,
    read_session_file,
)
from simulator.services.training import TrainingSession
from simulator.storage.repository import SessionRepository
from simulator.storage.session_import import (
    engine_of,
    exported_sessions,
    insert_sessions,
    session_ids,
    sessions_like,
)

NEW = "new"
DUPLICATE = "duplicate"
REFUSED = "refused"


# -- export --------------------------------------------------------------------------------------


def export_sessions(
    repository: SessionRepository,
    ids: Sequence[int] | None,
    path: Path,
    now: datetime | None = None,
) -> int:
    """Write the sessions ``ids`` (all stored sessions when None) to ``path``; returns how many.

    The file appears whole or not at all: it is written beside its place and moved there once
    complete, so a full disk or a crash leaves any earlier file of that name as it was."""
    engine = engine_of(repository)
    chosen = session_ids(engine) if ids is None else list(dict.fromkeys(ids))
    try:
        sessions = exported_sessions(engine, chosen)
    except LookupError as missing:
        raise SessionFileError(path, str(missing)) from None
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": (now or datetime.now()).isoformat(timespec="seconds"),
        "sessions": [_exported(session) for session in sessions],
    }
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=_iso).encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    _write_atomically(path, data)
    return len(sessions)


def _exported(session: dict[str, Any]) -> dict[str, Any]:
    exported = {"fingerprint": fingerprint_of(session), "source_id": session["id"]}
    exported.update((name, value) for name, value in session.items() if name != "id")
    return exported


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _write_atomically(path: Path, data: bytes) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise SessionFileError(path, f"文件夹不存在:{folder}")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise SessionFileError(path, f"无法在这里写文件:{_why(error)}") from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise SessionFileError(path, f"文件没有写成,原有的文件保持不变:{_why(error)}") from None


def _why(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "磁盘已满"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写入权限"
    return error.strerror or str(error)


# -- planning and importing ----------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedSession:
    """One session of a file and what importing would do with it."""

    path: Path  # the file it is in
    source: str  # the file's name and the session's place in it
    session: FileSession
    status: str  # NEW | DUPLICATE | REFUSED
    reason: str = ""  # why it is refused, or what it duplicates
    duplicate_of: int | None = None  # the stored session it is the same as
    notes: tuple[str, ...] = ()  # what the teacher should know about a new one

    def label(self) -> str:
        """Who played which buyer in which case, and when."""
        session = self.session
        return (
            f"{session.trainee} · {session.persona}/{session.scenario} · {session.started_at:%Y-%m-%d %H:%M}"
        )


@dataclass
class ImportPlan:
    entries: list[PlannedSession] = field(default_factory=list)
    unreadable: list[SessionFileError] = field(default_factory=list)  # files refused as a whole

    def _with(self, status: str) -> list[PlannedSession]:
        return [entry for entry in self.entries if entry.status == status]

    @property
    def new(self) -> list[PlannedSession]:
        return self._with(NEW)

    @property
    def duplicates(self) -> list[PlannedSession]:
        return self._with(DUPLICATE)

    @property
    def refused(self) -> list[PlannedSession]:
        return self._with(REFUSED)


def read_session_files(paths: Iterable[Path]) -> tuple[list[SessionFile], list[SessionFileError]]:
    """Every file read; a refused file is reported, the others are still read."""
    files: list[SessionFile] = []
    problems: list[SessionFileError] = []
    for path in paths:
        try:
            files.append(read_session_file(path))
        except SessionFileError as problem:
            problems.append(problem)
    return files, problems


def plan_import(
    repository: SessionRepository,
    library: ContentLibrary,
    files: Sequence[SessionFile],
    detector: TechniqueDetector | None = None,
) -> ImportPlan:
    """What importing the files' sessions would do. With a ``detector``, each new session is also
    computed again from its inputs, and a note says when this machine's content gives another result."""
    engine = engine_of(repository)
    plan = ImportPlan()
    seen: dict[str, str] = {}  # fingerprint → the source of the first session with it in this import
    stored_as = _stored_duplicates(engine, [session for file in files for session in file.sessions])
    for session_file in files:
        for index, session in enumerate(session_file.sessions, start=1):
            source = f"{session_file.path.name} 第 {index} 个"
            problem = _inconsistency(session) or _unknown_content(session, library)
            if problem:
                plan.entries.append(PlannedSession(session_file.path, source, session, REFUSED, problem))
                continue
            if session.fingerprint in seen:
                reason = f"与 {seen[session.fingerprint]} 相同"
                plan.entries.append(PlannedSession(session_file.path, source, session, DUPLICATE, reason))
                continue
            seen[session.fingerprint] = source
            stored = stored_as.get(session.fingerprint)
            if stored is not None:
                reason = f"已有相同的会话 #{stored}"
                plan.entries.append(
                    PlannedSession(session_file.path, source, session, DUPLICATE, reason, stored)
                )
                continue
            notes = () if detector is None else _content_notes(session, library, detector)
            plan.entries.append(PlannedSession(session_file.path, source, session, NEW, notes=notes))
    return plan


def import_sessions(repository: SessionRepository, plan: ImportPlan) -> list[int]:
    """Store the plan's new sessions in one transaction (all or none); their new ids, in order."""
    engine = engine_of(repository)
    new = plan.new
    # The database may have changed since the plan was shown (another import of the same file).
    stored_as = _stored_duplicates(engine, [entry.session for entry in new])
    for entry in new:
        stored = stored_as.get(entry.session.fingerprint)
        if stored is not None:
            reason = f"{entry.source} 刚刚已作为 #{stored} 导入,请重新导入以更新列表"
            raise SessionFileError(entry.path, reason)
    if not new:
        return []
    return insert_sessions(engine, [entry.session.plain() for entry in new])


def _stored_duplicates(engine: Engine, sessions: Sequence[FileSession]) -> dict[str, int]:
    """The stored session each of ``sessions`` is the same as, by fingerprint (one query for all)."""
    keys = [(s.persona, s.scenario, s.seed, s.started_at) for s in sessions]
    candidates = sessions_like(engine, keys)
    stored: dict[str, int] = {}
    for session, key in zip(sessions, keys, strict=True):
        for candidate in candidates[key]:
            known = {**candidate, "persona": key[0], "scenario": key[1], "seed": key[2], "started_at": key[3]}
            if fingerprint_of(known) == session.fingerprint:
                stored[session.fingerprint] = int(candidate["id"])
                break
    return stored


def _inconsistency(session: FileSession) -> str:
    """Why the session contradicts itself (edited by hand or damaged); '' when it does not."""
    if fingerprint_of(session) != session.fingerprint:
        return "数据不一致:指纹与内容不符(文件导出后被改动过或已损坏)"
    sequence = [item.seq for item in session.inputs]
    if sequence != sorted(set(sequence)):
        return "数据不一致:输入的序号重复或乱序"
    if session.ended_at is not None and session.ended_at < session.started_at:
        return "数据不一致:结束时间早于开始时间"
    document = session.document
    if document is not None:
        if (document.get("persona"), document.get("scenario"), document.get("seed")) != (
            session.persona, session.scenario, session.seed,
        ):  # fmt: skip
            return "数据不一致:保存的结果属于另一个买家、场景或种子"
        outcome, score = document.get("outcome"), document.get("score")
        if isinstance(outcome, dict) and outcome.get("result") != session.result:
            return "数据不一致:保存的结果与会话的结果不同"
        if isinstance(score, dict) and score.get("total") != session.total:
            return "数据不一致:保存的得分与会话的得分不同"
    return ""


def _unknown_content(session: FileSession, library: ContentLibrary) -> str:
    if session.persona not in library.personas:
        return f"本机没有买家 {session.persona!r}(先导入它的买家包)"
    if session.scenario not in library.scenarios:
        return f"本机没有场景 {session.scenario!r}(先导入它的买家包)"
    return ""


def _content_notes(
    session: FileSession, library: ContentLibrary, detector: TechniqueDetector
) -> tuple[str, ...]:
    """Whether this machine's content computes the same session from its inputs."""
    stored = stored_session(session)
    try:
        rebuilt = TrainingSession.rebuilt(library, detector, stored)
        if session.document is not None:
            rebuilt.finish()
        same = rebuilt.document() == TrainingSession.stored_view(stored)
    except Exception as error:  # any failure of the engine on this content means the same to the teacher
        return (f"本机的内容无法重新计算这个会话({type(error).__name__});导入后按保存的记录显示",)
    if same:
        return ()
    return ("本机的买家或场景文件与导出时不同,重新计算的结果不一样;导入后保存的记录和得分保持原样",)


def stored_session(session: FileSession) -> StoredSession:
    """A file's session as the domain sees a stored one (id 0: it is not stored yet)."""
    summary = SessionSummary(
        id=0, persona=session.persona, scenario=session.scenario, seed=session.seed, mode=session.mode,
        started_at=session.started_at, ended_at=session.ended_at, result=session.result,
        total=session.total, passed=session.passed, satisfaction=session.satisfaction, price=session.price,
        trainee_turns=sum(m.sender == "trainee" for m in session.messages), trainee=session.trainee,
    )  # fmt: skip
    return StoredSession(
        summary,
        tuple(
            StoredMessage(m.turn, m.sender, m.text, m.at, m.delay, tuple(m.techniques), m.state)
            for m in session.messages
        ),
        tuple(
            StoredChange(c.turn, c.kind, c.name, c.before, c.after, c.event, c.note) for c in session.changes
        ),
        tuple(StoredInput(i.seq, i.kind, i.at, i.text, i.record) for i in session.inputs),
        session.document,
    )


__all__ = [
    "DUPLICATE",
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_SESSIONS",
    "NEW",
    "REFUSED",
    "VERSION",
    "FileSession",
    "ImportPlan",
    "PlannedSession",
    "SessionFile",
    "SessionFileError",
    "export_sessions",
    "fingerprint",
    "import_sessions",
    "plan_import",
    "read_session_file",
    "read_session_files",
    "stored_session",
]
