"""The start page: choose a buyer (persona cards), a scenario and a mode; read the rubric first.

Above the buyers, the exams the teacher assigned on the class database (``exam_chosen``); beside
them, the trainee's name, remembered on this machine, that sessions are stored under."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from simulator.domain.persona import Persona
from simulator.domain.rubric import COMPONENT_NAMES_ZH
from simulator.domain.scenario import Scenario
from simulator.services.exams import Exam, ExamService
from simulator.services.library import ContentLibrary
from simulator.services.score_json import rubric_json
from simulator.ui import i18n

TRAINEE_NAME_KEY = "trainee/name"
MAX_NAME_CHARS = 100  # what the trainees table holds


class PersonaRoles:
    ID = Qt.ItemDataRole.UserRole + 1
    DIFFICULTY = Qt.ItemDataRole.UserRole + 2
    NAME = Qt.ItemDataRole.UserRole + 3  # the persona's name and its course type
    SUMMARY = Qt.ItemDataRole.UserRole + 4
    SCENARIOS = Qt.ItemDataRole.UserRole + 5  # the shops it can be met in
    AVATAR = Qt.ItemDataRole.UserRole + 6  # one character for the round avatar


class PersonaListModel(QAbstractListModel):
    """The persona cards: name, course type, one-line description, difficulty."""

    def __init__(
        self,
        personas: list[Persona],
        scenario_names: dict[str, str] | None = None,
        parent: Any = None,
        english: bool = False,
    ) -> None:
        super().__init__(parent)
        self._personas = personas
        self._scenario_names = scenario_names or {}
        self._english = english

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
        if role == PersonaRoles.NAME:
            name = persona.name_en if self._english else persona.name_zh
            return f"{name} · {persona.customer_type}"  # the course's type name stays Chinese
        if role == PersonaRoles.SUMMARY:
            return (persona.summary_en or persona.summary) if self._english else persona.summary
        if role == PersonaRoles.SCENARIOS:
            return " / ".join(self._scenario_names[s] for s in persona.scenarios if s in self._scenario_names)
        if role == PersonaRoles.AVATAR:
            return persona.buyer_name[:1]
        return None

    def persona(self, row: int) -> Persona:
        return self._personas[row]


class PersonaCardDelegate(QStyledItemDelegate):
    """Each buyer as a card, like a contact in the 千牛 list: avatar, name and type, difficulty, the
    course's one-line description, the shops it can be met in."""

    HEIGHT = 96
    ORANGE = QColor("#ff7a00")

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(option.rect.width(), round(self.HEIGHT * _unit(option)))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        k = _unit(option)  # every length grows with the font: presenter mode scales the cards too

        def px(value: float) -> int:
            return round(value * k)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = option.rect.adjusted(4, 3, -4, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(self.ORANGE if selected else QColor("#e5e7eb"), 2 if selected else 1))
        painter.setBrush(QColor("#fff7ed") if selected else QColor("#ffffff"))
        painter.drawRoundedRect(card, 8, 8)
        avatar = QRect(card.left() + px(12), card.top() + px(14), px(44), px(44))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.ORANGE)
        painter.drawEllipse(avatar)
        font = QFont(option.font)
        font.setPointSizeF(option.font.pointSizeF() * 1.3)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(avatar, Qt.AlignmentFlag.AlignCenter, index.data(PersonaRoles.AVATAR) or "")
        left = avatar.right() + px(14)
        width = card.right() - left - px(12)
        font.setPointSizeF(option.font.pointSizeF() * 1.05)
        painter.setFont(font)
        painter.setPen(QColor("#111827"))
        difficulty = int(index.data(PersonaRoles.DIFFICULTY) or 0)
        stars = "★" * difficulty + "☆" * (5 - difficulty)
        metrics = QFontMetricsF(font)
        full_name = index.data(PersonaRoles.NAME) or ""
        # In a narrow column (the wall at 300 %) the name matters more than the stars: they go first.
        show_stars = metrics.horizontalAdvance(full_name + "  " + stars) <= width
        name = metrics.elidedText(full_name, Qt.TextElideMode.ElideRight, width)
        row = QRect(left, card.top() + px(8), width, px(22))
        painter.drawText(row, Qt.AlignmentFlag.AlignLeft, name)
        if show_stars:
            painter.setPen(self.ORANGE)
            painter.drawText(row, Qt.AlignmentFlag.AlignRight, stars)
        painter.setFont(option.font)
        painter.setPen(QColor("#374151"))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        painter.drawText(
            QRect(left, card.top() + px(32), width, px(38)), flags, index.data(PersonaRoles.SUMMARY) or ""
        )
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        painter.setFont(small)
        painter.setPen(QColor("#6b7280"))
        painter.drawText(
            QRect(left, card.bottom() - px(22), width, px(18)),
            Qt.AlignmentFlag.AlignLeft,
            self.tr("可在:") + (index.data(PersonaRoles.SCENARIOS) or ""),
        )
        painter.restore()


