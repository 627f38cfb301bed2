"""Issue 13 in the window: two windows on one database, a damaged, read-only or failing database."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from simulator.content.yaml_source import ContentProblem
from simulator.detection.detector import TechniqueDetector
from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository
from simulator.ui.application import open_archive
from simulator.ui.main_window import MainWindow
from tests.ui.conftest import start
from tests.ui.test_window import send


def _window(
    qtbot: QtBot, library: ContentLibrary, detector: TechniqueDetector, archive: SessionArchive
) -> MainWindow:
    main = MainWindow(library, detector, seed=1, repository=archive)
    qtbot.addWidget(main)
    main.resize(1100, 720)
    main.show()
    return main


def test_a_second_window_never_offers_the_first_windows_live_session(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    first = _window(qtbot, window.library, window.detector, SessionArchive.open(url))
    start(first, qtbot)
    send(first, qtbot, "亲,99已经是活动价了哈~😊")
    live = first.controller.training.session_id
    second = _window(qtbot, window.library, window.detector, SessionArchive.open(url))
    asked: list[str] = []
    assert not second.offer_unfinished(lambda text: asked.append(text) or True)
    assert asked == []  # not asked at all: "Yes" would have mixed two conversations, "No" closed it
    send(first, qtbot, "可以给您包邮哦")
    stored = first.repository.load(live)
    assert not stored.summary.finished
    assert [m.text for m in stored.messages if m.sender == "trainee"] == [
        "亲,99已经是活动价了哈~😊",
        "可以给您包邮哦",
    ]
    first.controller.stop()


def test_a_corrupt_database_is_named_and_a_fresh_one_offered(window: MainWindow, tmp_path: Path) -> None:
    damaged = tmp_path / "sessions.sqlite3"
    damaged.write_bytes(b"\x00garbage" * 500)
    url = f"sqlite:///{damaged}"
    named: list[str] = []
    assert open_archive(url, lambda problem: named.append(problem.location) or False) is None
    assert named == [str(damaged)] and damaged.read_bytes().startswith(b"\x00garbage")  # untouched
    archive = open_archive(url, lambda problem: True)
    assert archive is not None and not archive.read_only and archive.list() == []
    (kept,) = tmp_path.glob("sessions.sqlite3.corrupt-*")
    assert kept.read_bytes().startswith(b"\x00garbage")  # the old file is kept aside
    assert kept.name in archive.notice


def test_a_newer_database_opens_read_only_with_a_banner_and_history(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "newer.sqlite3"
    url = f"sqlite:///{path}"
    writer = SessionRepository(open_database(url))
    writer.start("haggler", "leather_shoes", 1, "practice", datetime(2026, 12, 1, 9))
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    main = _window(qtbot, window.library, window.detector, SessionArchive.open_for_app(url))
    assert main.banner.isVisible() and "新的练习不会保存" in main.banner.text()
    assert "newer version" in main.banner.text()
    assert not main.offer_unfinished(lambda text: True)  # nothing is resumed into a file it cannot write
    start(main, qtbot)
    assert main.controller.training.repository is None  # the session runs, unrecorded, as the banner says
    main.show_history()
    main.controller.stop()


class _FailingRepository(SessionRepository):
    """A disk that fills up, then has room again."""

    def __init__(self) -> None:
        super().__init__(open_database("sqlite://"))
        self.full = False

    def add_turn(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        if self.full:
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        super().add_turn(*args, **kwargs)  # type: ignore[arg-type]


def test_a_full_disk_shows_a_banner_until_a_write_succeeds_and_the_buyer_still_answers(
    window: MainWindow, qtbot: QtBot
) -> None:
    repository = _FailingRepository()
    main = _window(qtbot, window.library, window.detector, SessionArchive(repository))
    start(main, qtbot)
    assert not main.banner.isVisible()
    repository.full = True
    rows = main.chat_page.model.rowCount()
    send(main, qtbot, "亲,99已经是活动价了哈~😊")
    qtbot.waitUntil(lambda: main.chat_page.model.rowCount() > rows + 1, timeout=5000)  # the buyer answered
    assert main.banner.isVisible() and "disk is full" in main.banner.text()
    repository.full = False
    send(main, qtbot, "可以给您包邮哦")
    qtbot.waitUntil(lambda: not main.banner.isVisible(), timeout=3000)
    stored = repository.load(main.controller.training.session_id)
    assert [m.text for m in stored.messages if m.sender == "trainee"] == [
        "亲,99已经是活动价了哈~😊",
        "可以给您包邮哦",
    ]
    main.controller.stop()


def test_content_problems_are_listed_on_the_start_page(
    qtbot: QtBot, library: ContentLibrary, detector: TechniqueDetector
) -> None:
    problems = [ContentProblem(f"personas/broken_{n}.yaml", n, "bad") for n in range(7)]
    main = _window(qtbot, dataclasses.replace(library, problems=problems), detector, None)  # type: ignore[arg-type]
    box = main.start_page.problems_box
    assert box.isVisible()
    assert "7 处内容问题" in box.text() and "personas/broken_0.yaml:0: bad" in box.text()
    assert "另有 2 处" in box.text() and "personas/broken_6.yaml" in box.toolTip()


def test_leaving_a_chat_before_the_first_message_leaves_nothing_dangling(
    window: MainWindow, qtbot: QtBot
) -> None:
    # Found by the monkey: history opened before the first message left the session unfinished, and
    # the next start offered it for resume as if the app had crashed.
    start(window, qtbot)
    first = window.controller.training.session_id
    window.show_history()
    assert window.stack.currentWidget() is window.history_page
    assert window.repository.unfinished() == []
    assert window.repository.load(first).summary.result == "open"  # kept, marked not finished
    start(window, qtbot)
    assert [s.id for s in window.repository.unfinished()] == [window.controller.training.session_id]
    window.controller.stop()


def test_a_large_database_is_checked_after_start_up_and_damage_is_said(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:
    import pytest

    from simulator.services.archive import CorruptDatabase
    from simulator.storage import database
    from simulator.ui.application import IntegrityCheck

    path = tmp_path / "large.sqlite3"
    writer = SessionRepository(open_database(f"sqlite:///{path}"))
    for seed in range(40):
        session_id = writer.start("haggler", "leather_shoes", seed, "practice", datetime(2026, 12, 1, 9))
        writer.add_turn(session_id, [{"turn": 1, "sender": "trainee", "text": "亲" * 300, "at": 1.0}])
    writer._factory.kw["bind"].dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(path.read_bytes())
    page = 4096
    last = len(data) // page - 1
    data[last * page + 100 : last * page + 3000] = b"\xa5" * 2900  # a damaged page, the file whole
    path.write_bytes(bytes(data))
    monkeypatch.setattr(database, "FULL_CHECK_MAX_BYTES", 1024)  # "large" for this test

    archive = SessionArchive.open_for_app(f"sqlite:///{path}")  # start-up: the structure only
    assert not archive.checked
    main = _window(qtbot, window.library, window.detector, archive)
    checker = IntegrityCheck(archive, main)
    checker.failed.connect(main.database_damaged)
    with qtbot.waitSignal(checker.failed, timeout=10_000):
        checker.start()
    qtbot.waitUntil(lambda: "有损坏" in main.banner.text(), timeout=3000)
    assert str(path) in main.banner.text()
    with pytest.raises(CorruptDatabase):  # the next start checks in full first, and can offer a fresh file
        SessionArchive.open_for_app(f"sqlite:///{path}")
