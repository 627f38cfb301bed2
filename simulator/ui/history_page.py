"""The history: every stored session, with filters; opening one shows its annotated transcript."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from simulator.detection.detector import TechniqueDetector
from simulator.domain.history import SessionSummary
from simulator.domain.persona import OUTCOME_NAMES_ZH
from simulator.services.archive import ImportPlan, SessionArchive, SessionFileError
from simulator.services.export import write_sessions_csv
from simulator.services.library import ContentLibrary

SESSION_FILE_FILTER = "*.json.gz *.json"


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

    def session_ids(self) -> list[int]:
        """Every session shown, in the order shown."""
        return [session.id for session in self._sessions]


class ImportConfirmation(QDialog):
    """What importing session files will do, before anything is stored: added, skipped, refused."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入会话文件"))
        refused = len(plan.refused) + len(plan.unreadable)
        self.summary = QLabel(
            self.tr("将添加 %1 个会话,跳过 %2 个重复的,拒绝 %3 个。")
            .replace("%1", str(len(plan.new)))
            .replace("%2", str(len(plan.duplicates)))
            .replace("%3", str(refused))
        )
        self.summary.setWordWrap(True)
        self.entries = QListWidget()
        for entry in plan.new:
            self.entries.addItem(self.tr("添加:") + entry.label())
            for note in entry.notes:
                self.entries.addItem("    " + self.tr("注意:") + note)
        for entry in plan.duplicates:
            self.entries.addItem(self.tr("跳过(重复):") + f"{entry.label()} — {entry.reason}")
        for entry in plan.refused:
            self.entries.addItem(self.tr("拒绝:") + f"{entry.label()} — {entry.reason}")
        for problem in plan.unreadable:
            self.entries.addItem(self.tr("拒绝:") + f"{problem.path.name} — {problem.reason}")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("导入 %1 个会话").replace("%1", str(len(plan.new))))
        ok.setEnabled(bool(plan.new))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消") if plan.new else self.tr("关闭"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)

    def lines(self) -> list[str]:
        return [self.entries.item(row).text() for row in range(self.entries.count())]


