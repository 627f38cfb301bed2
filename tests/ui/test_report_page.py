"""The report page laid out as a report (issue 12): score and verdict first, aligned tables, the chart,
items grouped by component, each item leading to its message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from simulator.ui.main_window import MainWindow
from tests.ui.conftest import start
from tests.ui.test_window import send


def test_the_report_reads_score_first_then_tables_chart_and_grouped_items(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈,价格对每位顾客都一样~😊")
    send(window, qtbot, "行吧,80给你")
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    page = window.report_page
    card = window.controller.training.card
    assert card is not None
    assert page.tabs.currentIndex() == 0
    assert page.score_label.text().startswith(str(card.total))
    assert page.verdict_badge.text() == ("及格" if card.passed else "不及格")
    assert page.verdict_badge.property("passed") is card.passed
    table = page.components_table
    assert table.rowCount() >= len(card.components)
    assert table.item(0, 0).text() == "技巧运用"
    assert table.item(0, 1).textAlignment() & Qt.AlignmentFlag.AlignRight  # numbers line up
    assert page.kpi_table.rowCount() == 7 and page.kpi_table.item(0, 0).text() == "询单转化"
    assert not page.chart_label.pixmap().isNull() and page.chart_label.pixmap().width() > 100
    groups = [page.items_tree.topLevelItem(i) for i in range(page.items_tree.topLevelItemCount())]
    assert groups and sum(group.childCount() for group in groups) == len(card.items)
    price_items = [g for g in groups if g.text(0).startswith("价格把控")]
    assert price_items, [g.text(0) for g in groups]
    # An item about a message leads to that message, highlighted in the conversation tab.
    child = next(
        group.child(i)
        for group in groups
        for i in range(group.childCount())
        if isinstance(group.child(i).data(0, Qt.ItemDataRole.UserRole), int)
    )
    turn = child.data(0, Qt.ItemDataRole.UserRole)
    page.items_tree.itemClicked.emit(child, 0)
    assert page.tabs.currentWidget() is page.browser and page.highlighted == turn


def test_the_english_report_frame_is_english(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    send(window, qtbot, "亲,99已经是活动价了哈")
    window.chat_page.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    try:
        assert window.set_language("en")
        page = window.report_page
        assert page.components_title.text() == "Score by component"
        assert page.verdict_badge.text() in ("Pass", "Fail")
        assert page.kpi_table.item(0, 0).text() == "Conversion"
    finally:
        window.set_language("zh_CN")
