"""The class board at class size: 40 trainees × 20 sessions, on PostgreSQL and on SQLite.

    python benchmarks/class_board.py [--rounds N] [--sqlite-only]

The rows are real: every shipped transcript is played (two seeds) with TrainingSession, and its
session, messages, score items, buyer changes and inputs are copied 800 times under 40 trainees,
over twelve weeks, some for an exam and a few left unfinished. Then the board is built again and
again (ClassBoardService.build, the whole board as the page shows it) and the median and the
slowest are printed. Target (issue 15): the board opens < 500 ms on PostgreSQL.
PostgreSQL is a throw-away server from the Debian package (tests/storage/postgres_server.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, insert, select  # noqa: E402

from simulator.app import ContentPaths, build_detector, load_library, load_model_for  # noqa: E402
from simulator.services.class_board import BoardFilter, ClassBoardService  # noqa: E402
from simulator.services.library import ContentLibrary  # noqa: E402
from simulator.services.training import TrainingSession  # noqa: E402
from simulator.services.transcript import parse_transcript  # noqa: E402
from simulator.storage.database import open_database  # noqa: E402
from simulator.storage.models import (  # noqa: E402
    ChangeRow,
    ExamRow,
    InputRow,
    MessageRow,
    ScoreItemRow,
    SessionRow,
    TraineeRow,
)
from simulator.storage.repository import SessionRepository  # noqa: E402
from tests.storage.postgres_server import available, fresh_database, postgres_server  # noqa: E402

TRAINEES = 40
SESSIONS_EACH = 20
SEEDS = (3, 11)
TRANSCRIPTS = ROOT / "tests" / "transcripts"
CHILDREN = (MessageRow, ScoreItemRow, ChangeRow, InputRow)
TARGET_MS = 500.0


def _columns(mapping: Any, skip: tuple[str, ...]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if key not in skip}


def played_templates(library: ContentLibrary) -> list[dict[str, Any]]:
    """Every shipped transcript played for real, as the rows it stored."""
    detector = build_detector(library.catalogue, load_model_for(library.catalogue, ContentPaths())[0])
    engine = open_database("sqlite://")
    repository = SessionRepository(engine)
    for path in sorted(TRANSCRIPTS.glob("*_good*.txt")) + sorted(TRANSCRIPTS.glob("*_poor*.txt")):
        persona_id = path.stem.split("_good")[0].split("_poor")[0]
        if persona_id not in library.personas:
            continue
        lines = parse_transcript(path.read_text(encoding="utf-8").splitlines())
        for seed in SEEDS:
            training = TrainingSession.start(library, detector, persona_id, None, seed, repository=repository)
            for line in lines:
                training.send(line.text, training.buyer.last_buyer_at + line.delay)
            training.finish()
    templates = []
    with engine.connect() as connection:
        for session in connection.execute(select(SessionRow.__table__)).mappings():
            template: dict[str, Any] = {"session": _columns(session, ("id", "trainee_id"))}
            for model in CHILDREN:
                table = model.__table__  # type: ignore[attr-defined]
                rows = connection.execute(
                    select(table).where(table.c.session_id == session["id"]).order_by(table.c.id)
                )
                template[model.__tablename__] = [_columns(r, ("id", "session_id")) for r in rows.mappings()]
            templates.append(template)
    engine.dispose()
    return templates


def fill(engine: Engine, templates: list[dict[str, Any]]) -> dict[str, int]:
    """40 trainees × 20 sessions copied from the templates, with their own dates; three exams."""
    start = datetime(2026, 3, 2, 8, 0)
    exams = [
        {"id": n + 1, "title": f"第 {n + 1} 次考核", "persona": "haggler", "scenario": "leather_shoes",
         "seed": 7, "time_limit_minutes": 20, "created_at": start + timedelta(weeks=4 * n), "closed_at": None}
        for n in range(3)
    ]  # fmt: skip
    sessions, children = [], {model: [] for model in CHILDREN}
    session_id = 0
    for trainee in range(TRAINEES):
        for number in range(SESSIONS_EACH):
            session_id += 1
            template = templates[(trainee * 7 + number * 3) % len(templates)]
            started = start + timedelta(days=(number * 4 + trainee) % 84, minutes=trainee * 11)
            row = dict(template["session"], id=session_id, trainee_id=trainee + 1, started_at=started)
            row["ended_at"] = started + timedelta(minutes=8)
            row["exam_id"] = exams[number % 3]["id"] if number % 5 == 0 else None
            unfinished = (trainee + number) % 19 == 0  # a few left unfinished: no score yet
            if unfinished:
                row.update(ended_at=None, result=None, total=None, passed=None, document=None)
            sessions.append(row)
            for model in CHILDREN:
                if unfinished and model is ScoreItemRow:
                    continue
                for child in template[model.__tablename__]:
                    children[model].append(dict(child, session_id=session_id))
    with engine.begin() as connection:
        connection.execute(
            insert(TraineeRow), [{"id": n + 1, "name": f"学员{n + 1:02d}号"} for n in range(TRAINEES)]
        )
        connection.execute(insert(ExamRow), exams)
        connection.execute(insert(SessionRow), sessions)
        for model, rows in children.items():
            for chunk in range(0, len(rows), 20_000):
                connection.execute(insert(model), rows[chunk : chunk + 20_000])
    with engine.connect() as connection:
        return {
            model.__tablename__: connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (SessionRow, MessageRow, ScoreItemRow, ChangeRow, InputRow)
        }


def timed(action: Callable[[], object], rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def measure(
    name: str, url: str, templates: list[dict[str, Any]], library: ContentLibrary, rounds: int
) -> float:
    engine = open_database(url)
    try:
        started = time.perf_counter()
        counts = fill(engine, templates)
        stored = ", ".join(f"{count} {table}" for table, count in counts.items())
        print(f"\n{name}: stored {stored} in {time.perf_counter() - started:.1f} s")
        service = ClassBoardService(engine, library)
        board = service.build()  # the first build also connects and warms the server's caches
        print(
            f"  board: {board.sessions} sessions ({board.scored} scored), {len(board.ranking)} trainees, "
            f"{len(board.heat)} techniques, {sum(t.hits for t in board.taboos)} taboo hits"
        )
        cases: list[tuple[str, Callable[[], object]]] = [
            ("whole class", service.build),
            ("names shown", lambda: service.build(show_names=True)),
            ("one persona", lambda: service.build(BoardFilter(persona="haggler"))),
            ("one exam", lambda: service.build(BoardFilter(exam_id=2))),
            ("since a date", lambda: service.build(BoardFilter(since=datetime(2026, 4, 20)))),
        ]
        whole = 0.0
        for label, action in cases:
            median, slowest = timed(action, rounds)
            whole = whole or median
            print(f"  {label:<13} median {median:6.1f} ms   max {slowest:6.1f} ms   ({rounds} rounds)")
        with _board_page(engine, service, library) as refresh:
            page_median, page_slowest = timed(refresh, rounds)
        print(f"  page refresh  median {page_median:6.1f} ms   max {page_slowest:6.1f} ms   (Qt offscreen)")
        return whole
    finally:
        engine.dispose()


@contextmanager
def _board_page(
    engine: Engine, service: ClassBoardService, library: ContentLibrary
) -> Iterator[Callable[[], None]]:
    """The board page as the teacher opens it: the board built and every table filled (offscreen Qt)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shiboken6

    from simulator.services.exams import ExamService
    from simulator.storage.exams import ExamStore
    from simulator.ui.application import create_application
    from simulator.ui.class_board_page import ClassBoardPage

    app = create_application(["benchmark"])
    page = ClassBoardPage(service, ExamService(ExamStore(engine), library), library)
    page.resize(1280, 800)
    page.show()

    def refresh() -> None:
        page.refresh()
        app.processEvents()  # laid out and painted, as the teacher sees it

    try:
        yield refresh
    finally:
        page.close()
        shiboken6.delete(page)  # now, not at interpreter exit (PySide would crash tearing it down)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--sqlite-only", action="store_true")
    options = parser.parse_args()
    library = load_library()
    started = time.perf_counter()
    templates = played_templates(library)
    messages = sum(len(t["messages"]) for t in templates) / len(templates)
    items = sum(len(t["score_items"]) for t in templates) / len(templates)
    print(
        f"played {len(templates)} real sessions in {time.perf_counter() - started:.1f} s "
        f"(per session: {messages:.1f} messages, {items:.1f} score items)"
    )
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite", f"sqlite:///{Path(folder) / 'class.sqlite3'}", templates, library, options.rounds)
    if options.sqlite_only:
        return 0
    if not available():
        print("\nPostgreSQL: no initdb/pg_ctl on this machine (install the postgresql package)")
        return 1
    with postgres_server() as base:
        median = measure(
            "PostgreSQL", fresh_database(base, "class_board"), templates, library, options.rounds
        )
    verdict = "within" if median < TARGET_MS else "OVER"
    print(f"\nPostgreSQL whole board: median {median:.1f} ms, {verdict} the {TARGET_MS:.0f} ms target")
    return 0 if median < TARGET_MS else 1


def _run() -> int:
    code = main()
    # Everything is cleaned up by now (the server stopped, the folders removed, the page deleted).
    # PySide6 may still crash collecting Qt wrappers during the interpreter's own teardown (a
    # none_dealloc abort seen after the page was timed): leave without it, the figures are printed.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    _run()