def _unit(option: QStyleOptionViewItem) -> float:
    """How much bigger than at 100 % the font is (the card's lengths were drawn for a 17 px line)."""
    return max(1.0, QFontMetricsF(option.font).height() / 17.0)


class StartPage(QWidget):
    start_requested = Signal(str, str, str)  # persona id, scenario id, mode ("practice" | "exam")
    exam_chosen = Signal(object)  # the Exam whose card was clicked (persona, scenario, seed, time limit)

    def __init__(
        self,
        library: ContentLibrary,
        english: bool = False,
        parent: QWidget | None = None,
        exams: ExamService | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.exams = exams
        self._english = english
        # The machine's settings unless handed others (tests hand in a scratch file).
        self._settings = settings if settings is not None else i18n.settings()
        personas = sorted(library.personas.values(), key=lambda persona: (persona.difficulty, persona.id))
        names = {s.id: s.name_en if english else s.name_zh for s in library.scenarios.values()}
        self.persona_model = PersonaListModel(personas, names, self, english)

        title = QLabel(self.tr("网店客服陪练 · 选择一位买家"))
        title.setObjectName("pageTitle")
        self.persona_list = QListView()
        self.persona_list.setModel(self.persona_model)
        self.persona_list.setWordWrap(True)
        self.persona_list.setSpacing(4)
        self.persona_list.setObjectName("personaCards")
        self.persona_list.setItemDelegate(PersonaCardDelegate(self.persona_list))
        self.persona_list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
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
        self.trainee_name_edit = QLineEdit(str(self._settings.value(TRAINEE_NAME_KEY, "") or ""))
        self.trainee_name_edit.setObjectName("traineeName")
        self.trainee_name_edit.setMaxLength(MAX_NAME_CHARS)
        self.trainee_name_edit.setPlaceholderText(self.tr("写上你的名字,成绩记在你名下"))
        self.trainee_name_edit.textChanged.connect(self._remember_name)
        # The teacher's open exams, one card each, above the buyers.
        self.exam_strip = QWidget()
        self.exam_strip.setObjectName("examCards")
        self.exam_cards = QHBoxLayout(self.exam_strip)
        self.exam_cards.setContentsMargins(0, 0, 0, 0)
        self.exam_buttons: list[QPushButton] = []
        self.exam_strip.hide()

        # The chosen shop's product, as its detail page would show it.
        self.product_card = QFrame()
        self.product_card.setObjectName("productCard")
        self.product_picture = QLabel()
        self.product_picture.setFixedSize(72, 72)
        self.product_text = QLabel()
        self.product_text.setWordWrap(True)
        product = QHBoxLayout(self.product_card)
        product.addWidget(self.product_picture)
        product.addWidget(self.product_text, 1)
        right = QVBoxLayout()
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel(self.tr("学员姓名")))
        name_row.addWidget(self.trainee_name_edit, 1)
        right.addLayout(name_row)
        right.addWidget(QLabel(self.tr("场景")))
        right.addWidget(self.scenario_box)
        right.addWidget(self.product_card)
        right.addWidget(self.practice)
        right.addWidget(self.exam)
        right.addWidget(QLabel(self.tr("评分细则(开始前可见,会话中不变)")))
        right.addWidget(self.rubric_view, 1)
        right.addWidget(self.start_button)
        body = QHBoxLayout()
        body.addWidget(self.persona_list, 3)
        body.addLayout(right, 2)
        # Content files that did not load, or rules that need rewriting: said where the instructor looks.
        self.problems_box = QLabel()
        self.problems_box.setObjectName("contentProblems")
        self.problems_box.setWordWrap(True)
        self.problems_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_box.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.problems_box)
        layout.addWidget(self.exam_strip)
        layout.addLayout(body, 1)
        self.show_problems([str(problem) for problem in library.problems])
        self.refresh_exams()

        self.persona_list.selectionModel().currentChanged.connect(self._persona_chosen)
        self.scenario_box.currentIndexChanged.connect(self._show_rubric)
        self.start_button.clicked.connect(self._start)

    def show_problems(self, problems: list[str], shown: int = 5) -> None:
        """The content problems, the first few in full, each as FILE:LINE: message."""
        if not problems:
            self.problems_box.hide()
            return
        head = self.tr("%1 处内容问题(出问题的文件已跳过,其余照常可用;python main.py lint 可查看全部):")
        lines = [head.replace("%1", str(len(problems)))]
        lines += [f"• {problem}" for problem in problems[:shown]]
        if len(problems) > shown:
            lines.append(self.tr("…… 另有 %1 处").replace("%1", str(len(problems) - shown)))
        self.problems_box.setText("\n".join(lines))
        self.problems_box.setToolTip("\n".join(problems))
        self.problems_box.show()

    def trainee_name(self) -> str:
        """The name the trainee gave ('' when none: the session is stored under the default name)."""
        return " ".join(self.trainee_name_edit.text().split())

    def _remember_name(self, text: str) -> None:
        self._settings.setValue(TRAINEE_NAME_KEY, text.strip())

    def refresh_exams(self) -> list[Exam]:
        """Read the open exams again (from the exam service handed in; none without one)."""
        exams = self.exams.open_exams() if self.exams is not None else []
        self.set_exams(exams)
        return exams

    def set_exams(self, exams: list[Exam]) -> None:
        """One card per open exam; an exam whose buyer or scenario is not in this library is left out."""
        self.exam_buttons = []
        while self.exam_cards.count():
            item = self.exam_cards.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        shown = [
            e for e in exams if e.persona in self.library.personas and e.scenario in self.library.scenarios
        ]
        if not shown:
            self.exam_strip.hide()
            return
        self.exam_cards.addWidget(QLabel(self.tr("老师布置的考试:")))
        for exam in shown:
            persona, scenario = self.library.personas[exam.persona], self.library.scenarios[exam.scenario]
            persona_name = persona.name_en if self._english else persona.name_zh
            scenario_name = scenario.name_en if self._english else scenario.name_zh
            limit = self.tr("限时 %1 分钟").replace("%1", str(exam.time_limit_minutes))
            button = QPushButton(f"{exam.title}\n{persona_name} · {scenario_name} · {limit}")
            button.setObjectName("examCard")
            button.setToolTip(self.tr("点击开始考试:固定题目,无提示,计时"))
            button.clicked.connect(lambda _checked=False, exam=exam: self.exam_chosen.emit(exam))
            self.exam_cards.addWidget(button)
            self.exam_buttons.append(button)
        self.exam_cards.addStretch(1)
        self.exam_strip.show()

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
        scenario = self.library.scenario(scenario_id)
        self._show_product(scenario)
        rubric = rubric_json(self.library.rubric(persona, scenario))
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

    def _show_product(self, scenario: Scenario) -> None:
        from simulator.ui.chat_page import product_pixmap  # one drawing of the product pictures

        product = scenario.product
        self.product_picture.setPixmap(product_pixmap(product.picture, 72))
        case = scenario.buyer.complaint or scenario.buyer.question
        lines = [product.name, f"¥{product.list_price:g} · {scenario.shop}"]
        if case:
            lines.append(self.tr("买家的事:") + case)
        self.product_text.setText("\n".join(lines))

    def _start(self) -> None:
        index = self.persona_list.currentIndex()
        if not index.isValid():
            return
        mode = "exam" if self.exam.isChecked() else "practice"
        self.start_requested.emit(
            self.persona_model.persona(index.row()).id, self.scenario_box.currentData(), mode
        )
