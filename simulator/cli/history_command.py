"""`history`: the stored sessions, newest first (shared/spec/cli.md)."""

from __future__ import annotations

import json
from typing import IO

from sqlalchemy.exc import NoResultFound, SQLAlchemyError

from simulator.cli.exit_codes import EXIT_USAGE, database_message
from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import OUTCOME_NAMES_ZH
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession
from simulator.storage.database import CorruptDatabase, DatabaseProblem, open_for_reading
from simulator.storage.repository import SessionRepository


def _repository(db_url: str | None, err: IO[str]) -> SessionRepository | None:
    """The stored sessions to read: a read-only or newer database is read, with a note on stderr."""
    try:
        opened = open_for_reading(db_url)
    except DatabaseProblem as problem:
        corrupt = isinstance(problem, CorruptDatabase)
        err.write(database_message("history", problem.location, problem.reason, corrupt) + "\n")
        return None
    if opened.notice:
        err.write(f"simulator history: {opened.location}: {opened.notice}\n")
    return SessionRepository(opened.engine)


def history_command(db_url: str | None, as_json: bool, out: IO[str], err: IO[str]) -> int:
    repository = _repository(db_url, err)
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
    repository = _repository(db_url, err)
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
