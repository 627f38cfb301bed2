"""Issue 13 probes on storage: damaged, read-only, newer and shared databases lose and crash nothing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from simulator.app import PROJECT_ROOT
from simulator.services.archive import SessionArchive
from simulator.storage.database import (
    CorruptDatabase,
    DatabaseUnavailable,
    ReadOnlyDatabase,
    open_database,
    open_for_reading,
    set_aside,
)
from simulator.storage.lease import LEASE_SECONDS
from simulator.storage.repository import SessionRepository

MAIN = str(PROJECT_ROOT / "main.py")
GOOD_TRANSCRIPT = "亲,99已经是活动价了哈\n[+5s] 可以给您包邮哦\n"


def _run(*args: str, stdin: str = "", user: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, MAIN, *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *command]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=180, check=False)


def _stored_database(path: Path) -> Path:
    result = _run("play", "--persona", "haggler", "--db", f"sqlite:///{path}", stdin=GOOD_TRANSCRIPT)
    assert result.returncode == 0, result.stderr
    return path


def _one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    return _stored_database(tmp_path / "sessions.sqlite3")


def test_a_garbage_file_is_one_line_on_the_cli_and_is_left_as_it_was(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(5000))
    before = garbage.read_bytes()
    for args in (("history",), ("play", "--persona", "haggler")):
        result = _run(*args, "--db", f"sqlite:///{garbage}", stdin=GOOD_TRANSCRIPT)
        _one_line_error(result, str(garbage), "not a session database", "move the file away")
        assert result.stdout == ""  # play refused before the session ran
    assert garbage.read_bytes() == before


def test_a_truncated_database_fails_the_integrity_check(stored: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(stored.read_bytes()[:20000])
    with pytest.raises(CorruptDatabase) as raised:
        open_database(f"sqlite:///{truncated}")
    assert raised.value.location == str(truncated) and "damaged" in raised.value.reason
    _one_line_error(_run("history", "--db", f"sqlite:///{truncated}"), str(truncated), "damaged")


def test_a_corrupt_file_is_set_aside_and_a_fresh_one_starts(tmp_path: Path) -> None:
    garbage = tmp_path / "sessions.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    (tmp_path / "sessions.sqlite3-wal").write_bytes(b"wal")
    kept = set_aside(str(garbage), datetime(2026, 12, 1, 9, 30))
    assert kept.name == "sessions.sqlite3.corrupt-20261201-093000"
    assert kept.read_bytes().startswith(b"not a database")
    assert (tmp_path / "sessions.sqlite3.corrupt-20261201-093000-wal").exists()
    archive = SessionArchive.open_for_app(f"sqlite:///{garbage}")
    assert not archive.read_only and archive.list() == []


def _make_newer(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()


def test_a_newer_database_is_read_for_history_and_never_written(stored: Path) -> None:
    _make_newer(stored)
    url = f"sqlite:///{stored}"
    with pytest.raises(ReadOnlyDatabase):
        open_database(url)
    opened = open_for_reading(url)
    assert opened.read_only and "newer version" in opened.notice
    assert len(SessionRepository(opened.engine).list()) == 1
    history = _run("history", "--db", url)
    assert history.returncode == 0 and "#1" in history.stdout and "newer version" in history.stderr
    _one_line_error(_run("play", "--persona", "haggler", "--db", url, stdin=GOOD_TRANSCRIPT), "newer version")
    archive = SessionArchive.open_for_app(url)
    assert archive.read_only and archive.writer is None and archive.unfinished() == []


def _read_only_user() -> str | None:
    """Whom to run as so that file modes apply: root ignores them, so root runs the probe as nobody."""
    if os.geteuid() != 0:
        return None
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file modes cannot be tested")
    return "nobody"


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_opens_read_only_for_history(stored: Path, tmp_path: Path, what: str) -> None:
    user = _read_only_user()
    # Under the system's temporary folder, which every user may enter (pytest's own is private).
    folder = Path(tempfile.mkdtemp(prefix="read-only-probe-"))
    target = folder / "sessions.sqlite3"
    shutil.copy(stored, target)
    if user is not None:
        shutil.chown(folder, user)
        shutil.chown(target, user)
    target.chmod(0o444 if what == "file" else 0o644)
    folder.chmod(0o755 if what == "file" else 0o555)
    try:
        url = f"sqlite:///{target}"
        history = _run("history", "--db", url, user=user)
        assert history.returncode == 0, history.stderr
        assert "#1" in history.stdout and "read-only" in history.stderr
        play = _run("play", "--persona", "haggler", "--db", url, stdin=GOOD_TRANSCRIPT, user=user)
        _one_line_error(play, str(target), "read-only")
        assert play.stdout == ""
    finally:
        folder.chmod(0o755)
        target.chmod(0o644)
        shutil.rmtree(folder)


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nowhere' / 'sessions.sqlite3'}"
    with pytest.raises(DatabaseUnavailable):
        open_database(url)
    archive = SessionArchive.open_for_app(url)  # the app still opens: this run's sessions in memory
    assert archive.in_memory and "does not exist" in archive.notice and archive.writer is not None


def test_four_programs_on_a_new_file_all_keep_their_session(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    command = [sys.executable, MAIN, "play", "--persona", "haggler", "--db", url]
    processes = [
        subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    results = [process.communicate(GOOD_TRANSCRIPT, timeout=180) for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], [err for _, err in results]
    assert len(SessionRepository(open_database(url)).list()) == 4


def test_a_postgresql_url_without_a_server_is_one_line_with_the_password_hidden() -> None:
    result = _run(
        "play", "--persona", "haggler", "--db", "postgresql://coach:secret@127.0.0.1:9/class", stdin="你好\n"
    )
    _one_line_error(result, "postgresql+psycopg://coach:***@127.0.0.1:9/class")
    assert "secret" not in result.stderr


# -- two windows on one database: the lease -----------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 10, 0)

    def __call__(self) -> datetime:
        return self.now


def test_a_live_session_of_another_window_is_neither_offered_nor_closed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'two.sqlite3'}"
    clock = _Clock()
    first = SessionRepository(open_database(url), clock=clock)
    second = SessionRepository(open_database(url), clock=clock)
    session_id = first.start("haggler", "leather_shoes", 1, "practice", clock.now)
    assert second.unfinished() == []
    assert not second.close(session_id, clock.now)
    assert not second.claim(session_id)
    assert [s.id for s in first.unfinished()] == [session_id]  # its own window may resume it
    # The first window stops renewing (another machine's window, gone): after the lease it is free.
    clock.now += timedelta(seconds=LEASE_SECONDS + 1)
    assert [s.id for s in second.unfinished()] == [session_id]
    assert second.claim(session_id)
    assert not first.renew(session_id)  # the first window is told it lost the session
    assert first.unfinished() == []


def test_a_killed_window_frees_its_session_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'killed.sqlite3'}"
    child = subprocess.run(
        [sys.executable, "-c", (
            "import sys; from datetime import datetime\n"
            "from simulator.storage.database import open_database\n"
            "from simulator.storage.repository import SessionRepository\n"
            f"r = SessionRepository(open_database({url!r}))\n"
            "print(r.start('haggler', 'leather_shoes', 1, 'practice', datetime.now()))\n"
        )],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120, check=True,
    )  # fmt: skip
    session_id = int(child.stdout)
    # Its process has ended, its heartbeat is seconds old: resume is offered now, not in 90 s.
    assert [s.id for s in SessionRepository(open_database(url)).unfinished()] == [session_id]


def test_resuming_a_session_held_elsewhere_is_refused(tmp_path: Path) -> None:
    from simulator.app import build_detector, load_library
    from simulator.services.training import SessionInUse, TrainingSession

    library = load_library()
    detector = build_detector(library.catalogue)
    url = f"sqlite:///{tmp_path / 'resume.sqlite3'}"
    first = SessionRepository(open_database(url))
    training = TrainingSession.start(library, detector, "haggler", None, 1, repository=first)
    training.send("亲,99已经是活动价了哈", 5.0)
    with pytest.raises(SessionInUse):
        TrainingSession.resume(library, detector, SessionRepository(open_database(url)), training.session_id)
    training.send("可以给您包邮哦", 12.0)  # the first window goes on writing into its own session
    stored = first.load(training.session_id)
    assert [m.text for m in stored.messages if m.sender == "trainee"] == [
        "亲,99已经是活动价了哈",
        "可以给您包邮哦",
    ]


def test_a_home_where_nothing_can_be_created_still_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    # /proc takes no new folders, not even from root: the data folder cannot be created.
    monkeypatch.setenv("XDG_DATA_HOME", "/proc/no-such-folder/data")
    env = dict(os.environ)
    history = subprocess.run(
        [sys.executable, MAIN, "history"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    _one_line_error(history, "/proc/no-such-folder/data", "cannot create the data folder")
    play = subprocess.run(
        [sys.executable, MAIN, "play", "--persona", "haggler"],
        input=GOOD_TRANSCRIPT, capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert play.returncode == 0 and "得分" in play.stdout  # play stores nothing without --db
    archive = SessionArchive.open_for_app(None)
    assert archive.in_memory and "cannot create the data folder" in archive.notice


def test_a_window_whose_session_was_taken_over_stops_writing_to_it(tmp_path: Path) -> None:
    from simulator.app import build_detector, load_library
    from simulator.services.training import TrainingSession

    library = load_library()
    detector = build_detector(library.catalogue)
    url = f"sqlite:///{tmp_path / 'taken.sqlite3'}"
    clock = _Clock()
    first = SessionRepository(open_database(url), clock=clock)
    training = TrainingSession.start(library, detector, "haggler", None, 1, repository=first)
    training.send("亲 在的哦", 5.0)
    clock.now += timedelta(seconds=LEASE_SECONDS + 1)  # the laptop slept: the lease ran out
    second = SessionRepository(open_database(url), clock=clock)
    assert second.claim(training.session_id)  # type: ignore[arg-type]
    step = training.send("可以给您包邮哦", 30.0)
    assert step.record is not None and "另一个窗口" in step.storage_error
    training.send("您要黑色还是棕色?", 40.0)  # said once; nothing more is written
    stored = second.load(training.session_id)  # type: ignore[arg-type]
    assert [m.text for m in stored.messages if m.sender == "trainee"] == ["亲 在的哦"]
    training.finish()  # nor is its score written over the session the other window now holds
    assert second.load(training.session_id).summary.ended_at is None  # type: ignore[arg-type]
