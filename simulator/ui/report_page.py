"""End of session: the report, then 再练一次 (same seed) or 换一个买家."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from simulator.services.report_view import ReportView

_SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)
CHART_WIDTH = 720


def _table() -> QTableWidget:
    table = QTableWidget()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setObjectName("reportTable")
    return table


def _fill(table: QTableWidget, headers: list[str], rows: list[tuple[str, ...]]) -> None:
    """Rows of text, numbers right-aligned so that they line up; the table as tall as its rows."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(headers)
    for row_index, row in enumerate(rows):
        for column, text in enumerate(row):
            cell = QTableWidgetItem(text)
            if column > 0:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row_index, column, cell)
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(len(rows))) + 4
    table.setFixedHeight(height)


def _svg_image(svg: str, width: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    height = max(1, round(width * size.height() / max(1, size.width())))
    image = QImage(QSize(width, height), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


class ReportPage(QWidget):
    """The report laid out as a report: the score and the verdict first, then the score by component
    and the shop's KPIs in aligned tables beside the buyer's chart and the items grouped by
    component; the conversation with every detection and the full text are in the second tab.
    (千牛's 服务数据 page shows a score card over tables the same way.)"""

    retry_requested = Signal()
    change_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header = QFrame()
        header.setObjectName("reportHeader")
        self.score_label = QLabel()
        self.score_label.setObjectName("reportScore")
        self.verdict_badge = QLabel()
        self.verdict_badge.setObjectName("verdictBadge")
        self.summary = QLabel()
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("reportMeta")
        self.meta_label.setWordWrap(True)
        words = QVBoxLayout()
        words.addWidget(self.summary)
        words.addWidget(self.meta_label)
        top = QHBoxLayout(header)
        top.addWidget(self.score_label)
        top.addWidget(self.verdict_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addLayout(words, 1)

        self.components_table = _table()
        self.kpi_table = _table()
        self.chart_label = QLabel()
        self.chart_label.setObjectName("reportChart")
        self.chart_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_legend = QLabel()
        self.chart_legend.setTextFormat(Qt.TextFormat.RichText)
        self.items_tree = QTreeWidget()
        self.items_tree.setObjectName("reportItems")
        self.items_tree.setColumnCount(4)
        self.items_tree.setWordWrap(True)
        self.items_tree.setUniformRowHeights(False)
        self.items_tree.itemActivated.connect(self._item_chosen)
        self.items_tree.itemClicked.connect(self._item_chosen)
        self.components_title, self.kpi_title = QLabel(), QLabel()
        self.chart_title, self.items_title = QLabel(), QLabel()
        for title in (self.components_title, self.kpi_title, self.chart_title, self.items_title):
            title.setObjectName("sectionTitle")
        left = QVBoxLayout()
        left.addWidget(self.components_title)
        left.addWidget(self.components_table)
        left.addWidget(self.kpi_title)
        left.addWidget(self.kpi_table)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.chart_title)
        right.addWidget(self.chart_legend)
        right.addWidget(self.chart_label)
        right.addWidget(self.items_title)
        right.addWidget(self.items_tree, 1)
        overview = QWidget()
        columns = QHBoxLayout(overview)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)

        self.browser = QTextBrowser()
        self.browser.setObjectName("reportBrowser")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(lambda url: self.show_turn(url.fragment()))
        self.tabs = QTabWidget()
        self.tabs.addTab(overview, self.tr("成绩"))
        self.tabs.addTab(self.browser, self.tr("对话与全文"))

        self.retry_button = QPushButton(self.tr("再练一次"))
        self.change_button = QPushButton(self.tr("换一个买家"))
        self.save_button = QPushButton(self.tr("保存报告…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.retry_button.clicked.connect(self.retry_requested)
        self.change_button.clicked.connect(self.change_requested)
        # clicked(bool) would arrive as the path: 保存报告… then did nothing.
        self.save_button.clicked.connect(lambda: self.save())
        self._html = ""
        self._render: Callable[[int | None], str] | None = None
        self.highlighted: int | None = None

    def show_report(
        self,
        summary: str,
        html: str,
        render: Callable[[int | None], str] | None = None,
        view: ReportView | None = None,
        chart: str = "",
    ) -> None:
        """``render(turn)`` re-renders the report with that trainee message highlighted; ``view``
        fills the laid-out first tab and ``chart`` (SVG) is drawn as its picture."""
        self.summary.setText(summary)
        self._html = html
        self._render = render
        self._show(html)
        if view is not None:
            self._lay_out(view, chart)
        self.tabs.setCurrentIndex(0)

    def _lay_out(self, view: ReportView, chart: str) -> None:
        t = view.words
        self.score_label.setText(f"{view.total}<span style='font-size:16px'> / 100</span>")
        self.verdict_badge.setText(t["passed"] if view.passed else t["failed"])
        self.verdict_badge.setProperty("passed", view.passed)
        self.verdict_badge.style().unpolish(self.verdict_badge)
        self.verdict_badge.style().polish(self.verdict_badge)
        self.meta_label.setText(
            f"{t['buyer']}:{view.persona_name}({view.customer_type}) · {t['scenario']}:{view.scenario_name}"
            f" · {t['shop']}:{view.shop} · {t['pass_mark']} {view.pass_mark}\n{t['strategy']}:{view.strategy}"
        )
        self.components_title.setText(t["components"])
        rows = [(c.name, f"{c.points:g}", f"{c.maximum:g}") for c in view.components]
        if view.penalties:
            rows.append((t["penalties"], f"-{view.penalties:g}", ""))
        _fill(self.components_table, [t["part"], t["points"], t["maximum"]], rows)
        self.kpi_title.setText(t["kpi"])
        _fill(self.kpi_table, [t["kpi"], ""], list(view.kpis))
        self.kpi_table.horizontalHeader().hide()
        self.kpi_table.setFixedHeight(sum(self.kpi_table.rowHeight(r) for r in range(len(view.kpis))) + 4)
        self.chart_title.setText(t["chart"])
        drawing = _SVG_RE.search(chart)
        if drawing is not None:  # the chart comes as its legend (HTML) and the drawing (SVG)
            self.chart_legend.setText(chart[: drawing.start()] + chart[drawing.end() :])
            self.chart_label.setPixmap(QPixmap.fromImage(_svg_image(drawing.group(0), 460)))
        self.items_title.setText(t["items"])
        self.items_tree.clear()
        self.items_tree.setHeaderLabels([t["turn"], t["points"], t["rule"], t["reason"]])
        for group in view.groups:
            total = sum(row.points for row in group.rows)
            top = QTreeWidgetItem([f"{group.title}  {total:+g}", "", "", ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.items_tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for row in group.rows:
                where = t["whole"] if row.turn is None else f"#{row.turn}"
                reason = (f"「{row.quote}」 " if row.quote else "") + row.reason
                child = QTreeWidgetItem([where, f"{row.points:+g}", row.name, reason])
                child.setData(0, Qt.ItemDataRole.UserRole, row.turn)
                tip = reason + (f"\n{t['better']}{row.better}" if row.better else "")
                for column in range(4):
                    child.setToolTip(column, tip)
                if row.points < 0:
                    child.setForeground(1, QColor("#c0392b"))
                elif row.points > 0:
                    child.setForeground(1, QColor("#1e8449"))
                top.addChild(child)
            top.setExpanded(True)
        for column, width in enumerate((56, 48, 110)):
            self.items_tree.setColumnWidth(column, width)

    def _item_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """An item of the score: its message, highlighted in the conversation tab."""
        turn = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(turn, int):
            self.tabs.setCurrentWidget(self.browser)
            self.show_turn(f"turn-{turn}")

    def _show(self, html: str) -> None:
        """The exported HTML draws its chart as inline SVG, which a QTextBrowser prints as the SVG's
        text ("10000123456"): in the window each chart is drawn to an image and shown as one."""
        document = self.browser.document()
        charts = _SVG_RE.findall(html)
        for index, svg in enumerate(charts):
            url = QUrl(f"chart-{index}.png")
            document.addResource(QTextDocument.ResourceType.ImageResource, url, _svg_image(svg, CHART_WIDTH))
        counter = iter(range(len(charts)))
        shown = _SVG_RE.sub(
            lambda _match: f'<img src="chart-{next(counter)}.png" width="{CHART_WIDTH}">', html
        )
        self.browser.setHtml(shown)

    def show_turn(self, anchor: str) -> None:
        """An item was clicked: highlight its message in the transcript and scroll to it."""
        if anchor.startswith("turn-") and self._render is not None:
            self.highlighted = int(anchor.removeprefix("turn-"))
            self._show(self._render(self.highlighted))
        self.browser.scrollToAnchor(anchor)

    def save(self, path: str | None = None) -> Path | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存报告"), "report.html", "HTML (*.html)")
        if not path:
            return None
        target = Path(path)
        try:
            target.write_text(self._html, encoding="utf-8")
        except OSError as error:
            QMessageBox.warning(
                self, self.tr("保存报告"), self.tr("报告没能保存:") + f"{target}\n{error.strerror or error}"
            )
            return None
        return target
