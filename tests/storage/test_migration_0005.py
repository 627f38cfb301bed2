"""Migration 0005 (exams, sessions.exam_id) on SQLite and on PostgreSQL: a 0004 database with sessions
in it is upgraded in place and keeps every row; exams can be stored and referenced afterwards."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from simulator.storage.database import open_database, upgrade
from simulator.storage.exams import ExamStore
from simulator.storage.repository import SessionRepository
from tests.storage.postgres_server import fresh_database


@pytest.fixture(scope="module")
def server(postgres_base: str | None) -> str | None:
    return postgres_base  # the run's one server (tests/conftest.py); None: SQLite only


@pytest.fixture(params=("sqlite", "postgresql"))
def url(request: pytest.FixtureRequest, server: str | None, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'class.sqlite3'}"
    if server is None:
        pytest.skip("no PostgreSQL server binaries on this machine")
    return fresh_database(server, "migration0005")


def _fill_0004(url: str) -> None:
    """A database as version 0004 wrote it: one finished session with its messages and score."""
    old = create_engine(url)
    try:
        upgrade(old, "0004")
        with old.begin() as connection:
            connection.execute(text("INSERT INTO trainees (id, name) VALUES (1, '王芳')"))
            connection.execute(
                text(
                    "INSERT INTO sessions (id, trainee_id, persona, scenario, seed, mode, started_at, "
                    "ended_at, result, total, passed, trainee_turns, lease_owner) VALUES (7, 1, 'haggler', "
                    "'leather_shoes', 3, 'exam', '2026-10-01 09:00:00', '2026-10-01 09:10:00', 'purchased', "
                    "88, true, 2, NULL)"
                )
            )
            for turn, sender in ((0, "buyer"), (1, "trainee"), (1, "buyer"), (2, "trainee")):
                connection.execute(
                    text(
                        "INSERT INTO messages (session_id, turn, sender, text, at, delay, techniques, spans, "
                        "state) VALUES (7, :turn, :sender, '亲', 0, 0, '[\"greeting\"]', '[]', 'bargaining')"
                    ),
                    {"turn": turn, "sender": sender},
                )
            connection.execute(
                text(
                    "INSERT INTO score_items (session_id, turn, rule, component, points, reason, quote, "
                    "better) VALUES (7, 2, 'impatience', 'penalty', -10, '不耐烦', '爱买不买', '')"
                )
            )
    finally:
        old.dispose()


def test_a_0004_database_is_upgraded_and_keeps_its_sessions(url: str) -> None:
    _fill_0004(url)
    engine = open_database(url)  # upgrades to the newest schema
    try:
        schema = inspect(engine)
        assert "exams" in schema.get_table_names()
        columns = {column["name"]: column for column in schema.get_columns("sessions")}
        assert "exam_id" in columns and columns["exam_id"]["nullable"]
        references = [
            fk for fk in schema.get_foreign_keys("sessions") if fk["constrained_columns"] == ["exam_id"]
        ]
        assert [(fk["referred_table"], fk["referred_columns"]) for fk in references] == [("exams", ["id"])]
        assert "ix_sessions_exam_id" in {index["name"] for index in schema.get_indexes("sessions")}

        repository = SessionRepository(engine)
        (summary,) = repository.list()
        assert (summary.id, summary.trainee, summary.total, summary.mode, summary.trainee_turns) == (
            7, "王芳", 88, "exam", 2
        )  # fmt: skip
        stored = repository.load(7)
        assert len(stored.messages) == 4 and stored.messages[1].techniques == ("greeting",)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT exam_id FROM sessions WHERE id = 7")).scalar() is None
            assert connection.execute(text("SELECT count(*) FROM score_items")).scalar() == 1

        exam = ExamStore(engine).create("期中", "haggler", "leather_shoes", 5, 30, datetime(2026, 10, 2))
        new = repository.start(
            "haggler", "leather_shoes", 5, "exam", datetime(2026, 10, 2, 9), "李雷", exam.id
        )
        with engine.connect() as connection:
            assert (
                connection.execute(text(f"SELECT exam_id FROM sessions WHERE id = {new}")).scalar() == exam.id
            )
        with pytest.raises(IntegrityError):  # the reference holds: no session for an exam that is not there
            repository.start(
                "haggler", "leather_shoes", 5, "exam", datetime(2026, 10, 2, 9), "李雷", exam.id + 99
            )
    finally:
        engine.dispose()
    open_database(url).dispose()  # at head: opening again changes nothing
