"""The real window, driven offscreen: choose a buyer, chat, get coached, end, read the report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from simulator.detection.detector import TechniqueDetector
from simulator.services.library import ContentLibrary
from simulator.ui.chat_model import ChatRoles, Sender
from simulator.ui.main_window import MainWindow
from tests.ui.conftest import start


def send(window: MainWindow, qtbot: QtBot, text: str) -> None:
    before = window.chat_page.model.rowCount()
    window.chat_page.input.setPlainText(text)
    qtbot.keyClick(window.chat_page.input, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.chat_page.model.rowCount() > before and not window.controller.busy, timeout=5000
    )


def test_the_start_page_lists_every_persona_with_its_rubric(
    window: MainWindow, qtbot: QtBot, qtmodeltester
) -> None:
    model = window.start_page.persona_model
    qtmodeltester.check(model)
    assert model.rowCount() == len(window.library.personas)
    window.start_page.select_persona("haggler")
    assert window.start_page.start_button.isEnabled()
    assert "及格线" in window.start_page.rubric_view.toPlainText()
    assert "接待策略" in window.start_page.rubric_view.toPlainText()


def test_the_buyer_opens_and_answers(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    model = window.chat_page.model
    assert model.data(model.index(0), ChatRoles.SENDER) == Sender.BUYER
    send(window, qtbot, "亲,99已经是活动价了哈,价格对每位顾客都一样~😊")
    senders = [model.data(model.index(row), ChatRoles.SENDER) for row in range(model.rowCount())]
    assert senders[1] == Sender.TRAINEE and Sender.BUYER in senders[2:]


def test_practice_mode_shows_badges_with_reasons(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    send(window, qtbot, "说了多少遍了,爱买不买")
    model = window.chat_page.model
    row = next(
        r for r in range(model.rowCount()) if model.data(model.index(r), ChatRoles.SENDER) == Sender.TRAINEE
    )
    badges = model.data(model.index(row), ChatRoles.BADGES)
    assert [badge.technique_id for badge in badges] == ["impatience"] and badges[0].kind == "bad"
    tooltip = model.data(model.index(row), Qt.ItemDataRole.ToolTipRole)
    assert "不耐烦" in tooltip
    # the evidence: the words quoted and the rule that found them, with its class words
    assert "“说了多少遍”" in tooltip and "techniques.yaml 第" in tooltip and "不耐烦=说了多少遍" in tooltip
    assert window.chat_page.coach_panel.isVisible()
    assert window.chat_page.cause_label.text()


def test_exam_mode_gives_no_hints(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, mode="exam")
    send(window, qtbot, "亲,99已经是活动价了哈")
    assert not window.chat_page.coach_panel.isVisible()
    model = window.chat_page.model
    assert all(not model.data(model.index(r), ChatRoles.BADGES) for r in range(model.rowCount()))
    assert window.controller.session.seed == 1


def test_enter_sends_and_shift_enter_makes_a_new_line(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    page = window.chat_page
    page.input.setPlainText("第一行")
    page.input.moveCursor(page.input.textCursor().MoveOperation.End)
    qtbot.keyClick(page.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert page.input.toPlainText() == "第一行\n"
    rows = page.model.rowCount()
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    assert page.model.rowCount() == rows + 1 and page.input.toPlainText() == ""


def test_markup_typed_by_the_trainee_shows_literally(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    send(window, qtbot, "<b>加粗</b><img src=x> &lt;")
    model = window.chat_page.model
    texts = [model.data(model.index(r)) for r in range(model.rowCount())]
    assert "<b>加粗</b><img src=x> &lt;" in texts


def test_the_reply_timer_turns_orange_then_red(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=3000)
    session = window.controller.session
    session.last_buyer_at = window.controller.now() - 21
    window.chat_page._update_timer()
    assert "#d97706" in window.chat_page.timer_colour()
    session.last_buyer_at = window.controller.now() - 31
    window.chat_page._update_timer()
    assert "#dc2626" in window.chat_page.timer_colour()
    assert "31" in window.chat_page.timer_label.text()


def test_emoticons_and_quick_replies_insert_text(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    menu = window.chat_page.show_emoticons()
    menu.actions()[0].trigger()
    assert "[微笑]" in window.chat_page.input.toPlainText()
    window.chat_page.input.clear()
    window.chat_page.quick_replies.append("亲,这是我自己加的快捷短语")
    quick = window.chat_page.show_quick_replies()
    next(action for action in quick.actions() if action.text() == "亲,这是我自己加的快捷短语").trigger()
    assert window.chat_page.input.toPlainText() == "亲,这是我自己加的快捷短语"


def test_ending_the_session_shows_the_report_and_retry_keeps_the_seed(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈,价格对每位顾客都一样~😊")
    seed = window.controller.session.seed
    opening = list(window.controller.session.opening)
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    assert "/ 100" in window.report_page.summary.text()
    assert "逐条说明" in window.report_page.browser.toPlainText()
    saved = window.report_page.save(str(tmp_path / "r.html"))
    assert saved is not None and saved.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    window.report_page.retry_button.click()
    assert window.stack.currentWidget() is window.chat_page
    assert window.controller.session.seed == seed and window.controller.session.opening == opening


def test_a_buyer_who_leaves_ends_the_session(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    send(window, qtbot, "行吧,80给你")
    send(window, qtbot, "不讲价了")
    window.chat_page.input.setPlainText("说了多少遍了,爱买不买")
    qtbot.keyClick(window.chat_page.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=5000)
    assert "买家离开" in window.report_page.summary.text()


def test_closing_mid_session_asks_first(window: MainWindow, qtbot: QtBot, monkeypatch) -> None:
    start(window, qtbot)
    send(window, qtbot, "您好")
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args: asked.append(args) or QMessageBox.StandardButton.No
    )
    window.close()
    assert asked and window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    window.close()
    assert not window.isVisible()


def test_the_chat_model_is_a_well_behaved_item_model(window: MainWindow, qtbot: QtBot, qtmodeltester) -> None:
    start(window, qtbot)
    send(window, qtbot, "亲,在的")
    qtmodeltester.check(window.chat_page.model)


def test_switching_to_english_and_back(window: MainWindow, qtbot: QtBot) -> None:
    assert window.set_language("en")
    assert window.windowTitle() == "Online-shop customer-service trainer"
    assert window.start_page.start_button.text() == "Start"
    window.start_page.select_persona("haggler")
    assert "Pass mark" in window.start_page.rubric_view.toPlainText()
    assert window.set_language("zh_CN")
    assert window.start_page.start_button.text() == "开始接待"


def _render(family: str, text: str) -> bytes:
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(80, 60, QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    font = QFont(family)
    font.setPixelSize(40)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # no help from system fonts
    painter.setFont(font)
    painter.setPen(QColor(0, 0, 0))
    painter.drawText(5, 45, text)
    painter.end()
    return bytes(image.constBits())


def test_chinese_renders_with_the_shipped_font(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from simulator.ui.fonts import SHIPPED_FAMILY, SHIPPED_FONT, ensure_chinese_font

    app = QApplication.instance()
    assert SHIPPED_FONT.exists()
    assert ensure_chinese_font(app, force_shipped=True) == SHIPPED_FAMILY
    missing = _render(SHIPPED_FAMILY, "\U0010fffd")  # no font has it: the "tofu" box
    for char in "网店客服陪练歡迎光臨亲¥":
        drawn = _render(SHIPPED_FAMILY, char)
        assert drawn != missing and min(drawn) < 128, char


def test_patience_drains_in_wall_clock_time(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=3000)
    session = window.controller.session
    session.last_buyer_at = window.controller.now() - session.persona.leave_after_seconds - 1
    window.controller.tick()
    assert session.finished
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=5000)


def test_emoticon_codes_show_as_pictures_and_other_markup_stays_text(
    window: MainWindow, qtbot: QtBot
) -> None:
    from simulator.ui import emoticons

    assert len(emoticons.available()) >= 10
    html = emoticons.to_html("谢谢[微笑]<img src=x>[不存在]")
    assert '<img src="emoticon:微笑"' in html
    assert "&lt;img src=x&gt;" in html and "[不存在]" in html
    assert not emoticons.image("微笑").isNull()
    start(window, qtbot)
    send(window, qtbot, "好的亲[微笑]")
    window.grab()  # paints the bubbles with the picture; must not fail


def test_quick_replies_can_be_edited_and_are_kept(window: MainWindow, qtbot: QtBot, monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog

    from simulator.ui.quick_replies import QuickReplyEditor, load_quick_replies

    start(window, qtbot)
    editor = QuickReplyEditor(["亲,在的哦"], window)
    editor.list.item(0).setText("亲亲,在的呢~")
    editor._add("我这就帮您查一下")
    monkeypatch.setattr(editor, "exec", lambda: QDialog.DialogCode.Accepted)
    window.chat_page.edit_quick_replies(editor)
    assert window.chat_page.quick_replies == ["亲亲,在的呢~", "我这就帮您查一下"]
    assert load_quick_replies() == ["亲亲,在的呢~", "我这就帮您查一下"]


def test_exam_mode_shows_a_session_clock(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, mode="exam")
    window.chat_page._update_timer()
    assert window.chat_page.exam_clock.isVisible()
    assert "00:0" in window.chat_page.exam_clock.text()


def test_clicking_an_item_highlights_its_message(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import QUrl

    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈~😊")
    send(window, qtbot, "行吧,80给你")
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    window.report_page.browser.anchorClicked.emit(QUrl("#turn-2"))
    assert window.report_page.highlighted == 2
    assert 'class="turn trainee current" id="turn-2"' in window.report_page._render(2)


def test_the_app_starts_offscreen_and_stays_up(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT

    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path)
    )
    process = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "main.py")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    import time

    try:
        # Not a speed test (benchmarks/startup_time.py is): wait for the window's database, however
        # loaded the machine, then check the app is still up a moment later.
        deadline = time.monotonic() + 120
        while not list(tmp_path.rglob("sessions.sqlite3")) and process.poll() is None:
            if time.monotonic() > deadline:
                break
            time.sleep(0.2)
        try:
            process.wait(timeout=2)
            raise AssertionError(f"the app exited: {process.stderr.read().decode()}")
        except subprocess.TimeoutExpired:
            pass  # still running: good
    finally:
        process.kill()
        _, stderr = process.communicate()
    assert b"Traceback" not in stderr
    assert list(tmp_path.rglob("sessions.sqlite3")), "the app keeps sessions in the user's data folder"


def test_the_product_card_shows_a_picture_price_and_sizes(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    assert not window.chat_page.product_picture.pixmap().isNull()
    card = window.chat_page.product_card.text()
    assert "¥99" in card and "42" in window.chat_page.facts_panel.text()  # the sizes with the shop facts


def test_every_session_in_the_window_is_kept(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈~😊")
    stored = window.repository.load(window.controller.training.session_id)
    assert [m.text for m in stored.messages if m.sender == "trainee"] == ["亲,99已经是活动价了哈~😊"]
    assert not stored.summary.finished
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    assert window.repository.load(window.controller.training.session_id).summary.total is not None


def test_an_interrupted_session_can_be_resumed_or_closed(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈~😊")
    interrupted = window.controller.training.session_id
    state = window.controller.session.state
    # The app is killed here: the session is never finished. The next start opens the same database.
    restarted = MainWindow(window.library, window.detector, repository=window.repository)
    qtbot.addWidget(restarted)
    asked: list[str] = []
    assert restarted.offer_unfinished(lambda text: asked.append(text) or True)
    assert asked and "讲价型买家" in asked[0] and "haggler" not in asked[0]  # a name, not an id
    assert restarted.controller.training.session_id == interrupted
    assert restarted.controller.session.state == state
    model = restarted.chat_page.model
    assert "亲,99已经是活动价了哈~😊" in [model.data(model.index(r)) for r in range(model.rowCount())]
    again = MainWindow(window.library, window.detector, repository=window.repository)
    qtbot.addWidget(again)
    assert not again.offer_unfinished(lambda text: False)  # closed, and kept
    assert window.repository.unfinished() == []
    assert window.repository.load(interrupted).summary.result == "open"
    restarted.controller.stop()


def test_the_history_lists_filters_opens_and_exports(
    window: MainWindow, qtbot: QtBot, qtmodeltester, tmp_path: Path
) -> None:
    import csv

    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈~😊")
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    start(window, qtbot, mode="exam")
    send(window, qtbot, "行吧,80给你")
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    window.show_history()
    page = window.history_page
    assert window.stack.currentWidget() is page
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 2
    page.mode_filter.setCurrentIndex(page.mode_filter.findData("exam"))
    assert page.model.rowCount() == 1
    page.date_filter.setCurrentIndex(page.date_filter.findData(7))
    assert page.model.rowCount() == 1
    page.scenario_filter.setCurrentIndex(page.scenario_filter.findData("cardigan"))
    assert page.model.rowCount() == 0
    page.scenario_filter.setCurrentIndex(page.scenario_filter.findData("leather_shoes"))
    assert page.model.rowCount() == 1
    page.open_session(page.model.session_id(0))
    assert "行吧,80给你" in page.detail.toPlainText() and "↳" in page.detail.toPlainText()
    target = tmp_path / "sessions.csv"
    assert page.export_csv(str(target)) == 2
    with target.open(encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    assert {row["mode"] for row in rows} == {"practice", "exam"} and all(
        row["persona"] == "haggler" for row in rows
    )


def test_progress_shows_trends_weak_techniques_and_a_next_buyer(window: MainWindow, qtbot: QtBot) -> None:
    for text in ("亲,99已经是活动价了哈~😊", "行吧,80给你"):
        start(window, qtbot)
        send(window, qtbot, text)
        window.chat_page.end_button.click()
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    window.show_progress()
    progress = window.progress_page.progress
    assert window.stack.currentWidget() is window.progress_page
    assert len(progress.scores) == 2
    assert progress.technique_use.get("hold_price") == 1
    assert progress.weakest and progress.weakest[0].advice
    assert progress.next_persona is not None and progress.next_persona != "haggler"  # others never tried
    assert window.progress_page.score_chart.chart().series()
    assert "建议下一位买家" in window.progress_page.advice.text()


def test_retry_from_a_turn_replays_it_exactly_then_compares(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈,价格对每位顾客都一样~😊")
    send(window, qtbot, "行吧,80给你")
    first_id = window.controller.training.session_id
    first_lines = [record.buyer_lines for record in window.controller.session.history[:2]]
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    window.show_history()
    page = window.history_page
    page.open_session(first_id)
    page.turn_box.setValue(1)
    assert "行吧,80给你" not in page.detail.toPlainText()  # replay stops after turn 1
    page.retry_button.click()
    assert window.stack.currentWidget() is window.chat_page
    assert [record.buyer_lines for record in window.controller.session.history[:2]] == first_lines
    window.controller.hurry(0.02)
    send(window, qtbot, "理解您想买得实惠~ 不过可以给您包邮,再送一双鞋垫[微笑]")
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    assert f"#{first_id}:" in window.report_page.summary.text()
    report = window.export_report(first_id, str(tmp_path / "first.html"))
    assert report is not None and "行吧,80给你" in report.read_text(encoding="utf-8")


def test_wrong_size_advice_shows_as_a_wrong_fact_not_a_green_badge(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "friendly")
    send(window, qtbot, "阿姨158 120斤的话建议拿XL码哦 常规版型")
    model = window.chat_page.model
    row = next(
        r for r in range(model.rowCount()) if model.data(model.index(r), ChatRoles.SENDER) == Sender.TRAINEE
    )
    badges = {badge.technique_id: badge for badge in model.data(model.index(row), ChatRoles.BADGES)}
    assert badges["size_advice"].kind == "bad"
    assert "尺码推荐错误" in badges["size_advice"].reason and "L" in badges["size_advice"].reason


def test_the_start_page_offers_only_the_scenarios_a_persona_plays_in(window: MainWindow) -> None:
    window.start_page.select_persona("friendly")
    box = window.start_page.scenario_box
    offered = [box.itemData(index) for index in range(box.count())]
    assert offered == list(window.library.persona("friendly").scenarios)
    assert offered[0] == "cardigan" and "suitcase" not in offered


def test_a_new_session_starts_from_a_clean_window(window: MainWindow, qtbot: QtBot) -> None:
    """Two sessions in a row: nothing of the first (its order, its causes) shows in the second."""
    start(window, qtbot, "pick_then_abandon")  # an unpaid coat order: the order card is shown
    page = window.chat_page
    assert page.order_card.isVisibleTo(window) and "大衣" in page.order_card.text()
    send(window, qtbot, "亲 您好 这件大衣是双面呢的 很保暖哦")
    assert page.cause_label.text()
    first = window.controller
    page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    start(window, qtbot, "haggler")  # the shoe shop, no order yet
    assert window.controller is not first
    assert not page.order_card.isVisibleTo(window) and page.order_card.text() == ""
    assert page.cause_label.text() == ""
    assert window.controller.session.scenario.product.name in page.product_card.text()
    send(window, qtbot, "亲,99已经是活动价了哈")
    rows = [
        page.model.data(page.model.index(r), Qt.ItemDataRole.DisplayRole)
        for r in range(page.model.rowCount())
    ]
    assert not any("大衣" in (text or "") for text in rows)


def test_save_report_writes_the_report(window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈")
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    target = tmp_path / "saved.html"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "HTML (*.html)")
    )
    window.report_page.save_button.click()  # the button itself, as a trainee clicks it
    assert target.exists() and "99已经是活动价了哈" in target.read_text(encoding="utf-8")
    assert window.report_page.summary.text().count("\n") >= 1  # the verdict under the score
    assert "及格" in window.report_page.summary.text().split("\n", 1)[1]


def test_ending_while_the_buyer_waits_asks_first(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈")
    page = window.chat_page
    assert page.confirm_end(ask=lambda: False) is False
    assert window.stack.currentWidget() is page and not window.controller.session.finished
    assert page.confirm_end(ask=lambda: True) is True
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)


def test_the_message_box_counts_towards_its_limit(window: MainWindow, qtbot: QtBot) -> None:
    from simulator.services.training import MAX_MESSAGE_CHARS

    start(window, qtbot)
    page = window.chat_page
    page.input.setPlainText("亲" * (MAX_MESSAGE_CHARS + 5))
    assert page.counter_label.text() == f"{MAX_MESSAGE_CHARS + 5}/{MAX_MESSAGE_CHARS}"
    assert page.counter_label.property("over") is True
    page.input.setPlainText("亲在的")
    assert (
        page.counter_label.text() == f"3/{MAX_MESSAGE_CHARS}" and page.counter_label.property("over") is False
    )


def test_skipped_content_files_are_shown(
    qtbot: QtBot, library: ContentLibrary, detector: TechniqueDetector, monkeypatch
) -> None:
    import dataclasses

    from simulator.content.yaml_source import ContentProblem

    broken = dataclasses.replace(library, problems=[ContentProblem("personas/broken.yaml", 3, "bad")])
    main = MainWindow(broken, detector, seed=1)
    qtbot.addWidget(main)
    assert "1 个内容文件没有加载" in main.statusBar().currentMessage()
    assert "personas/broken.yaml" in main.statusBar().currentMessage()


def test_the_shop_facts_are_beside_the_chat_in_exam_mode_too(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "friendly", mode="exam")
    scenario = window.controller.session.scenario
    facts = window.chat_page.facts_panel
    assert facts.isVisibleTo(window) and not window.chat_page.coach_panel.isVisibleTo(window)
    text = facts.text()
    for row in scenario.product.size_chart:
        assert f"{row.size}:身高 {row.height_cm[0]:g}" in text
    assert scenario.shipping.cutoff in text and scenario.after_sale_policy[:20] in text
    assert f"买家在{scenario.buyer.region}" in text and "满 88 元包邮" in text
    facts.toggle.click()  # folded away, and back
    assert not facts.body.isVisibleTo(window)
    facts.toggle.click()
    assert facts.body.isVisibleTo(window)


def test_the_coaching_names_the_buyers_variables_not_their_ids(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "haggler")
    send(window, qtbot, "行吧,80给你")  # a big drop: the offer (心理价位) moves
    causes = window.chat_page.cause_label.text()
    assert causes and "offer" not in causes and "patience" not in causes


def test_emoji_have_a_font(window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    from simulator.ui.fonts import EMOJI_FAMILIES, emoji_family

    families = QApplication.font().families()
    assert len(families) == 2 and families[1] in (*EMOJI_FAMILIES, emoji_family(force_shipped=True))


def test_qts_own_dialogs_speak_the_interface_language(window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    from simulator.ui.i18n import install_language

    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def buttons() -> list[str]:
        box = QMessageBox()
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return [button.text() for button in box.buttons()]

    try:
        assert install_language(app, "zh_CN") and buttons() == ["是(&Y)", "否(&N)"]
        assert install_language(app, "en") and buttons() == ["&Yes", "&No"]
    finally:
        install_language(app, "zh_CN")


def test_the_in_app_report_draws_its_chart(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈")
    send(window, qtbot, "行吧,80给你")
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    browser = window.report_page.browser
    assert "chart-0.png" in browser.toHtml() and "10000" not in browser.toPlainText()
    image = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("chart-0.png"))
    assert not image.isNull() and image.width() > 100


def test_the_history_names_shops_states_and_variables(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈,价格对每位顾客都一样~😊")
    session_id = window.controller.training.session_id
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    window.show_history()
    page = window.history_page
    assert page.model.data(page.model.index(0, 2)) == "真皮休闲鞋"  # not leather_shoes
    page.open_session(session_id)
    detail = page.detail.toPlainText()
    for internal in ("leather_shoes", "patience", "bargaining", "offer "):
        assert internal not in detail, internal
    assert "耐心" in detail


def test_the_tool_menus_open_beside_their_button_not_over_it(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    page = window.chat_page
    for menu, button in (
        (page.show_emoticons(), page.emoticon_button),
        (page.show_quick_replies(), page.quick_button),
    ):
        qtbot.waitUntil(menu.isVisible, timeout=2000)
        top = button.mapToGlobal(button.rect().topLeft()).y()
        bottom = button.mapToGlobal(button.rect().bottomLeft()).y()
        assert menu.geometry().bottom() < top or menu.geometry().top() > bottom  # the button stays visible
        menu.close()


def test_a_nudge_neither_restarts_the_reply_clock_nor_follows_an_answer(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot, "friendly")
    controller = window.controller
    qtbot.waitUntil(lambda: not controller.busy, timeout=3000)
    spoke = controller.session.last_buyer_at
    controller._offset += controller.session.persona.patience_seconds + 1  # the trainee is slow
    controller.tick()  # the buyer nudges: 在吗?
    assert controller.busy and controller.session.last_buyer_at == spoke
    nudges = window.library.persona("friendly").lines["nudge"]
    rows_before = window.chat_page.model.rowCount()
    send(window, qtbot, "亲 在的哦 不好意思久等了")  # answered before the nudge appeared
    texts = [
        window.chat_page.model.data(window.chat_page.model.index(row), Qt.ItemDataRole.DisplayRole)
        for row in range(rows_before, window.chat_page.model.rowCount())
    ]
    assert not any(text in nudges for text in texts), texts  # the buyer does not nudge after an answer
    record = controller.session.history[-1]
    assert record.delay > controller.session.persona.patience_seconds  # the slow reply counts as slow


def test_switching_language_keeps_the_trainee_where_it_was(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈")
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    total = window.report_page.summary.text().split(" / ")[0]
    try:
        assert window.set_language("en")
        assert window.stack.currentWidget() is window.report_page  # still reading its report
        assert (
            window.report_page.summary.text().startswith(total)
            and "Fail" in window.report_page.summary.text()
        )
        window.show_history()
        assert window.set_language("zh_CN")
        assert window.stack.currentWidget() is window.history_page
    finally:
        window.set_language("zh_CN")


def test_every_page_uses_the_one_theme_file(window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    from simulator.ui.application import THEME

    sheet = THEME.read_text(encoding="utf-8")
    assert QApplication.instance().styleSheet() == sheet  # type: ignore[union-attr]
    for name in ("#sendButton", "#productCard", "#shopFacts", "#chatView", "QProgressBar"):
        assert name in sheet
