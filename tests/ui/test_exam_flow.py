"""An assigned exam from the trainee's side (issue 15): the card on the start page starts it with the
exam's buyer, shop and seed under the trainee's name, counts down, and ends itself when time is up."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from simulator.ui.main_window import MainWindow
from tests.ui.conftest import FAST


def test_an_exam_card_starts_a_timed_exam_that_ends_when_time_is_up(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: said.append(text))
    assert window.exams is not None and window.repository is not None
    exam = window.exams.create("第三周 讲价考核", "haggler", "leather_shoes", 9, 1)
    window.show_start()
    window.start_page.trainee_name_edit.setText("王芳")
    (card,) = window.start_page.exam_buttons
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.controller is not None and window.stack.currentWidget() is window.chat_page
    window.controller.hurry(FAST)
    qtbot.waitUntil(lambda: window.chat_page.model.rowCount() >= 1, timeout=3000)
    assert window.chat_page.time_limit_s == 60.0 and not window.chat_page.coach_panel.isVisibleTo(window)
    window.chat_page._update_timer()
    assert window.chat_page.exam_clock.text() in (
        "考试剩余 01:00",
        "考试剩余 00:59",
    )  # counts down from 1 min
    (summary,) = window.repository.list()
    assert (summary.mode, summary.seed, summary.persona, summary.scenario) == (
        "exam",
        9,
        "haggler",
        "leather_shoes",
    )
    assert summary.trainee == "王芳" == window.start_page.trainee_name()
    # Time is up: the session is scored on what was written, without asking.
    window.chat_page.time_limit_s = 0.0
    window.chat_page._update_timer()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=5000)
    (summary,) = window.repository.list()
    assert summary.finished and summary.total is not None
    # A closed exam cannot be started from a card left on a screen.
    window.stack.setCurrentWidget(window.start_page)  # the card still showing, as on a screen left on
    window.exams.close(exam.id)
    window.start_exam(exam)
    assert said == ["这场考试已经结束了。"]
    assert window.stack.currentWidget() is window.start_page and window.start_page.exam_buttons == []
