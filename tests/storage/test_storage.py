"""Sessions are kept: round trips, a kill mid-session, two writers on one file, the history command."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from datetime import datetime
from pathlib import Path

import pytest

from simulator.detection.detector import TechniqueDetector
from simulator.engine.session import BuyerSession
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession
from simulator.services.transcript import TranscriptLine, parse_transcript
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository
from tests.conftest import PROJECT_ROOT

GOOD = (PROJECT_ROOT / "tests" / "transcripts" / "haggler_good.txt").read_text(encoding="utf-8").splitlines()


def play_lines(training: TrainingSession, lines: list[TranscriptLine]) -> None:
    for line in lines:
        training.send(line.text, training.buyer.last_buyer_at + line.delay)


def record_session(
    library: ContentLibrary, detector: TechniqueDetector, url: str
) -> tuple[BuyerSession, int]:
    repository = SessionRepository(open_database(url))
    training = TrainingSession.start(
        library, detector, "haggler", None, 3, "practice", repository, datetime(2026, 11, 1, 9, 30)
    )
    play_lines(training, parse_transcript(GOOD))
    training.finish(datetime(2026, 11, 1, 9, 40))
    assert training.session_id is not None
    return training.buyer, training.session_id


@pytest.mark.parametrize("kind", ["memory", "file"])
def test_a_session_round_trips(
    library: ContentLibrary, detector: TechniqueDetector, tmp_path: Path, kind: str
) -> None:
    url = "sqlite://" if kind == "memory" else f"sqlite:///{tmp_path / 'db.sqlite3'}"
    engine = open_database(url)
    repository = SessionRepository(engine)
    training = TrainingSession.start(
        library, detector, "haggler", None, 3, "exam", repository, datetime(2026, 11, 1, 9, 30)
    )
    play_lines(training, parse_transcript(GOOD))
    card = training.finish(datetime(2026, 11, 1, 9, 40))
    session = training.buyer
    assert training.session_id is not None
    stored = repository.load(training.session_id)
    assert stored.summary.result == "purchased" and stored.summary.total == card.total
    assert stored.summary.mode == "exam" and stored.summary.seed == 3 and stored.summary.finished
    trainee = [m.text for m in stored.messages if m.sender == "trainee"]
    assert trainee == [record.text for record in session.history if record.text is not None]
    buyer = [m.text for m in stored.messages if m.sender == "buyer"]
    assert buyer == [line for record in session.history for line in record.buyer_lines]
    assert any(change.kind == "state" and change.after == "purchased" for change in stored.changes)
    assert all(change.note for change in stored.changes)
    assert repository.list(persona="haggler")[0].id == training.session_id
    assert repository.list(result="left") == []


def test_a_killed_session_keeps_its_transcript(tmp_path: Path) -> None:
    database = tmp_path / "crash.sqlite3"
    child = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(PROJECT_ROOT)!r})
        from datetime import datetime
        from simulator.app import build_detector, load_library
        from simulator.services.training import TrainingSession
        from simulator.storage.database import open_database
        from simulator.storage.repository import SessionRepository
        library = load_library()
        repository = SessionRepository(open_database("sqlite:///{database}"))
        training = TrainingSession.start(
            library, build_detector(library.catalogue), "haggler", None, 1, "practice", repository
        )
        training.send("亲,99已经是活动价了哈", 10)
        training.send("可以给您包邮哦", 25)
        os._exit(9)  # killed: no clean shutdown, no finish
        """
    )
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, timeout=120, check=False)
    assert result.returncode == 9, result.stderr.decode()
    repository = SessionRepository(open_database(f"sqlite:///{database}"))
    (unfinished,) = repository.unfinished()
    stored = repository.load(unfinished.id)
    assert [m.text for m in stored.messages if m.sender == "trainee"] == [
        "亲,99已经是活动价了哈",
        "可以给您包邮哦",
    ]


