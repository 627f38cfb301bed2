"""Progress: the score over time, how often each technique was used, the weakest ones, what next."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary
from simulator.services.progress import Progress, compute_progress

TOP_TECHNIQUES = 10


class ProgressPage(QWidget):
    back_requested = Signal()

    def __init__(
        self, repository: SessionArchive, library: ContentLibrary, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.repository = repository
        self.library = library
        self.progress: Progress | None = None
        self.score_chart = QChartView()
        self.score_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.technique_chart = QChartView()
        self.technique_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setObjectName("progressAdvice")
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.back_button = QPushButton(self.tr("返回"))
        self.back_button.clicked.connect(self.back_requested)
        charts = QHBoxLayout()
        charts.addWidget(self.score_chart, 1)
        charts.addWidget(self.technique_chart, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(charts, 3)
        layout.addWidget(self.advice, 1)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignRight)

    def refresh(self) -> Progress:
        progress = compute_progress(self.repository, self.library)
        self.progress = progress
        self.score_chart.setChart(self._score_chart(progress))
        self.technique_chart.setChart(self._technique_chart(progress))
        lines = []
        if progress.weakest:
            lines.append(self.tr("最需要加强的技巧:"))
            for weak in progress.weakest:
                lines.append(f"· {weak.name_zh}({weak.used_in}/{weak.sessions}):{weak.advice}")
        if progress.next_persona is not None:
            name = self.library.persona(progress.next_persona).name_zh
            lines.append(self.tr("建议下一位买家:") + f"{name}({progress.next_reason})")
        self.advice.setText("\n".join(lines) or self.tr("完成几次练习后,这里会显示你的进步。"))
        return progress

    def _score_chart(self, progress: Progress) -> QChart:
        chart = QChart()
        chart.setTitle(self.tr("得分趋势"))
        series = QLineSeries()
        series.setName(self.tr("总分"))
        for index, (_, total) in enumerate(progress.scores):
            series.append(index + 1, total)
        chart.addSeries(series)
        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_axis.setRange(1, max(2, len(progress.scores)))
        x_axis.setLabelFormat("%d")
        x_axis.setTitleText(self.tr("第几次练习"))
        y_axis.setRange(0, 100)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        chart.legend().hide()
        return chart

    def _technique_chart(self, progress: Progress) -> QChart:
        chart = QChart()
        chart.setTitle(self.tr("技巧使用次数(按会话)"))
        top = list(progress.technique_use.items())[:TOP_TECHNIQUES]
        bars = QBarSet(self.tr("使用"))
        names = []
        for technique_id, count in top:
            bars.append(count)
            names.append(self.library.catalogue.get(technique_id).name_zh)
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(names)
        x_axis.setLabelsAngle(-45)  # technique names are long: slanted, they stay readable
        y_axis = QValueAxis()
        y_axis.setRange(0, max([1, *(count for _, count in top)]))
        y_axis.setLabelFormat("%d")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        chart.legend().hide()
        return chart
