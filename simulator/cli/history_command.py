"""`history`: the stored sessions, newest first, one of them, and session files (shared/spec/cli.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sqlalchemy.exc import NoResultFound, SQLAlchemyError

from simulator.cli.exit_codes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, database_message
from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import OUTCOME_NAMES_ZH
from simulator.services.library import ContentLibrary
from simulator.services.session_files import (
    SessionFileError,
    export_sessions,
    import_sessions,
    plan_import,
    read_session_files,
)
from simulator.services.training import TrainingSession
from simulator.storage.database import CorruptDatabase, DatabaseProblem, open_for_reading, open_for_writing
from simulator.storage.repository import SessionRepository


@contextmanager
def _opened(db_url: str | None, err: IO[str], writable: bool = False) -> Iterator[SessionRepository | None]:
    """The stored sessions (None, and a message, when the database cannot be used); closed after.

    For reading, a read-only or newer database is read, with a note on stderr."""
    try:
        opened = open_for_writing(db_url) if writable else open_for_reading(db_url)
    except DatabaseProblem as problem:
        corrupt = isinstance(problem, CorruptDatabase)
        err.write(database_message("history", problem.location, problem.reason, corrupt) + "\n")
        opened = None
    if opened is None:
        yield None
        return
    if opened.notice:
        err.write(f"simulator history: {opened.location}: {opened.notice}\n")
    try:
        yield SessionRepository(opened.engine)
    finally:
        opened.engine.dispose()


def history_command(db_url: str | None, as_json: bool, out: IO[str], err: IO[str]) -> int:
    with _opened(db_url, err) as repository:
        if repository is None:
            return EXIT_USAGE
        try:
            sessions = repository.list()
        except SQLAlchemyError as error:
            err.write(f"simulator history: cannot read the database: {str(error).splitlines()[0]}\n")
            return EXIT_USAGE
    if as_json:
        document = {
            "sessions": [
                {
                    "id": s.id,
                    "persona": s.persona,
                    "scenario": s.scenario,
                    "started_at": s.started_at.isoformat(timespec="seconds"),
                    "result": s.result,
                    "total": s.total,
                    "mode": s.mode,
                    "seed": s.seed,
                    "passed": s.passed,
                }
                for s in sessions
            ]
        }
        out.write(json.dumps(document, ensure_ascii=False) + "\n")
        return 0
    if not sessions:
        out.write("还没有保存的会话 No stored sessions yet.\n")
    for s in sessions:
        result = OUTCOME_NAMES_ZH.get(s.result or "", "未完成")
        total = "—" if s.total is None else f"{s.total:3d}"
        started = f"{s.started_at:%Y-%m-%d %H:%M}"
        out.write(f"#{s.id:<5d} {started}  {s.persona:18s} {s.scenario:22s} {result:6s} {total}\n")
    return 0


def history_session_command(
    library: ContentLibrary,
    detector: TechniqueDetector,
    db_url: str | None,
    session_id: int,
    rebuild: bool,
    out: IO[str],
    err: IO[str],
) -> int:
    """One stored session in the shape of `play --json`, as stored or computed again (cli.md)."""
    with _opened(db_url, err) as repository:
        if repository is None:
            return EXIT_USAGE
        try:
            stored = repository.load(session_id)
        except NoResultFound:
            err.write(f"simulator history: no stored session {session_id}\n")
            return EXIT_USAGE
        except SQLAlchemyError as error:
            err.write(f"simulator history: cannot read the database: {str(error).splitlines()[0]}\n")
            return EXIT_USAGE
    if not rebuild:
        document = TrainingSession.stored_view(stored)
    else:
        try:
            training = TrainingSession.rebuilt(library, detector, stored)
        except LookupError as error:
            err.write(f"simulator history: session {session_id} cannot be rebuilt: {error}\n")
            return EXIT_USAGE
        if stored.document is not None:
            training.finish()
        document = training.document()
    out.write(json.dumps(document, ensure_ascii=False) + "\n")
    return 0


def history_export_command(
    db_url: str | None, session_ids: Sequence[int] | None, path: Path, out: IO[str], err: IO[str]
) -> int:
    """`history --export FILE [--session ID ...]`: the sessions (all when none is named) in one file."""
    with _opened(db_url, err) as repository:
        if repository is None:
            return EXIT_USAGE
        try:
            count = export_sessions(repository, session_ids, path)
        except SessionFileError as problem:
            err.write(f"simulator history: cannot export to {path}: {problem.reason}\n")
            return EXIT_USAGE
        except SQLAlchemyError as error:
            err.write(f"simulator history: cannot read the database: {str(error).splitlines()[0]}\n")
            return EXIT_USAGE
    out.write(f"已导出 {count} 个会话到 {path} ({count} sessions exported)\n")
    return EXIT_OK


def history_import_command(
    library: ContentLibrary,
    detector: TechniqueDetector,
    db_url: str | None,
    paths: Sequence[Path],
    out: IO[str],
    err: IO[str],
) -> int:
    """`history --import FILE ...`: one line per session (imported / duplicate / refused: reason) and a
    count; exit 0 when nothing was refused, 1 when something was, 2 when nothing could be stored."""
    files, unreadable = read_session_files(paths)
    with _opened(db_url, err, writable=True) as repository:
        if repository is None:
            return EXIT_USAGE
        try:
            plan = plan_import(repository, library, files, detector)
            new_ids = import_sessions(repository, plan)
        except SessionFileError as problem:
            err.write(f"simulator history: nothing was imported: {problem.reason}\n")
            return EXIT_USAGE
        except SQLAlchemyError as error:
            err.write(
                f"simulator history: nothing was imported, the database refused: {_first_line(error)}\n"
            )
            return EXIT_USAGE
    for problem in unreadable:
        out.write(f"{problem.path.name}: refused: {problem.reason}\n")
    imported = dict(zip((id(entry) for entry in plan.new), new_ids, strict=True))
    for entry in plan.entries:
        if entry.status == "new":
            line = f"imported as #{imported[id(entry)]}"
        elif entry.status == "duplicate":
            line = f"duplicate: {entry.reason}"
        else:
            line = f"refused: {entry.reason}"
        out.write(f"{entry.source}: {entry.label()}: {line}\n")
        for note in entry.notes:
            out.write(f"    note: {note}\n")
    refused = len(plan.refused) + len(unreadable)
    counts = (len(new_ids), len(plan.duplicates), refused)
    out.write(
        "导入 {} 个 · 重复 {} 个 · 拒绝 {} 个 ({} imported, {} duplicate, {} refused)\n".format(
            *counts, *counts
        )
    )
    return EXIT_OK if refused == 0 else EXIT_PROBLEMS


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
