"""The teacher's class board (issue 15): the class's sessions on the shared database, for the wall.

Filters (since a date, buyer, scenario, exam) over four views: sessions per buyer and scenario, an
anonymised ranking (学员 A, 学员 B …; the names only when 显示姓名 is ticked), a heat map of the
techniques used and missed, and the most common taboo hits, each opening its turn in replay
(``turn_requested``). The teacher assigns and closes exams here (``exams_changed`` then).
Everything scales with the application font (presenter mode); the heat map's cells carry their
numbers as text and pick a text colour for their own background, so they read in high contrast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from simulator.services.class_board import BoardFilter, ClassBoard, ClassBoardService, TechniqueHeat
from simulator.services.exams import MAX_MINUTES, MAX_SEED, MIN_MINUTES, Exam, ExamError, ExamService
from simulator.services.library import ContentLibrary

DEFAULT_EXAM_MINUTES = 15
# The newest hits of each taboo are listed (the count says how many there are in all): a wall shows
# a few examples to discuss, and a tree of thousands of rows would slow the board down.
LINKS_SHOWN = 30
DEFAULT_EXAM_SEED = 1


class BoardRoles:
    SESSION_ID = Qt.ItemDataRole.UserRole + 1  # a taboo hit: the session it happened in
    TURN = Qt.ItemDataRole.UserRole + 2  # … and the trainee message (1-based)
    TECHNIQUE_ID = Qt.ItemDataRole.UserRole + 3
    SORT = Qt.ItemDataRole.UserRole + 4  # the cell's number, for sorting and tests


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


class BoardTableModel(QAbstractTableModel):
    """A read-only table of the board: each row a tuple of (text, number for sorting) cells."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[tuple[str, float | None], ...]] = []

    def set_rows(self, rows: list[tuple[tuple[str, float | None], ...]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._headers):
            return None
        text, number = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == BoardRoles.SORT:
            return number
        if role == Qt.ItemDataRole.TextAlignmentRole and number is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class HeatMapModel(BoardTableModel):
    """技巧 | 用过 | 应做 | 漏掉 | 漏掉率: 用过 shaded green by the share of sessions that used it,
    漏掉 and 漏掉率 red by the share of the sessions asked for it that missed it."""

    USED, MISSED, MISSED_SHARE = 1, 3, 4

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(headers, parent)
        self._heat: list[TechniqueHeat] = []

    def set_heat(self, heat: Sequence[TechniqueHeat]) -> None:
        self._heat = list(heat)
        self.set_rows(
            [
                (
                    (f"{row.name_zh}({row.technique_id})", None),
                    (f"{row.used} · {_share(row.used_share)}", float(row.used)),
                    (str(row.expected), float(row.expected)),
                    (str(row.missed), float(row.missed)),
                    (_share(row.missed_share) if row.expected else "—", row.missed_share),
                )
                for row in self._heat
            ]
        )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        value = super().data(index, role)
        if not index.isValid() or not 0 <= index.row() < len(self._heat):
            return value
        row = self._heat[index.row()]
        if role == BoardRoles.TECHNIQUE_ID:
            return row.technique_id
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colour = self.cell_colour(row, index.column())
            if colour is None:
                return None
            return colour if role == Qt.ItemDataRole.BackgroundRole else _text_colour(colour)
        return value

    def cell_colour(self, row: TechniqueHeat, column: int) -> QColor | None:
        if column == self.USED:
            return _blend(QColor("#ffffff"), QColor("#15803d"), row.used_share)
        if column in (self.MISSED, self.MISSED_SHARE) and row.expected:
            return _blend(QColor("#ffffff"), QColor("#b91c1c"), row.missed_share)
        return None


def _blend(low: QColor, high: QColor, share: float) -> QColor:
    share = max(0.0, min(1.0, share))
    return QColor(
        round(low.red() + (high.red() - low.red()) * share),
        round(low.green() + (high.green() - low.green()) * share),
        round(low.blue() + (high.blue() - low.blue()) * share),
    )


def _text_colour(background: QColor) -> QColor:
    """Black on a light cell, white on a dark one (relative luminance, as WCAG weighs it)."""
    luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF()
    return QColor("#000000") if luminance > 0.45 else QColor("#ffffff")


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    # Not the report's #reportTable: its white background is not undone by the high-contrast theme.
    view.setObjectName("boardTable")
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


class ExamDialog(QDialog):
    """布置考试: a buyer and one of its scenarios, a fixed seed, a time limit and a title."""

    def __init__(self, exams: ExamService, library: ContentLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("布置考试"))
        self.exams = exams
        self.library = library
        self.exam: Exam | None = None  # the exam created, once accepted
        self._pairings = exams.pairings()
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("例如:第三周 讲价型考核"))
        self.persona_box = QComboBox()
        for persona_id in dict.fromkeys(persona for persona, _ in self._pairings):
            persona = library.personas[persona_id]
            self.persona_box.addItem(f"{persona.name_zh}({persona.customer_type})", persona_id)
        self.scenario_box = QComboBox()
        self.seed = QSpinBox()
        self.seed.setRange(0, MAX_SEED)
        self.seed.setValue(DEFAULT_EXAM_SEED)
        self.seed.setToolTip(self.tr("同一题目编号,每位学员遇到的买家完全相同"))
        self.minutes = QSpinBox()
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setValue(DEFAULT_EXAM_MINUTES)
        self.minutes.setSuffix(self.tr(" 分钟"))
        self.error = QLabel()
        self.error.setObjectName("contentProblems")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("布置"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("考试名称"), self.title)
        form.addRow(self.tr("买家"), self.persona_box)
        form.addRow(self.tr("场景"), self.scenario_box)
        form.addRow(self.tr("题目编号(随机种子)"), self.seed)
        form.addRow(self.tr("限时"), self.minutes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.persona_box.currentIndexChanged.connect(self._persona_chosen)
        self._persona_chosen()

    def _persona_chosen(self) -> None:
        persona_id = self.persona_box.currentData()
        self.scenario_box.clear()
        for persona, scenario_id in self._pairings:
            if persona == persona_id:
                scenario = self.library.scenarios[scenario_id]
                self.scenario_box.addItem(scenario.name_zh, scenario_id)

    def accept(self) -> None:
        """Stored only when the service accepts it; otherwise the reason is shown and the dialog stays."""
        try:
            self.exam = self.exams.create(
                self.title.text(),
                self.persona_box.currentData() or "",
                self.scenario_box.currentData() or "",
                self.seed.value(),
                self.minutes.value(),
            )
        except ExamError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()


class ClassBoardPage(QWidget):
    turn_requested = Signal(int, int)  # session id, turn: the lead's window opens it in replay
    back_requested = Signal()
    exams_changed = Signal()  # an exam was assigned or closed: the start pages show it

    def __init__(
        self,
        board: ClassBoardService,
        exams: ExamService,
        library: ContentLibrary,
        parent: QWidget | None = None,
        today: Callable[[], QDate] = QDate.currentDate,
    ) -> None:
        super().__init__(parent)
        self.board_service = board
        self.exam_service = exams
        self.library = library
        self.board: ClassBoard | None = None
        self.exam_dialog: ExamDialog | None = None

        title = QLabel(self.tr("班级看板"))
        title.setObjectName("pageTitle")
        self.since_enabled = QCheckBox(self.tr("起始日期"))
        self.since = QDateEdit(today().addDays(-30))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setEnabled(False)
        self.persona_box = QComboBox()
        self.persona_box.addItem(self.tr("全部买家"), None)
        for persona in sorted(library.personas.values(), key=lambda p: (p.difficulty, p.id)):
            self.persona_box.addItem(persona.name_zh, persona.id)
        self.scenario_box = QComboBox()
        self.scenario_box.addItem(self.tr("全部场景"), None)
        for scenario in sorted(library.scenarios.values(), key=lambda s: s.id):
            self.scenario_box.addItem(scenario.name_zh, scenario.id)
        self.exam_box = QComboBox()
        self.show_names = QCheckBox(self.tr("显示姓名"))
        self.show_names.setObjectName("showNames")
        self.show_names.setToolTip(self.tr("投到墙上时请保持关闭:默认只显示“学员 A”这样的代号"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.assign_button = QPushButton(self.tr("布置考试…"))
        self.close_exam_button = QPushButton(self.tr("结束考试"))
        self.close_exam_button.setEnabled(False)
        self.back_button = QPushButton(self.tr("返回"))
        self.summary = QLabel()
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)

        self.pairing_model = BoardTableModel(
            [
                self.tr("买家"),
                self.tr("场景"),
                self.tr("会话"),
                self.tr("完成"),
                self.tr("平均分"),
                self.tr("及格率"),
            ],
            self,
        )
        self.ranking_model = BoardTableModel(
            [
                self.tr("名次"),
                self.tr("学员"),
                self.tr("会话"),
                self.tr("完成"),
                self.tr("平均分"),
                self.tr("最高分"),
            ],
            self,
        )
        self.heat_model = HeatMapModel(
            [
                self.tr("技巧"),
                self.tr("用过(场 · 占比)"),
                self.tr("应做(场)"),
                self.tr("漏掉(场)"),
                self.tr("漏掉率"),
            ],
            self,
        )
        self.taboo_model = QStandardItemModel(self)
        self.pairing_view = _table(self.pairing_model)
        self.ranking_view = _table(self.ranking_model)
        self.heat_view = _table(self.heat_model)
        self.heat_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # colours stay visible
        self.taboo_view = QTreeView()
        self.taboo_view.setObjectName("boardTable")
        self.taboo_view.setModel(self.taboo_model)
        self.taboo_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.taboo_view.setToolTip(self.tr("双击一条,在回放中打开那一句"))
        self.open_turn_button = QPushButton(self.tr("在回放中打开"))
        taboos = QWidget()
        taboo_column = QVBoxLayout(taboos)
        taboo_column.setContentsMargins(0, 0, 0, 0)
        taboo_column.addWidget(self.taboo_view, 1)
        taboo_column.addWidget(self.open_turn_button, 0, Qt.AlignmentFlag.AlignRight)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.pairing_view, self.tr("买家 × 场景"))
        self.tabs.addTab(self.ranking_view, self.tr("排名"))
        self.tabs.addTab(self.heat_view, self.tr("技巧热力图"))
        self.tabs.addTab(taboos, self.tr("常见禁忌"))

        filters = QHBoxLayout()
        for widget in (self.since_enabled, self.since, self.persona_box, self.scenario_box, self.exam_box):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.show_names)
        filters.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(self.assign_button)
        actions.addWidget(self.close_exam_button)
        actions.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)

        self._load_exams()
        for box in (self.persona_box, self.scenario_box, self.exam_box):
            box.currentIndexChanged.connect(self.refresh)
        self.exam_box.currentIndexChanged.connect(self._exam_filter_changed)
        self.since_enabled.toggled.connect(self.since.setEnabled)
        self.since_enabled.toggled.connect(self.refresh)
        self.since.dateChanged.connect(lambda _date: self.since_enabled.isChecked() and self.refresh())
        self.show_names.toggled.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.assign_button.clicked.connect(self.open_exam_dialog)
        self.close_exam_button.clicked.connect(self.close_exam)
        self.back_button.clicked.connect(self.back_requested)
        self.taboo_view.doubleClicked.connect(self._open_turn)
        self.open_turn_button.clicked.connect(lambda: self._open_turn(self.taboo_view.currentIndex()))
        self.assign_button.setEnabled(not exams.read_only)

    # -- the board ------------------------------------------------------------------------------

    def filters(self) -> BoardFilter:
        since = None
        if self.since_enabled.isChecked():
            since = datetime.combine(self.since.date().toPython(), time.min)
        return BoardFilter(
            since=since,
            persona=self.persona_box.currentData(),
            scenario=self.scenario_box.currentData(),
            exam_id=self.exam_box.currentData(),
        )

    def refresh(self) -> ClassBoard:
        """Read the board again from the database (new sessions, new exams)."""
        self._load_exams()  # an exam assigned or closed on another computer of the class shows too
        board = self.board_service.build(self.filters(), show_names=self.show_names.isChecked())
        self.board = board
        self.summary.setText(
            self.tr("共 %1 次会话,其中 %2 次已完成评分")
            .replace("%1", str(board.sessions))
            .replace("%2", str(board.scored))
        )
        self.pairing_model.set_rows(
            [
                (
                    (row.persona_name, None),
                    (row.scenario_name, None),
                    (str(row.sessions), float(row.sessions)),
                    (str(row.scored), float(row.scored)),
                    (_score(row.mean_score), row.mean_score),
                    (_share(row.pass_rate), row.pass_rate),
                )
                for row in board.pairings
            ]
        )
        self.ranking_model.set_rows(
            [
                (
                    (str(row.rank), float(row.rank)),
                    (row.label, None),
                    (str(row.sessions), float(row.sessions)),
                    (str(row.scored), float(row.scored)),
                    (_score(row.mean_score), row.mean_score),
                    ("—" if row.best_score is None else str(row.best_score), row.best_score),
                )
                for row in board.ranking
            ]
        )
        self.heat_model.set_heat(board.heat)
        self._fill_taboos(board)
        return board

    def _fill_taboos(self, board: ClassBoard) -> None:
        self.taboo_model.clear()
        self.taboo_model.setHorizontalHeaderLabels(
            [self.tr("禁忌 / 学员"), self.tr("次数 / 位置"), self.tr("原话")]
        )
        for taboo in board.taboos:
            head = QStandardItem(f"{taboo.name_zh}({taboo.technique_id})")
            head.setData(taboo.technique_id, BoardRoles.TECHNIQUE_ID)
            count = (
                self.tr("%1 次,%2 次会话").replace("%1", str(taboo.hits)).replace("%2", str(taboo.sessions))
            )
            tail = [QStandardItem(count), QStandardItem("")]
            for link in taboo.links[:LINKS_SHOWN]:
                where = (
                    self.tr("会话 #%1 第 %2 句")
                    .replace("%1", str(link.session_id))
                    .replace("%2", str(link.turn))
                )
                cells = [QStandardItem(link.trainee), QStandardItem(where), QStandardItem(link.quote)]
                for cell in cells:
                    cell.setData(link.session_id, BoardRoles.SESSION_ID)
                    cell.setData(link.turn, BoardRoles.TURN)
                head.appendRow(cells)
            if len(taboo.links) > LINKS_SHOWN:
                more = self.tr("…… 另有 %1 处(缩小筛选范围可看到更多)").replace(
                    "%1", str(len(taboo.links) - LINKS_SHOWN)
                )
                head.appendRow([QStandardItem(more), QStandardItem(""), QStandardItem("")])
            self.taboo_model.appendRow([head, *tail])
        self.taboo_view.expandToDepth(0)
        self.taboo_view.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _open_turn(self, index: QModelIndex) -> None:
        session_id, turn = index.data(BoardRoles.SESSION_ID), index.data(BoardRoles.TURN)
        if session_id is None or turn is None:  # a taboo's own row: it only folds and unfolds
            return
        self.turn_requested.emit(int(session_id), int(turn))

    # -- exams ----------------------------------------------------------------------------------

    def _load_exams(self, select_id: int | None = None) -> None:
        chosen = self.exam_box.currentData() if select_id is None else select_id
        self.exam_box.blockSignals(True)
        self.exam_box.clear()
        self.exam_box.addItem(self.tr("全部会话(含练习)"), None)
        for exam in self.exam_service.all_exams():
            state = self.tr("进行中") if exam.is_open else self.tr("已结束")
            self.exam_box.addItem(f"{exam.title} · {state}", exam.id)
            self.exam_box.setItemData(self.exam_box.count() - 1, exam.is_open, BoardRoles.SORT)
        found = self.exam_box.findData(chosen)
        self.exam_box.setCurrentIndex(max(0, found))
        self.exam_box.blockSignals(False)
        self._exam_filter_changed()

    def _exam_filter_changed(self) -> None:
        is_open = self.exam_box.currentData(BoardRoles.SORT)
        self.close_exam_button.setEnabled(bool(is_open) and not self.exam_service.read_only)

    def open_exam_dialog(self) -> ExamDialog:
        """布置考试…: the dialog opens without blocking; a created exam is then shown here and emitted."""
        dialog = ExamDialog(self.exam_service, self.library, self)
        self.exam_dialog = dialog
        dialog.accepted.connect(lambda: self._exam_assigned(dialog))
        dialog.open()
        return dialog

    def _exam_assigned(self, dialog: ExamDialog) -> None:
        if dialog.exam is None:
            return
        self._load_exams(select_id=dialog.exam.id)
        self.refresh()
        self.exams_changed.emit()

    def close_exam(self, confirm: bool = True) -> bool:
        """结束考试 (the one chosen in the filter): it leaves the trainees' start pages."""
        exam_id = self.exam_box.currentData()
        if exam_id is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("结束考试"),
                self.tr("结束“%1”?学员的开始页上将不再显示它,已有的成绩保留。").replace(
                    "%1", self.exam_box.currentText()
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            closed = self.exam_service.close(exam_id)
        except ExamError as error:
            QMessageBox.warning(self, self.tr("结束考试"), str(error))
            return False
        self._load_exams(select_id=exam_id)
        self.exams_changed.emit()
        return closed