class HistoryPage(QWidget):
    back_requested = Signal()
    retry_requested = Signal(int, int)  # session id, the last turn to replay before answering anew
    report_requested = Signal(int)  # session id
    discuss_requested = Signal(int, int)  # session id, the trainee message to start at (课堂回放)

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
        self.files_export_button = QPushButton(self.tr("导出会话文件…"))
        self.files_export_button.setToolTip(
            self.tr("把选中的会话(未选中时为列表里的全部)存成一个文件,带到老师的电脑上导入")
        )
        self.files_import_button = QPushButton(self.tr("导入会话文件…"))
        self.files_status = QLabel()
        self.files_status.setObjectName("sessionFilesStatus")
        self.files_status.setWordWrap(True)
        self._content: tuple[ContentLibrary, TechniqueDetector | None] | None = None
        self.turn_box = QSpinBox()
        self.turn_box.setPrefix(self.tr("回放到第 "))
        self.turn_box.setSuffix(self.tr(" 句"))
        self.retry_button = QPushButton(self.tr("从这里重试"))
        self.report_button = QPushButton(self.tr("导出报告…"))
        self.discuss_button = QPushButton(self.tr("课堂回放"))
        self.discuss_button.setToolTip(
            self.tr("在投影上一步一步讨论这个会话:买家的心思、先盖住的评分、你会怎么回?")
        )
        for widget in (self.turn_box, self.retry_button, self.report_button, self.discuss_button):
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
        replay.addWidget(self.discuss_button)
        replay.addStretch(1)
        # The session files sit with the report, off the filter row: in English that row was too wide.
        replay.addWidget(self.files_export_button)
        replay.addWidget(self.files_import_button)
        replay.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(replay)
        layout.addWidget(self.files_status)
        self.turn_box.valueChanged.connect(
            lambda turn: self.current_id and self.open_session(self.current_id, turn)
        )
        self.retry_button.clicked.connect(
            lambda: self.current_id and self.retry_requested.emit(self.current_id, self.turn_box.value())
        )
        self.report_button.clicked.connect(
            lambda: self.current_id and self.report_requested.emit(self.current_id)
        )
        self.discuss_button.clicked.connect(
            lambda: self.current_id and self.discuss_requested.emit(self.current_id, self._discussion_start())
        )
        self.table.clicked.connect(lambda index: self.open_session(self.model.session_id(index.row())))
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.files_export_button.clicked.connect(lambda: self.export_session_file())
        self.files_import_button.clicked.connect(lambda: self.import_session_files())
        self._update_import_button()
        self.back_button.clicked.connect(self.back_requested)

    def set_content(self, library: ContentLibrary, detector: TechniqueDetector | None = None) -> None:
        """The personas and scenarios an imported session is checked against (and, with a detector,
        computed again from, to tell when this machine's content differs from the trainee's)."""
        self._content = (library, detector)
        self._update_import_button()

    def _update_import_button(self) -> None:
        blocked = self.repository.import_blocked
        if not blocked and self._content is None:
            blocked = self.tr("买家和场景尚未加载,无法检查会话文件")
        self.files_import_button.setEnabled(not blocked)
        self.files_import_button.setToolTip(
            blocked or self.tr("导入学员导出的会话文件:先列出将添加、跳过(重复)和拒绝的会话,确认后再导入")
        )

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

    def _discussion_start(self) -> int:
        """The message 回放到 points at, or 0 (the opening) when it is left at the end, as it opens."""
        value = self.turn_box.value()
        return 0 if value == self.turn_box.maximum() else value

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
            for widget in (self.turn_box, self.retry_button, self.report_button, self.discuss_button):
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

    def selected_session_ids(self) -> list[int]:
        """The sessions selected in the table, or every one shown when none is."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.session_id(row) for row in rows] or self.model.session_ids()

    def export_session_file(self, path: str | None = None) -> int:
        """The selected sessions (or all shown) written to a session file; how many were written."""
        session_ids = self.selected_session_ids()
        if not session_ids:
            self.files_status.setText(self.tr("列表里没有会话可导出"))
            return 0
        if path is None:
            stamp = f"{datetime.now():%Y%m%d-%H%M}"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出会话文件"), f"sessions-{stamp}.json.gz",
                self.tr("会话文件") + f" ({SESSION_FILE_FILTER})",
            )  # fmt: skip
        if not path:
            return 0
        if not path.endswith((".json", ".json.gz")):
            path += ".json.gz"
        try:
            count = self.repository.export_sessions(session_ids, Path(path))
        except SessionFileError as problem:
            self.files_status.setText(self.tr("导出失败:") + problem.reason)
            return 0
        self.files_status.setText(
            self.tr("已导出 %1 个会话到 %2").replace("%1", str(count)).replace("%2", path)
        )
        return count

    def import_session_files(self, paths: list[str] | None = None) -> list[int]:
        """Session files read and checked, the plan confirmed, then the new sessions stored; their ids."""
        if self.repository.import_blocked or self._content is None:
            return []
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(
                self, self.tr("导入会话文件"), "", self.tr("会话文件") + f" ({SESSION_FILE_FILTER});;* (*)"
            )
        if not paths:
            return []
        library, detector = self._content
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plan = self.repository.plan_import([Path(path) for path in paths], library, detector)
        except SessionFileError as problem:
            self.files_status.setText(self.tr("导入失败,没有导入任何会话:") + problem.reason)
            return []
        finally:
            QGuiApplication.restoreOverrideCursor()
        if ImportConfirmation(plan, self).exec() != QDialog.DialogCode.Accepted or not plan.new:
            self.files_status.setText(self.tr("没有导入任何会话"))
            return []
        try:
            imported = self.repository.import_sessions(plan)
        except SessionFileError as problem:
            self.files_status.setText(self.tr("导入失败,没有导入任何会话:") + problem.reason)
            return []
        self.refresh()
        self.files_status.setText(
            self.tr("已导入 %1 个会话,跳过 %2 个重复的,拒绝 %3 个")
            .replace("%1", str(len(imported)))
            .replace("%2", str(len(plan.duplicates)))
            .replace("%3", str(len(plan.refused) + len(plan.unreadable)))
        )
        return imported
