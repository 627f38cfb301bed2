"""End of session: the report, then 再练一次 (same seed) or 换一个买家."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

_SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)
CHART_WIDTH = 720


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
    retry_requested = Signal()
    change_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("reportSummary")
        self.browser = QTextBrowser()
        self.browser.setObjectName("reportBrowser")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(lambda url: self.show_turn(url.fragment()))
        self.retry_button = QPushButton(self.tr("再练一次"))
        self.change_button = QPushButton(self.tr("换一个买家"))
        self.save_button = QPushButton(self.tr("保存报告…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.retry_button.clicked.connect(self.retry_requested)
        self.change_button.clicked.connect(self.change_requested)
        # clicked(bool) would arrive as the path: 保存报告… then did nothing.
        self.save_button.clicked.connect(lambda: self.save())
        self._html = ""
        self._render: Callable[[int | None], str] | None = None
        self.highlighted: int | None = None

    def show_report(self, summary: str, html: str, render: Callable[[int | None], str] | None = None) -> None:
        """``render(turn)`` re-renders the report with that trainee message highlighted."""
        self.summary.setText(summary)
        self._html = html
        self._render = render
        self._show(html)

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
