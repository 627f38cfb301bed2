"""A GUI monkey (issue 13): a few hundred random clicks, keys, pastes and menu picks across every
page, offscreen. It must end with no exception and a database that is consistent: every stored
session loads and is rebuilt as stored, and at most the running one is left unfinished."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFileDialog,
    QListView,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from simulator.app import ContentPaths, load_library
from simulator.detection.detector import TechniqueDetector
from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession
from simulator.ui import chat_page as chat_page_module
from simulator.ui.main_window import MainWindow

STEPS = 300
PASTES = [
    "亲 在的哦",
    "99已经是活动价了哈~😊",
    "可以给您包邮哦",
    "您要黑色还是棕色?",
    "滚",
    "\u202e\x00控制字符\ud800",
    "还是" * 400,
    "字" * 5000,
    "",
    "[微笑][再见]",
    '=HYPERLINK("http://x")',
]


def _visible(window: MainWindow, kind: type[QWidget]) -> list[QWidget]:
    return [widget for widget in window.findChildren(kind) if widget.isVisible() and widget.isEnabled()]


@pytest.mark.parametrize("seed", [1, 2])
def test_a_monkey_breaks_nothing(
    window: MainWindow, qtbot: QtBot, library: ContentLibrary, detector: TechniqueDetector,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seed: int,
) -> None:  # fmt: skip
    rng = random.Random(seed)
    answers = [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: rng.choice(answers))
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **kwargs: QMessageBox.StandardButton.Ok)
    saves = iter(range(10_000))
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *args, **kwargs: (
            (str(tmp_path / f"out{next(saves)}.html"), "") if rng.random() < 0.7 else ("", "")
        ),
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([], ""))
    # Any other modal dialog (班级数据库…, an import's confirmation, 新建场景…) is dismissed: a monkey
    # waiting on a dialog nobody closes would hang the run.
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(chat_page_module.QuickReplyEditor, "exec", lambda self: QDialog.DialogCode.Rejected)
    # The studio writes content files (存为测试, 保存, 保存修改): the monkey plays on a copy of the content.
    for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/products"):
        shutil.copytree(ContentPaths().root / folder, tmp_path / "content" / folder)
    library = load_library(ContentPaths(tmp_path / "content", cache_dir=None))
    url = f"sqlite:///{tmp_path / 'monkey.sqlite3'}"
    archive = SessionArchive.open(url)
    main = MainWindow(library, detector, seed=seed, repository=archive)
    qtbot.addWidget(main)
    main.resize(1100, 720)
    main.show()

    log: list[str] = []
    for _ in range(STEPS):
        if main.controller is not None:
            main.controller.hurry(0.01)
        action = rng.random()
        if action < 0.40:
            buttons = _visible(main, QAbstractButton)
            if buttons:
                button = rng.choice(buttons)
                page = type(main.stack.currentWidget()).__name__
                log.append(f"click {button.objectName() or button.text()!r} on {page}")
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        elif action < 0.60:
            editors = _visible(main, QPlainTextEdit) + _visible(main, QTextEdit)
            if editors:
                editor = rng.choice(editors)
                if isinstance(editor, QPlainTextEdit) and not editor.isReadOnly():
                    editor.setPlainText(rng.choice(PASTES))
                qtbot.keyClick(editor, Qt.Key.Key_Return)
        elif action < 0.70:
            lists = _visible(main, QListView)
            if lists:
                view = rng.choice(lists)
                rows = view.model().rowCount() if view.model() is not None else 0
                if rows:
                    view.setCurrentIndex(view.model().index(rng.randrange(rows), 0))
        elif action < 0.78:
            combos = [combo for combo in _visible(main, QComboBox) if combo.count()]
            if combos:
                combo = rng.choice(combos)
                combo.setCurrentIndex(rng.randrange(combo.count()))
        elif action < 0.88:
            menus = [menu for menu in main.findChildren(QMenu) if menu.isVisible()]
            actions = [a for menu in menus for a in menu.actions() if a.isEnabled() and not a.isSeparator()]
            if not actions:
                actions = [a for menu in main.menuBar().findChildren(QMenu) for a in menu.actions()]
                actions = [a for a in actions if a.isEnabled() and not a.isSeparator() and a.menu() is None]
            if actions:
                picked = rng.choice(actions)
                log.append(f"menu {picked.text()!r}")
                picked.trigger()
        else:
            qtbot.wait(rng.randint(1, 60))
        for menu in main.findChildren(QMenu):
            if menu.isVisible() and rng.random() < 0.3:
                menu.close()
        # Only the session on the chat page may be unfinished: one left behind by leaving the chat
        # would be offered for resume at the next start as if the app had crashed.
        if archive.repository.unfinished() and main.stack.currentWidget() is not main.chat_page:
            raise AssertionError("a session was left unfinished after:\n" + "\n".join(log[-12:]))

    if main.controller is not None:
        main.controller.stop()
    repository = archive.repository
    sessions = repository.list()
    assert sessions, "the monkey started no session: it did not reach the chat"
    assert len(repository.unfinished()) <= 1
    for summary in sessions:
        stored = repository.load(summary.id)
        rebuilt = TrainingSession.rebuilt(library, detector, stored)
        if summary.finished and summary.result != "open":
            rebuilt.finish()
            assert rebuilt.document() == TrainingSession.stored_view(stored)
        for message in stored.messages:
            assert "\x00" not in message.text and len(message.text) <= 2000
