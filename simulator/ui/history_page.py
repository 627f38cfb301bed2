"""The history: every stored session, with filters; opening one shows its annotated transcript."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from simulator.domain.history import SessionSummary
from simulator.domain.persona import OUTCOME_NAMES_ZH
from simulator.services.archive import SessionArchive
from simulator.services.export import write_sessions_csv


class SessionTableModel(QAbstractTableModel):
    SESSION_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sessions: list[SessionSummary] = []
        self.persona_names: dict[str, str] = {}
        self.scenario_names: dict[str, str] = {}
        self._headers = [
            self.tr("时间"),
            self.tr("买家"),
            self.tr("场景"),
            self.tr("模式"),
            self.tr("结果"),
            self.tr("得分"),
        ]

    def set_sessions(self, sessions: list[SessionSummary]) -> None:
        self.beginResetModel()
        self._sessions = sessions
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sessions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sessions):
            return None
        session = self._sessions[index.row()]
        if role == self.SESSION_ROLE:
            return session.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return f"{session.started_at:%Y-%m-%d %H:%M}"
        if column == 1:
            return self.persona_names.get(session.persona, session.persona)
        if column == 2:
            return self.scenario_names.get(session.scenario, session.scenario)
        if column == 3:
            return self.tr("考核") if session.mode == "exam" else self.tr("练习")
        if column == 4:
            return OUTCOME_NAMES_ZH.get(session.result or "", self.tr("未完成"))
        if column == 5:
            return "" if session.total is None else session.total
        return None

    def session_id(self, row: int) -> int:
        return self._sessions[row].id


class HistoryPage(QWidget):
    back_requested = Signal()
    retry_requested = Signal(int, int)  # session id, the last turn to replay before answering anew
    report_requested = Signal(int)  # session id

    def __init__(
        self,
        repository: SessionArchive,
        technique_names: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repository = repository
        self.technique_names = technique_names or {}
        self._label: Callable[[str, str, str], str] = lambda _persona, _kind, name: name
        self.model = SessionTableModel(self)
        self.persona_filter = QComboBox()
        self.scenario_filter = QComboBox()
        self.date_filter = QComboBox()
        self.mode_filter = QComboBox()
        self.result_filter = QComboBox()
        for combo, values in (
            (self.persona_filter, []),
            (self.scenario_filter, []),
            (self.date_filter, [(7, self.tr("最近7天")), (30, self.tr("最近30天"))]),
            (self.mode_filter, [("practice", self.tr("练习")), ("exam", self.tr("考核"))]),
            (self.result_filter, list(OUTCOME_NAMES_ZH.items())),
        ):
            combo.addItem(self.tr("全部"), None)
            for value, label in values:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(self.refresh)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = QTextBrowser()
        self.detail.setObjectName("historyDetail")
        self.export_button = QPushButton(self.tr("导出 CSV…"))
        self.turn_box = QSpinBox()
        self.turn_box.setPrefix(self.tr("回放到第 "))
        self.turn_box.setSuffix(self.tr(" 句"))
        self.retry_button = QPushButton(self.tr("从这里重试"))
        self.report_button = QPushButton(self.tr("导出报告…"))
        for widget in (self.turn_box, self.retry_button, self.report_button):
            widget.setEnabled(False)
        self.current_id: int | None = None
        self.back_button = QPushButton(self.tr("返回"))
        filters = QHBoxLayout()
        for label, combo in ((self.tr("买家"), self.persona_filter), (self.tr("场景"), self.scenario_filter),
                             (self.tr("模式"), self.mode_filter), (self.tr("结果"), self.result_filter),
                             (self.tr("时间"), self.date_filter)):  # fmt: skip
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        filters.addWidget(self.back_button)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([520, 520])
        replay = QHBoxLayout()
        replay.addWidget(self.turn_box)
        replay.addWidget(self.retry_button)
        replay.addStretch(1)
        replay.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(replay)
        self.turn_box.valueChanged.connect(
            lambda turn: self.current_id and self.open_session(self.current_id, turn)
        )
        self.retry_button.clicked.connect(
            lambda: self.current_id and self.retry_requested.emit(self.current_id, self.turn_box.value())
        )
        self.report_button.clicked.connect(
            lambda: self.current_id and self.report_requested.emit(self.current_id)
        )
        self.table.clicked.connect(lambda index: self.open_session(self.model.session_id(index.row())))
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.back_button.clicked.connect(self.back_requested)

    def set_scenarios(self, scenarios: list[tuple[str, str]]) -> None:
        self.scenario_filter.blockSignals(True)
        for scenario_id, name in scenarios:
            self.scenario_filter.addItem(name, scenario_id)
        self.model.scenario_names = dict(scenarios)
        self.scenario_filter.blockSignals(False)

    def set_labels(self, label: Callable[[str, str, str], str]) -> None:
        """``label(persona_id, kind, name)``: a variable's or a state's name as the trainee sees it."""
        self._label = label

    def set_personas(self, personas: list[tuple[str, str]]) -> None:
        self.persona_filter.blockSignals(True)
        while self.persona_filter.count() > 1:
            self.persona_filter.removeItem(1)
        for persona_id, name in personas:
            self.persona_filter.addItem(name, persona_id)
        self.model.persona_names = dict(personas)
        self.persona_filter.blockSignals(False)

    def refresh(self) -> None:
        days = self.date_filter.currentData()
        self.model.set_sessions(
            self.repository.list(
                persona=self.persona_filter.currentData(),
                scenario=self.scenario_filter.currentData(),
                since=None if days is None else datetime.now() - timedelta(days=days),
                mode=self.mode_filter.currentData(),
                result=self.result_filter.currentData(),
            )
        )

    def open_session(self, session_id: int, upto: int | None = None) -> None:
        """The annotated transcript: each message's techniques, each change of the buyer with its cause."""
        stored = self.repository.load(session_id)
        turns = max((m.turn for m in stored.messages if m.sender == "trainee"), default=0)
        if session_id != self.current_id:
            self.current_id = session_id
            self.turn_box.blockSignals(True)
            self.turn_box.setRange(0, turns)
            self.turn_box.setValue(turns)
            self.turn_box.blockSignals(False)
            upto = turns
            for widget in (self.turn_box, self.retry_button, self.report_button):
                widget.setEnabled(True)
        upto = turns if upto is None else upto
        changes: dict[int, list[str]] = {}
        persona_id = stored.summary.persona
        for change in stored.changes:
            if change.kind == "state":
                before = self._label(persona_id, "state", change.before)
                line = f"{before}→{self._label(persona_id, 'state', change.after)}:{change.note}"
            else:
                name = self._label(persona_id, "variable", change.name)
                line = f"{name} {change.before}→{change.after}:{change.note}"
            changes.setdefault(change.turn, []).append(line)
        persona = self.model.persona_names.get(persona_id, persona_id)
        scenario = self.model.scenario_names.get(stored.summary.scenario, stored.summary.scenario)
        parts = [f"<h3>#{session_id} {escape(persona)} · {escape(scenario)}</h3>"]
        for message in stored.messages:
            if message.turn > upto:
                break  # replay: the conversation as it stood after turn `upto`
            who = self.tr("学员") if message.sender == "trainee" else self.tr("买家")
            parts.append(f"<p><b>{who}</b> {escape(message.text)}")
            if message.techniques:
                names = "、".join(self.technique_names.get(t, t) for t in message.techniques)
                parts.append(f"<br><small>〔{escape(names)}〕</small>")
            parts.append("</p>")
            if message.sender == "trainee":
                for line in changes.pop(message.turn, []):
                    parts.append(f"<p style='color:#6b7280'><small>↳ {escape(line)}</small></p>")
        self.detail.setHtml("".join(parts))

    def export_csv(self, path: str | None = None) -> int:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出 CSV"), "sessions.csv", "CSV (*.csv)")
        if not path:
            return 0
        return write_sessions_csv(self.repository.list(), Path(path))