def test_two_writers_on_one_file(
    library: ContentLibrary, detector: TechniqueDetector, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    open_database(url)
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for _ in range(3):
                record_session(library, detector, url)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    repository = SessionRepository(open_database(url))
    sessions = repository.list()
    assert len(sessions) == 6 and all(s.finished for s in sessions)
    assert all(len(repository.load(s.id).messages) > 4 for s in sessions)


def test_play_stores_only_when_asked_and_history_lists_newest_first(tmp_path: Path) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text("\n".join(GOOD), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    main = str(PROJECT_ROOT / "main.py")
    for persona in ("haggler", "friendly"):
        subprocess.run(
            [sys.executable, main, "play", "--persona", persona, "--transcript", str(transcript),
             "--db", url],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
    result = subprocess.run(
        [sys.executable, main, "history", "--db", url, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    sessions = json.loads(result.stdout)["sessions"]
    assert [s["persona"] for s in sessions] == ["friendly", "haggler"]
    for s in sessions:
        assert {"id", "persona", "scenario", "started_at", "result", "total"} <= set(s)
        datetime.fromisoformat(s["started_at"])


def test_an_interrupted_session_is_rebuilt_exactly(
    library: ContentLibrary, detector: TechniqueDetector, tmp_path: Path
) -> None:
    repository = SessionRepository(open_database(f"sqlite:///{tmp_path / 'resume.sqlite3'}"))
    training = TrainingSession.start(
        library, detector, "haggler", None, 5, "practice", repository, datetime(2026, 11, 2, 8, 0)
    )
    session = training.buyer
    training.send("亲,99已经是活动价了哈,价格对每位顾客都一样~😊", 12.0)
    training.buyer_spoke(14.5)  # the buyer's line appeared after its typing delay
    training.send("这双是头层牛皮,一分钱一分货", 70.0)
    (unfinished,) = repository.unfinished()
    resumed = TrainingSession.resume(library, detector, repository, unfinished.id)
    rebuilt = resumed.buyer
    assert rebuilt.state == session.state and rebuilt.variables == session.variables
    assert [r.buyer_lines for r in rebuilt.history] == [r.buyer_lines for r in session.history]
    assert [r.delay for r in rebuilt.history] == [r.delay for r in session.history]
    resumed.send("您要黑色还是棕色?", 90.0)
    trainee = [m.text for m in repository.load(unfinished.id).messages if m.sender == "trainee"]
    assert len(trainee) == 3 and trainee[-1] == "您要黑色还是棕色?"
    repository.close(unfinished.id, datetime.now())
    assert repository.unfinished() == []


def test_an_older_database_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, inspect, text

    from simulator.storage.database import upgrade

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = create_engine(url)
    upgrade(old, "0001")  # the database as the first release wrote it
    with old.begin() as connection:
        connection.execute(text("INSERT INTO trainees (id, name) VALUES (1, '学员')"))
        connection.execute(
            text(
                "INSERT INTO sessions (id, trainee_id, persona, scenario, seed, mode, started_at, result, "
                "total) VALUES (7, 1, 'haggler', 'leather_shoes', 3, 'practice', '2026-10-01 09:00:00', "
                "'purchased', 88)"
            )
        )
        for turn, sender in ((0, "buyer"), (1, "trainee"), (1, "buyer"), (2, "trainee")):
            connection.execute(
                text(
                    "INSERT INTO messages (session_id, turn, sender, text, at, delay, techniques, spans, "
                    "state) VALUES (7, :turn, :sender, '亲', 0, 0, '[]', '[]', 'bargaining')"
                ),
                {"turn": turn, "sender": sender},
            )
    old.dispose()
    repository = SessionRepository(open_database(url))  # upgrades to the newest schema
    (summary,) = repository.list()
    assert (summary.id, summary.persona, summary.total, summary.result) == (7, "haggler", 88, "purchased")
    assert summary.trainee_turns == 2
    assert len(repository.load(7).messages) == 4
    engine = open_database(url)
    assert "trainee_turns" in {column["name"] for column in inspect(engine).get_columns("sessions")}


def test_a_session_is_stored_under_its_trainee_and_a_retry_stays_theirs(
    library: ContentLibrary, detector: TechniqueDetector, tmp_path: Path
) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'class.db'}")
    try:
        repository = SessionRepository(engine)
        named = TrainingSession.start(
            library, detector, "haggler", None, 3, repository=repository, trainee=" 王芳 "
        )
        named.send("亲,在的呢", 2.0)
        named.finish()
        unnamed = TrainingSession.start(
            library, detector, "haggler", None, 3, repository=repository, trainee=""
        )
        by_id = {summary.id: summary.trainee for summary in repository.list()}
        assert by_id == {named.session_id: "王芳", unnamed.session_id: "学员"}
        assert named.session_id is not None
        retry = TrainingSession.retry_from(
            library, detector, repository, repository.load(named.session_id), 1
        )
        assert repository.load(retry.session_id or 0).summary.trainee == "王芳"
        assert TrainingSession.rebuilt(library, detector, repository.load(named.session_id)).trainee == "王芳"
    finally:
        engine.dispose()
