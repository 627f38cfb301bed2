"""The storage on a real PostgreSQL server (issues 13 and 15): migrations, exact rebuild, the lease,
several programs migrating a new database at once, and the CLI's --db and history."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

import pytest
from sqlalchemy import Engine, inspect

from simulator.app import PROJECT_ROOT
from simulator.detection.detector import TechniqueDetector
from simulator.services.library import ContentLibrary
from simulator.services.training import SessionInUse, TrainingSession
from simulator.storage.database import open_database
from tests.conftest import open_repository
from tests.storage.postgres_server import fresh_database

MAIN = str(PROJECT_ROOT / "main.py")
TRANSCRIPT = "亲,99已经是活动价了哈\n[+5s] 可以给您包邮哦\n"


@pytest.fixture(scope="module")
def server(postgres: str) -> str:
    return postgres  # the run's one server (tests/conftest.py)


def test_migrations_make_the_schema_once(server: str, engines: list[Engine]) -> None:
    url = fresh_database(server, "migrations")
    engine = open_database(url)
    engines.append(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"sessions", "messages", "session_inputs", "alembic_version"} <= tables
    columns = {column["name"] for column in inspect(engine).get_columns("sessions")}
    assert {"lease_owner", "lease_heartbeat", "document"} <= columns
    engine.dispose()
    open_database(url).dispose()  # at head: nothing to do the second time


def test_a_session_is_stored_and_rebuilt_exactly(
    server: str, library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine]
) -> None:
    repository = open_repository(fresh_database(server, "rebuild"), engines)
    training = TrainingSession.start(library, detector, "haggler", "leather_shoes", 3, "practice", repository)
    training.send("亲 在的哦", 6.0)
    training.buyer_spoke(9.0)
    training.send("99已经是活动价了哈,价格对每位顾客都一样~😊", 20.0)
    training.tick(20.0 + training.persona.leave_after_seconds + 1)
    training.finish()
    assert training.session_id is not None and not training.storage_error
    stored = repository.load(training.session_id)
    rebuilt = TrainingSession.rebuilt(library, detector, stored)
    rebuilt.finish()
    assert rebuilt.document() == TrainingSession.stored_view(stored) == training.document()


def test_a_live_session_is_leased_to_its_window(
    server: str, library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine]
) -> None:
    url = fresh_database(server, "lease")
    first = open_repository(url, engines)
    training = TrainingSession.start(library, detector, "haggler", None, 1, repository=first)
    training.send("亲 在的哦", 5.0)
    second = open_repository(url, engines)
    assert second.unfinished() == [] and not second.close(training.session_id, datetime.now())  # type: ignore[arg-type]
    with pytest.raises(SessionInUse):
        TrainingSession.resume(library, detector, second, training.session_id)  # type: ignore[arg-type]


def test_four_programs_on_a_new_database_all_keep_their_session_and_history_reads_them(server: str) -> None:
    url = fresh_database(server, "four")
    command = [sys.executable, MAIN, "play", "--persona", "haggler", "--db", url]
    processes = [
        subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    results = [process.communicate(TRANSCRIPT, timeout=180) for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], [err for _, err in results]
    history = subprocess.run(
        [sys.executable, MAIN, "history", "--db", url, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    sessions = json.loads(history.stdout)["sessions"]
    assert len(sessions) == 4 and all(s["persona"] == "haggler" for s in sessions)
    first = str(sessions[0]["id"])
    one = subprocess.run(
        [sys.executable, MAIN, "history", "--db", url, "--session", first, "--rebuild", "--json"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert json.loads(one.stdout)["persona"] == "haggler"


def test_progress_reads_the_techniques_of_every_session_on_postgres(
    server: str, library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine]
) -> None:
    # DISTINCT over a json column has no equality operator on PostgreSQL: 我的进步 crashed there.
    repository = open_repository(fresh_database(server, "progress"), engines)
    training = TrainingSession.start(
        library, detector, "haggler", None, 2, repository=repository, trainee="王芳"
    )
    record = training.send("亲,99已经是活动价了哈,算下来一天才几分钱", 6.0).record
    training.finish()
    assert training.session_id is not None and record is not None and record.detection is not None
    used = repository.techniques_by_session([training.session_id])
    assert used == {training.session_id: set(record.detection.techniques)} and used[training.session_id]
    assert repository.list()[0].trainee == "王芳"
