"""The teacher's class board, driven offscreen: the board from played sessions, names hidden on the
wall, a taboo opening its turn, an exam assigned and shown on the start page, the trainee's name kept."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from simulator.detection.detector import TechniqueDetector
from simulator.services.archive import SessionArchive
from simulator.services.class_board import ClassBoardService
from simulator.services.exams import ExamService
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository
from simulator.ui.application import create_application
from simulator.ui.class_board_page import BoardRoles, ClassBoardPage, ExamDialog
from simulator.ui.database_dialog import DATABASE_URL_KEY, DatabaseDialog, saved_database_url
from simulator.ui.presenter import ViewSettings
from simulator.ui.start_page import TRAINEE_NAME_KEY, StartPage
from tests.services.classroom import play


@dataclass
class Board:
    page: ClassBoardPage
    archive: SessionArchive
    exams: ExamService
    played: list[TrainingSession]


@pytest.fixture
def scratch(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def board(qtbot: QtBot, library: ContentLibrary, detector: TechniqueDetector) -> Iterator[Board]:
    create_application(["test"])
    engine = open_database("sqlite://")
    archive = SessionArchive(SessionRepository(engine))
    played = [
        play(library, detector, archive.repository, "haggler_poor", "王芳", datetime(2026, 3, 2, 9)),
        play(library, detector, archive.repository, "haggler_good", "李雷", datetime(2026, 3, 3, 9)),
    ]
    exams = ExamService.for_archive(archive, library)
    page = ClassBoardPage(ClassBoardService.for_archive(archive, library), exams, library)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    page.refresh()
    yield Board(page, archive, exams, played)
    engine.dispose()


def _column(model, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> list:
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


def test_the_board_shows_the_class(board: Board, qtmodeltester) -> None:
    page = board.page
    for model in (page.pairing_model, page.ranking_model, page.heat_model, page.taboo_model):
        qtmodeltester.check(model)
    assert _column(page.pairing_model, 0) == ["讲价型买家"]
    assert _column(page.pairing_model, 2) == ["2"] and _column(page.pairing_model, 3) == ["2"]
    totals = [training.card.total for training in board.played]  # type: ignore[union-attr]
    assert page.pairing_model.index(0, 4).data(BoardRoles.SORT) == pytest.approx(sum(totals) / 2)
    assert "共 2 次会话" in page.summary.text()
    assert page.heat_model.rowCount() > 0 and page.taboo_model.rowCount() > 0


def test_names_are_hidden_on_the_wall_until_asked_for(board: Board) -> None:
    page = board.page
    assert not page.show_names.isChecked()
    good, poor = board.played[1].card.total, board.played[0].card.total  # type: ignore[union-attr]
    assert good > poor
    assert _column(page.ranking_model, 1) == ["学员 B", "学员 A"]  # 李雷 played better; 王芳 came first
    page.show_names.setChecked(True)
    assert _column(page.ranking_model, 1) == ["李雷", "王芳"]
    page.show_names.setChecked(False)
    assert _column(page.ranking_model, 1) == ["学员 B", "学员 A"]


def test_double_clicking_a_taboo_asks_for_its_turn_in_replay(board: Board, qtbot: QtBot) -> None:
    page = board.page
    page.tabs.setCurrentIndex(3)
    poor = board.played[0]
    said = {
        (poor.session_id, item.turn, item.rule) for item in poor.card.items if item.component == "penalty"
    }  # type: ignore[union-attr]
    model = page.taboo_model
    impatience = next(
        model.index(row, 0)
        for row in range(model.rowCount())
        if model.index(row, 0).data(BoardRoles.TECHNIQUE_ID) == "impatience"
    )
    hit = model.index(0, 1, impatience)  # its first hit, the 会话/第几句 cell
    expected = (hit.data(BoardRoles.SESSION_ID), hit.data(BoardRoles.TURN))
    assert (*expected, "impatience") in said
    page.taboo_view.scrollTo(hit)
    with qtbot.waitSignal(page.turn_requested, timeout=2000) as signal:
        position = page.taboo_view.visualRect(hit).center()
        # A click first, as a hand gives one: Qt's item views take a double click after a press.
        qtbot.mouseClick(page.taboo_view.viewport(), Qt.MouseButton.LeftButton, pos=position)
        qtbot.mouseDClick(page.taboo_view.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert tuple(signal.args) == expected
    # A taboo's own row only folds: it asks for nothing.
    with qtbot.assertNotEmitted(page.turn_requested):
        page._open_turn(impatience)
        page._open_turn(QModelIndex())


def test_the_heat_map_reads_in_any_theme(board: Board) -> None:
    """Every coloured cell's text has at least WCAG's 4.5:1 contrast with its own background."""
    model = board.page.heat_model
    coloured = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            if background is None:
                continue
            coloured += 1
            assert _contrast(background, index.data(Qt.ItemDataRole.ForegroundRole)) >= 4.5
            assert index.data() not in (None, "")  # the number is written, not only coloured
    assert coloured >= model.rowCount()


def _contrast(first: QColor, second: QColor) -> float:
    def luminance(colour: QColor) -> float:
        channels = [colour.redF(), colour.greenF(), colour.blueF()]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_board_scales_with_presenter_mode(board: Board) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    view = ViewSettings(app)
    row_before = board.page.ranking_view.verticalHeader().sectionSizeHint(0)
    font_before = board.page.ranking_view.font().pointSizeF()
    try:
        view.apply(3.0, high_contrast=True)
        board.page.refresh()
        assert board.page.ranking_view.font().pointSizeF() == pytest.approx(font_before * 3)
        assert board.page.ranking_view.verticalHeader().sectionSizeHint(0) > row_before * 2
    finally:
        view.apply(1.0, high_contrast=False)


def test_an_exam_assigned_on_the_board_shows_on_the_start_page(
    board: Board, qtbot: QtBot, library: ContentLibrary, scratch: QSettings, monkeypatch
) -> None:
    page = board.page
    start = StartPage(library, exams=board.exams, settings=scratch)
    qtbot.addWidget(start)
    assert start.exam_buttons == [] and start.exam_strip.isHidden()

    dialog = page.open_exam_dialog()
    assert isinstance(dialog, ExamDialog)
    dialog.persona_box.setCurrentIndex(dialog.persona_box.findData("haggler"))
    dialog.scenario_box.setCurrentIndex(dialog.scenario_box.findData("leather_shoes"))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()  # no title yet: refused, said, nothing stored
    assert dialog.isVisible() and "名称" in dialog.error.text() and board.exams.all_exams() == []
    dialog.title.setText("第三周 讲价考核")
    dialog.seed.setValue(9)
    dialog.minutes.setValue(25)
    with qtbot.waitSignal(page.exams_changed, timeout=2000):
        ok.click()
    (exam,) = board.exams.open_exams()
    assert (exam.title, exam.persona, exam.scenario, exam.seed, exam.time_limit_minutes) == (
        "第三周 讲价考核", "haggler", "leather_shoes", 9, 25
    )  # fmt: skip
    assert page.exam_box.currentData() == exam.id and page.close_exam_button.isEnabled()

    start.refresh_exams()
    (card,) = start.exam_buttons
    assert "第三周 讲价考核" in card.text() and "25" in card.text() and not start.exam_strip.isHidden()
    with qtbot.waitSignal(start.exam_chosen, timeout=2000) as chosen:
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert chosen.args == [exam]

    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.exams_changed, timeout=2000):
        assert page.close_exam()
    assert board.exams.open_exams() == [] and not page.close_exam_button.isEnabled()
    start.refresh_exams()
    assert start.exam_buttons == [] and start.exam_strip.isHidden()


def test_the_trainee_name_is_remembered(qtbot: QtBot, library: ContentLibrary, scratch: QSettings) -> None:
    create_application(["test"])
    first = StartPage(library, settings=scratch)
    qtbot.addWidget(first)
    assert first.trainee_name() == ""
    qtbot.keyClicks(first.trainee_name_edit, " Li  Lei ")  # typed (QTest types ASCII only)
    assert first.trainee_name() == "Li Lei"
    first.trainee_name_edit.clear()
    first.trainee_name_edit.insert(" 王芳 ")  # as an input method commits it
    assert first.trainee_name() == "王芳" and scratch.value(TRAINEE_NAME_KEY) == "王芳"
    again = StartPage(library, settings=scratch)
    qtbot.addWidget(again)
    assert again.trainee_name() == "王芳"


def test_the_database_dialog_tests_the_connection_and_keeps_the_url(
    qtbot: QtBot, scratch: QSettings, tmp_path: Path
) -> None:
    create_application(["test"])
    dialog = DatabaseDialog(scratch)
    qtbot.addWidget(dialog)
    dialog.url.setText(f"sqlite:///{tmp_path / 'class.sqlite3'}")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled() and "连接" in dialog.status.text(), timeout=5000)
    assert dialog.status.text() == "✔ 连接成功" and dialog.last_problem is None
    dialog.url.setText("postgresql://teacher:S3cret-pw@127.0.0.1:1/class")
    dialog.test_button.click()
    qtbot.waitUntil(
        lambda: dialog.test_button.isEnabled() and "无法连接" in dialog.status.text(), timeout=8000
    )
    assert "S3cret-pw" not in dialog.status.text() and "127.0.0.1" in dialog.status.text()
    dialog.url.setText("postgresql+psycopg://teacher@classroom/class")
    dialog.accept()
    assert saved_database_url(scratch) == "postgresql+psycopg://teacher@classroom/class"
    assert scratch.value(DATABASE_URL_KEY) == "postgresql+psycopg://teacher@classroom/class"
