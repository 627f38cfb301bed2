"""The start page: choose a buyer (persona cards), a scenario and a mode; read the rubric first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from simulator.domain.persona import Persona
from simulator.domain.rubric import COMPONENT_NAMES_ZH
from simulator.services.library import ContentLibrary
from simulator.services.score_json import rubric_json


class PersonaRoles:
    ID = Qt.ItemDataRole.UserRole + 1
    DIFFICULTY = Qt.ItemDataRole.UserRole + 2


class PersonaListModel(QAbstractListModel):
    """The persona cards: name, course type, one-line description, difficulty."""

    def __init__(self, personas: list[Persona], parent: Any = None) -> None:
        super().__init__(parent)
        self._personas = personas

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._personas)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._personas):
            return None
        persona = self._personas[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            stars = "★" * persona.difficulty + "☆" * (5 - persona.difficulty)
            return f"{persona.name_zh}({persona.customer_type})  {stars}\n{persona.summary}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{persona.traits}\n{persona.strategy}"
        if role == PersonaRoles.ID:
            return persona.id
        if role == PersonaRoles.DIFFICULTY:
            return persona.difficulty
        return None

    def persona(self, row: int) -> Persona:
        return self._personas[row]


class StartPage(QWidget):
    start_requested = Signal(str, str, str)  # persona id, scenario id, mode ("practice" | "exam")

    def __init__(self, library: ContentLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        personas = sorted(library.personas.values(), key=lambda persona: (persona.difficulty, persona.id))
        self.persona_model = PersonaListModel(personas, self)

        title = QLabel(self.tr("网店客服陪练 · 选择一位买家"))
        title.setObjectName("pageTitle")
        self.persona_list = QListView()
        self.persona_list.setModel(self.persona_model)
        self.persona_list.setWordWrap(True)
        self.persona_list.setSpacing(4)
        self.persona_list.setObjectName("personaCards")
        self.scenario_box = QComboBox()
        self.practice = QRadioButton(self.tr("练习模式(有提示)"))
        self.exam = QRadioButton(self.tr("考核模式(固定题目,无提示,计时)"))
        self.practice.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.practice)
        modes.addButton(self.exam)
        self.rubric_view = QTextBrowser()
        self.rubric_view.setObjectName("rubricPreview")
        self.start_button = QPushButton(self.tr("开始接待"))
        self.start_button.setObjectName("startButton")
        self.start_button.setEnabled(False)

        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("场景")))
        right.addWidget(self.scenario_box)
        right.addWidget(self.practice)
        right.addWidget(self.exam)
        right.addWidget(QLabel(self.tr("评分细则(开始前可见,会话中不变)")))
        right.addWidget(self.rubric_view, 1)
        right.addWidget(self.start_button)
        body = QHBoxLayout()
        body.addWidget(self.persona_list, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(body, 1)

        self.persona_list.selectionModel().currentChanged.connect(self._persona_chosen)
        self.scenario_box.currentIndexChanged.connect(self._show_rubric)
        self.start_button.clicked.connect(self._start)

    def select_persona(self, persona_id: str) -> None:
        for row in range(self.persona_model.rowCount()):
            if self.persona_model.persona(row).id == persona_id:
                self.persona_list.setCurrentIndex(self.persona_model.index(row))
                return

    def _persona_chosen(self, current: QModelIndex) -> None:
        persona = self.persona_model.persona(current.row())
        self.scenario_box.blockSignals(True)
        self.scenario_box.clear()
        # Only the scenarios whose case this persona's temperament fits (its plays_in, lint-checked).
        scenarios = [self.library.scenarios[s] for s in persona.scenarios if s in self.library.scenarios]
        for scenario in scenarios:
            self.scenario_box.addItem(f"{scenario.name_zh} · {scenario.name_en}", scenario.id)
        self.scenario_box.blockSignals(False)
        self.start_button.setEnabled(True)
        self._show_rubric()

    def _show_rubric(self) -> None:
        index = self.persona_list.currentIndex()
        scenario_id = self.scenario_box.currentData()
        if not index.isValid() or scenario_id is None:
            return
        persona = self.persona_model.persona(index.row())
        rubric = rubric_json(self.library.rubric(persona, self.library.scenario(scenario_id)))
        weights = "、".join(
            f"{COMPONENT_NAMES_ZH[name]} {weight}" for name, weight in rubric["weights"].items()
        )
        lines = [
            self.tr("及格线 %1 分").replace("%1", str(rubric["pass_mark"])),
            self.tr("构成:") + weights,
            self.tr("接待策略:") + rubric["strategy"],
            self.tr("要做到:") + ";".join(point["why"] for point in rubric["do"]),
        ]
        if rubric["avoid"]:
            lines.append(self.tr("要避免:") + ";".join(point["why"] for point in rubric["avoid"]))
        lines.append(self.tr("接待流程:") + " → ".join(rubric["flow"]))
        lines.append(self.tr("红线:") + ";".join(rubric["red_lines"].values()))
        self.rubric_view.setPlainText("\n\n".join(lines))

    def _start(self) -> None:
        index = self.persona_list.currentIndex()
        if not index.isValid():
            return
        mode = "exam" if self.exam.isChecked() else "practice"
        self.start_requested.emit(
            self.persona_model.persona(index.row()).id, self.scenario_box.currentData(), mode
        )
