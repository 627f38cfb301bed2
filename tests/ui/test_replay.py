"""课堂回放 (issue 15): a stored session step by step, covered score, 你会怎么回 branches, presenter mode."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from simulator.services.training import TrainingSession
from simulator.services.transcript import parse_transcript
from simulator.ui.main_window import MainWindow
from tests.conftest import PROJECT_ROOT

TRANSCRIPT = PROJECT_ROOT / "tests" / "transcripts" / "haggler_good.txt"


def stored_session(window: MainWindow, trainee: str = "王芳") -> int:
    assert window.repository is not None and window.repository.writer is not None
    training = TrainingSession.start(
        window.library,
        window.detector,
        "haggler",
        None,
        4,
        repository=window.repository.writer,
        trainee=trainee,
    )
    for line in parse_transcript(TRANSCRIPT.read_text(encoding="utf-8").splitlines()):
        training.send(line.text, training.buyer.last_buyer_at + line.delay)
    training.finish()
    assert training.session_id is not None
    return training.session_id


def test_the_class_steps_through_with_the_score_covered_until_revealed(
    window: MainWindow, qtbot: QtBot
) -> None:
    session_id = stored_session(window)
    assert window.show_replay(session_id)
    page = window.replay_page
    assert page is not None and window.stack.currentWidget() is page
    assert page.position == 0 and not page.previous_button.isEnabled()
    assert "王芳" not in page.title.text()  # names stay off the wall unless asked
    page.show_name.setChecked(True)
    assert "王芳" in page.title.text()
    qtbot.keyClick(page, Qt.Key.Key_Right)
    qtbot.keyClick(page, Qt.Key.Key_Right)
    assert page.position == 2
    step = page.current_step()
    assert step.trainee and step.trainee[:6] in page.transcript.toPlainText()
    # Covered: the room sees the buyer's reaction, not the verdict.
    assert page.covered_label.isVisibleTo(page) and not page.coaching.isVisibleTo(page)
    names = [found.name for found in step.techniques]
    assert names and not any(f"[{name}]" in page.transcript.toPlainText() for name in names)
    assert page.meters["trust"].value() == round(step.meters["trust"])
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert page.revealed and page.coaching.isVisibleTo(page)
    assert all(name in page.coaching.toPlainText() for name in names)
    assert f"{step.points:+g}" in page.coaching.toPlainText()
    assert any(change.split(":")[0] in page.changes_label.text() for change in step.changes)
    qtbot.keyClick(page, Qt.Key.Key_Right)  # a new step is covered again, for the next guess
    assert page.position == 3 and not page.revealed
    page.cover_each_step.setChecked(False)
    page.reveal_button.click()
    qtbot.keyClick(page, Qt.Key.Key_Left)
    assert page.position == 2 and page.revealed
    qtbot.keyClick(page, Qt.Key.Key_End)
    assert page.position == len(page.discussion.steps) - 1 and not page.next_button.isEnabled()
    assert page.diagram.diagram is not None
    page.back_button.click()
    assert window.stack.currentWidget() is not page


def test_what_would_you_reply_branches_and_compares(window: MainWindow, qtbot: QtBot) -> None:
    session_id = stored_session(window)
    before = len(window.repository.list())
    assert window.show_replay(session_id, message=2)
    page = window.replay_page
    assert page is not None and page.current_step().message == 2
    page.branch_button.click()
    assert page.branch is not None and page.branch_panel.isVisibleTo(page)
    original = page.current_step().trainee
    assert original and original[:6] in page.branch_title.text()
    page.branch_input.setText("亲 这个价格已经是最低了哦 不能再少了")  # QTest cannot type CJK keys
    qtbot.keyClick(page.branch_input, Qt.Key.Key_Return)
    assert "不能再少了" in page.branch_column.toPlainText()
    assert original[:6] in page.original_column.toPlainText()
    reaction = page.branch.steps[-1]
    assert reaction.buyer_lines and reaction.buyer_lines[0][:4] in page.branch_column.toPlainText()
    assert "你们的分支" in page.state_label.text()
    page.branch_close.click()
    assert page.branch is None and not page.branch_panel.isVisibleTo(page)
    assert len(window.repository.list()) == before  # the room's branch is not a trainee's session


def test_the_history_page_opens_the_replay_at_the_chosen_message(window: MainWindow, qtbot: QtBot) -> None:
    session_id = stored_session(window)
    window.show_history()
    history = window.history_page
    assert history is not None
    history.open_session(session_id)
    history.turn_box.setValue(3)
    history.discuss_button.click()
    assert window.stack.currentWidget() is window.replay_page
    assert window.replay_page is not None and window.replay_page.current_step().message == 3


def test_the_replay_reads_on_the_wall(window: MainWindow, qtbot: QtBot) -> None:
    session_id = stored_session(window)
    window.resize(1920, 1080)
    assert window.show_replay(session_id)
    page = window.replay_page
    assert page is not None
    qtbot.waitUntil(lambda: page.next_button.height() > 0)
    button_at_100, text_at_100 = page.next_button.sizeHint().height(), page.fontMetrics().height()
    try:
        window.zoom(2.0)  # to 300 %
        window.set_high_contrast(True)
        page.go(1)
        page.reveal_button.click()
        # Every control stays on the page, and the rich text takes the high-contrast colours.
        assert page.minimumSizeHint().width() <= window.width()
        assert "#ffff00" in page.transcript.toHtml().lower()
        # The click targets and the text grow with the scale (at least 2.5× at 300 %).
        assert page.next_button.sizeHint().height() >= 2.5 * button_at_100
        assert page.fontMetrics().height() >= 2.5 * text_at_100
    finally:
        window.set_high_contrast(False)
        window.zoom(None)
    assert "#ffff00" not in page.transcript.toHtml().lower()


def test_a_taboo_on_the_class_board_opens_its_turn_in_replay(window: MainWindow, qtbot: QtBot) -> None:
    session_id = stored_session(window)
    window.show_class_board()
    board = window.class_board_page
    assert board is not None and window.stack.currentWidget() is board
    board.turn_requested.emit(session_id, 3)
    assert window.stack.currentWidget() is window.replay_page
    assert window.replay_page is not None and window.replay_page.current_step().message == 3
    window.replay_page.back_button.click()
    assert window.stack.currentWidget() is board  # back to where the teacher came from


def test_an_english_window_replays_with_english_states_and_meters(window: MainWindow, qtbot: QtBot) -> None:
    session_id = stored_session(window)
    try:
        assert window.set_language("en")
        assert window.show_replay(session_id)
        page = window.replay_page
        assert page is not None
        qtbot.keyClick(page, Qt.Key.Key_Right)
        persona = window.library.personas["haggler"]
        trust = next(variable for variable in persona.variables if variable.name == "trust")
        assert page.meters["trust"].format().startswith(trust.label_en)
        assert persona.name_en in page.title.text() and persona.name_zh not in page.title.text()
        step = page.current_step()
        assert persona.state(step.state).label_en in page.state_label.text()
    finally:
        window.set_language("zh_CN")


def test_a_replay_that_departs_from_what_was_lived_says_so(window: MainWindow, qtbot: QtBot) -> None:
    session_id = stored_session(window)
    assert window.show_replay(session_id)
    page = window.replay_page
    assert page is not None and not page.content_notice.isVisibleTo(page)  # same content here
    assert window.repository is not None
    stored = window.repository.load(session_id)
    # As if the buyer had answered the second message otherwise when the trainee played it.
    messages = list(stored.messages)
    index = next(i for i, m in enumerate(messages) if m.sender == "buyer" and m.turn == 2)
    messages[index] = replace(messages[index], text="(当时的另一句话)")
    assert page.open(replace(stored, messages=tuple(messages)))
    assert page.content_notice.isVisibleTo(page) and "第 2 条消息" in page.content_notice.text()
    page.resize(1200, 760)
    assert page.open(stored) and not page.content_notice.isVisibleTo(page)
