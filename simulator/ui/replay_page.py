"""课堂回放: a stored session on the wall, step by step, for a class to discuss (issue 15).

Beside the chat, the buyer's mind at that step: its state on the state diagram, the meters and what
moved them. The techniques found and the score items stay covered until the teacher reveals them
(the room guesses first); 你会怎么回? lets the room type a different reply at any trainee message and
see the buyer react, the two branches side by side. Everything scales with presenter mode: sizes come
from the application font and the theme, never from fixed pixel fonts here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from simulator.detection.detector import TechniqueDetector
from simulator.domain.history import StoredSession
from simulator.services.discussion import Branch, Discussion, Step
from simulator.services.library import ContentLibrary
from simulator.services.studio import state_diagram
from simulator.ui.presenter import HIGH_CONTRAST_PROPERTY
from simulator.ui.studio_diagram import StateDiagramView

METERS = ("patience", "trust", "satisfaction", "desire")


@dataclass(frozen=True)
class _Colours:
    """The rich text's own colours (style sheets do not reach inside HTML), per theme."""

    good: str
    bad: str
    muted: str
    trainee: str  # the trainee's bubble: background; text colour
    buyer: str


_NORMAL = _Colours(
    "#15803d", "#b91c1c", "#6b7280", "background:#dbeafe;color:#111827", "background:#f3f4f6;color:#111827"
)
_CONTRAST = _Colours("#00ff00", "#ff6b6b", "#e5e7eb", "color:#ffff00", "color:#ffffff")


def _colours() -> _Colours:
    app = QApplication.instance()
    return _CONTRAST if app is not None and app.property(HIGH_CONTRAST_PROPERTY) else _NORMAL


class ReplayPage(QWidget):
    back_requested = Signal()

    def __init__(
        self,
        library: ContentLibrary,
        detector: TechniqueDetector,
        english: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.detector = detector
        self._english = english  # the window's language, handed in
        self.discussion: Discussion | None = None
        self.branch: Branch | None = None
        self.position = 0
        self.revealed = False
        self._trainee_name = ""

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.step_label = QLabel()
        self.step_label.setObjectName("replayStep")
        # Shown when this machine's content rebuilds the session otherwise than it was lived.
        self.content_notice = QLabel()
        self.content_notice.setObjectName("replayContentNotice")
        self.content_notice.setWordWrap(True)
        self.content_notice.hide()
        self.previous_button = QPushButton(self.tr("◀ 上一步"))
        self.next_button = QPushButton(self.tr("下一步 ▶"))
        self.reveal_button = QPushButton(self.tr("揭晓评分与点评"))
        self.reveal_button.setCheckable(True)
        self.cover_each_step = QCheckBox(self.tr("每一步先盖住"))
        self.cover_each_step.setChecked(True)
        self.cover_each_step.setToolTip(self.tr("换到另一步时评分与点评重新盖住,让大家先猜"))
        self.show_name = QCheckBox(self.tr("显示姓名"))
        self.branch_button = QPushButton(self.tr("你会怎么回?"))
        self.back_button = QPushButton(self.tr("返回"))
        for button in (self.previous_button, self.next_button, self.reveal_button, self.branch_button):
            button.setObjectName("bigButton")  # large click targets (theme.qss)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrow keys stay with the page

        self.transcript = QTextBrowser()
        self.transcript.setObjectName("replayTranscript")
        self.state_label = QLabel()
        self.state_label.setObjectName("sectionTitle")
        self.meters: dict[str, QProgressBar] = {}
        self.meter_deltas: dict[str, QLabel] = {}
        self.changes_label = QLabel()
        self.changes_label.setWordWrap(True)
        self.changes_label.setObjectName("replayChanges")
        self.coaching = QTextBrowser()
        self.coaching.setObjectName("replayCoaching")
        self.covered_label = QLabel(self.tr("评分与点评已盖住:先让大家说说,买家为什么这样反应?"))
        self.covered_label.setWordWrap(True)
        self.covered_label.setObjectName("replayCovered")
        self.diagram = StateDiagramView()

        mind = QWidget()
        mind_layout = QVBoxLayout(mind)
        mind_layout.addWidget(self.state_label)
        for name in METERS:
            row = QHBoxLayout()
            meter = QProgressBar()
            meter.setRange(0, 100)
            delta = QLabel()
            delta.setMinimumWidth(self.fontMetrics().horizontalAdvance("+100"))
            self.meters[name], self.meter_deltas[name] = meter, delta
            row.addWidget(meter, 1)
            row.addWidget(delta)
            mind_layout.addLayout(row)
        mind_layout.addWidget(self.changes_label)
        mind_layout.addWidget(self.covered_label)
        mind_layout.addWidget(self.coaching, 1)
        mind_layout.addStretch(1)  # covered, the meters stay together at the top
        mind_scroll = QScrollArea()
        mind_scroll.setWidget(mind)
        mind_scroll.setWidgetResizable(True)
        self.side = QTabWidget()
        self.side.addTab(mind_scroll, self.tr("买家的心思"))
        self.side.addTab(self.diagram, self.tr("状态图"))

        self.branch_input = QLineEdit()
        self.branch_input.setPlaceholderText(self.tr("在这里写下你们的回复,回车发送"))
        self.branch_send = QPushButton(self.tr("发给买家"))
        self.branch_close = QPushButton(self.tr("结束分支"))
        self.original_column = QTextBrowser()
        self.branch_column = QTextBrowser()
        self.original_column.setObjectName("replayOriginal")
        self.branch_column.setObjectName("replayBranch")
        self.branch_panel = QWidget()
        branch_layout = QVBoxLayout(self.branch_panel)
        self.branch_title = QLabel()
        self.branch_title.setObjectName("sectionTitle")
        self.branch_title.setWordWrap(True)
        entry = QHBoxLayout()
        entry.addWidget(self.branch_input, 1)
        entry.addWidget(self.branch_send)
        entry.addWidget(self.branch_close)
        columns = QSplitter()
        for heading, browser in ((self.tr("原来的回复"), self.original_column),
                                 (self.tr("你们的回复"), self.branch_column)):  # fmt: skip
            column = QWidget()
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(heading)
            label.setObjectName("sectionTitle")
            column_layout.addWidget(label)
            column_layout.addWidget(browser, 1)
            columns.addWidget(column)
        branch_layout.addWidget(self.branch_title)
        branch_layout.addLayout(entry)
        branch_layout.addWidget(columns, 1)
        self.branch_panel.setVisible(False)

        # Two rows, so that at 300 % on a projector the big controls still fit across the wall.
        controls = QHBoxLayout()
        controls.addWidget(self.previous_button)
        controls.addWidget(self.step_label)
        controls.addWidget(self.next_button)
        controls.addStretch(1)
        controls.addWidget(self.reveal_button)
        controls.addWidget(self.branch_button)
        options = QHBoxLayout()
        options.addWidget(self.title, 1)
        options.addWidget(self.cover_each_step)
        options.addWidget(self.show_name)
        options.addWidget(self.back_button)
        centre = QSplitter(Qt.Orientation.Vertical)
        centre.addWidget(self.transcript)
        centre.addWidget(self.branch_panel)
        body = QSplitter()
        body.addWidget(centre)
        body.addWidget(self.side)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        self.body = body
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.content_notice)
        layout.addLayout(controls)
        layout.addWidget(body, 1)

        self.previous_button.clicked.connect(lambda: self.go(self.position - 1))
        self.next_button.clicked.connect(lambda: self.go(self.position + 1))
        self.reveal_button.toggled.connect(self.set_revealed)
        self.show_name.toggled.connect(lambda _on: self._update_title())
        self.branch_button.clicked.connect(self.start_branch)
        self.branch_send.clicked.connect(self.send_branch_reply)
        self.branch_input.returnPressed.connect(self.send_branch_reply)
        self.branch_close.clicked.connect(self.close_branch)
        self.back_button.clicked.connect(self.back_requested)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- opening ------------------------------------------------------------------------------------

    def open(self, stored: StoredSession, step: int | None = None) -> bool:
        """Show a stored session; False (and a message) when this machine cannot rebuild it."""
        try:
            discussion = Discussion(self.library, self.detector, stored, self._english)
        except LookupError as error:
            QMessageBox.warning(
                self,
                self.tr("无法回放"),
                self.tr("这台电脑上没有这个会话用到的买家或场景,无法回放:") + str(error),
            )
            return False
        self.discussion = discussion
        self._trainee_name = stored.summary.trainee
        self._show_content_notice(discussion.first_difference())
        self.close_branch()
        self.diagram.draw(state_diagram(discussion.persona))
        width = max(self.width(), 800)
        self.body.setSizes([width * 11 // 20, width * 9 // 20])  # the conversation gets the larger half
        self._update_title()
        self.go(0 if step is None else step)
        self.setFocus()
        return True

    def _show_content_notice(self, message: int | None) -> None:
        if message is None:
            self.content_notice.hide()
            return
        where = self.tr("买家的开场") if message == 0 else self.tr("第 %1 条消息").replace("%1", str(message))
        self.content_notice.setText(
            self.tr(
                "注意:这台电脑上的内容(买家、场景、话术识别或评分)与练习时不同,"
                "回放从%1起与学员当时看到的不一样(回放按本机现在的内容重算)。"
            ).replace("%1", where)
        )
        self.content_notice.show()

    def step_for_message(self, message: int) -> int:
        """The step showing trainee message ``message`` (1-based); the opening when there is none."""
        assert self.discussion is not None
        for index, step in enumerate(self.discussion.steps):
            if step.message == message:
                return index
        return 0

    # -- moving -------------------------------------------------------------------------------------

    def go(self, position: int) -> None:
        if self.discussion is None:
            return
        last = len(self.discussion.steps) - 1
        self.position = max(0, min(last, position))
        if self.cover_each_step.isChecked() and self.revealed:
            self.reveal_button.setChecked(False)  # set_revealed redraws
        self._show_step()

    def set_revealed(self, revealed: bool) -> None:
        self.revealed = revealed
        self.reveal_button.setText(self.tr("盖住评分与点评") if revealed else self.tr("揭晓评分与点评"))
        self._show_step()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange and self.discussion is not None:
            self._show_step()  # the theme changed (high contrast): the rich text picks its colours again
            self._show_comparison()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.branch_input.hasFocus():
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_N):
            self.go(self.position + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_P):
            self.go(self.position - 1)
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End and self.discussion is not None:
            self.go(len(self.discussion.steps) - 1)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_R):
            self.reveal_button.toggle()
        else:
            super().keyPressEvent(event)

    # -- 你会怎么回 -----------------------------------------------------------------------------------

    def start_branch(self) -> None:
        """A branch at the current step's trainee message (or the next one, from the opening)."""
        if self.discussion is None:
            return
        candidates = [index for index in self.discussion.message_steps() if index >= self.position]
        if not candidates:
            QMessageBox.information(self, self.tr("你会怎么回?"), self.tr("这一步之后学员没有再发消息。"))
            return
        index = candidates[0]
        if index != self.position:
            self.go(index)
        self.branch = self.discussion.branch(index)
        self.branch_title.setText(
            self.tr("第 %1 句换一种说法:买家会怎么反应?原来学员写的是:").replace(
                "%1", str(self.branch.original_step.message)
            )
            + f"「{self.branch.original_step.trainee}」"
        )
        self.branch_panel.setVisible(True)
        self.branch_input.setEnabled(True)
        self.branch_send.setEnabled(True)
        self.branch_input.clear()
        self.branch_input.setFocus()
        self._show_comparison()
        self._show_step()

    def send_branch_reply(self) -> None:
        if self.branch is None:
            return
        text = self.branch_input.text()
        try:
            self.branch.reply(text)
        except ValueError as error:
            QMessageBox.information(self, self.tr("你会怎么回?"), str(error))
            return
        self.branch_input.clear()
        if self.branch.finished:
            self.branch_input.setEnabled(False)
            self.branch_send.setEnabled(False)
        self._show_comparison()
        self._show_step()

    def close_branch(self) -> None:
        self.branch = None
        self.branch_panel.setVisible(False)
        self.original_column.clear()
        self.branch_column.clear()
        if self.discussion is not None:
            self._show_step()

    # -- drawing ------------------------------------------------------------------------------------

    def _update_title(self) -> None:
        if self.discussion is None:
            return
        persona, scenario = self.discussion.persona, self.discussion.training.scenario
        who = self._trainee_name if self.show_name.isChecked() else self.tr("学员")
        buyer = persona.name_en if self._english else persona.name_zh
        shop = scenario.name_en if self._english else scenario.name_zh
        self.title.setText(self.tr("课堂回放") + f" · {buyer} · {shop} · {who}")

    def current_step(self) -> Step:
        assert self.discussion is not None
        if self.branch is not None and self.branch.steps:
            return self.branch.steps[-1]
        return self.discussion.steps[self.position]

    def _show_step(self) -> None:
        if self.discussion is None:
            return
        steps = self.discussion.steps
        self.step_label.setText(
            self.tr("第 %1 / %2 步").replace("%1", str(self.position + 1)).replace("%2", str(len(steps)))
        )
        self.previous_button.setEnabled(self.position > 0)
        self.next_button.setEnabled(self.position < len(steps) - 1)
        self.transcript.setHtml(self._transcript_html())
        self.transcript.scrollToAnchor("current")
        step = self.current_step()
        branch_note = self.tr("(你们的分支)") if self.branch is not None and self.branch.steps else ""
        self.state_label.setText(self.tr("买家现在:") + step.state_label + branch_note)
        for name, meter in self.meters.items():
            present = name in step.meters
            meter.setVisible(present)
            self.meter_deltas[name].setVisible(present)
            if not present:
                continue
            label = self.discussion.persona.variable_label(name, self._english)
            meter.setValue(round(step.meters[name]))
            meter.setFormat(f"{label} %v")
            delta = round(step.meter_deltas.get(name, 0.0))
            self.meter_deltas[name].setText(f"{delta:+d}" if delta else "")
            colours = _colours()
            colour = colours.good if delta > 0 else colours.bad
            self.meter_deltas[name].setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.diagram.draw(state_diagram(self.discussion.persona), step.state)
        # The causes say why the buyer reacted: coaching, covered with the score until revealed.
        self.changes_label.setText(
            self.tr("变化的原因:") + "\n" + "\n".join(step.changes) if self.revealed and step.changes else ""
        )
        self.changes_label.setVisible(self.revealed and bool(step.changes))
        self.covered_label.setVisible(not self.revealed)
        self.coaching.setVisible(self.revealed)
        self.coaching.setHtml(_coaching_html(step, self.discussion) if self.revealed else "")

    def _transcript_html(self) -> str:
        assert self.discussion is not None
        colours = _colours()
        parts = []
        for index, step in enumerate(self.discussion.steps[: self.position + 1]):
            current = index == self.position
            if current:
                parts.append('<a name="current"></a>')
            marker = "▶ " if current else ""
            if step.trainee is not None:
                delay = self.tr("(隔了 %1 秒)").replace("%1", f"{step.delay:.0f}")
                parts.append(
                    f'<p align="right">{marker}<b>{escape(self.tr("学员"))}</b> '
                    f'<span style="color:{colours.muted}">{escape(delay)}</span><br>'
                    f'<span style="{colours.trainee}">{escape(step.trainee)}</span></p>'
                )
                if self.revealed and current:
                    parts.append(f'<p align="right">{_chips(step)}</p>')
            elif index:
                no_reply = self.tr("(学员没有回复,买家等不及了)")
                parts.append(f"<p>{marker}<i>{escape(no_reply)}</i></p>")
            buyer = self.tr("买家")
            for line in step.buyer_lines:
                parts.append(
                    f'<p><b>{escape(buyer)}</b><br><span style="{colours.buyer}">{escape(line)}</span></p>'
                )
        return "".join(parts)

    def _show_comparison(self) -> None:
        if self.branch is None:
            return
        original, branch = self.branch.comparison()
        self.original_column.setHtml(_steps_html(original, self.discussion, self.revealed))
        self.branch_column.setHtml(
            _steps_html(branch, self.discussion, True)
            if branch
            else "<p>" + escape(self.tr("还没有回复:在上面写下你们会怎么回。")) + "</p>"
        )


def _chips(step: Step) -> str:
    colours = _colours()
    chips = []
    for found in step.techniques:
        colour = colours.good if found.kind == "good" else colours.bad
        chips.append(f'<span style="color:{colour}"><b>[{escape(found.name)}]</b></span>')
    return " ".join(chips)


def _coaching_html(step: Step, discussion: Discussion | None) -> str:
    # Built outside the widget: QCoreApplication.translate with literals, so lupdate finds them.
    found_title = QCoreApplication.translate("ReplayPage", "找到的技巧")
    none_found = QCoreApplication.translate("ReplayPage", "这句话里没有找到目录里的技巧。")
    step_score = QCoreApplication.translate("ReplayPage", "这一句的得分 %1")
    better_line = QCoreApplication.translate("ReplayPage", "更好的说法:")
    whole = QCoreApplication.translate("ReplayPage", "整场")
    better_way = QCoreApplication.translate("ReplayPage", "更好的做法:")
    colours = _colours()
    parts = []
    if step.techniques:
        parts.append(f"<p><b>{escape(found_title)}</b></p><ul>")
        for found in step.techniques:
            colour = colours.good if found.kind == "good" else colours.bad
            parts.append(
                f'<li><span style="color:{colour}"><b>{escape(found.name)}</b></span>:{escape(found.reason)}'
                f'<br><span style="color:{colours.muted}">{escape(found.evidence)}</span></li>'
            )
        parts.append("</ul>")
    elif step.trainee is not None:
        parts.append(f"<p>{escape(none_found)}</p>")
    if step.items:
        parts.append(f"<p><b>{escape(step_score.replace('%1', f'{step.points:+g}'))}</b></p><ul>")
        for item in step.items:
            colour = colours.good if item.points > 0 else (colours.bad if item.points < 0 else colours.muted)
            better = f"<br>{escape(better_line)}{escape(item.better)}" if item.better else ""
            parts.append(
                f'<li><span style="color:{colour}">{item.points:+g}</span> {escape(item.name)}:'
                f"{escape(item.reason)}{better}</li>"
            )
        parts.append("</ul>")
    if discussion is not None and step is discussion.steps[-1] and discussion.session_items:
        parts.append(f"<p><b>{escape(whole)}</b></p><ul>")
        for item in discussion.session_items:
            better = f"<br>{escape(better_way)}{escape(item.better)}" if item.better else ""
            parts.append(f"<li>{item.points:+g} {escape(item.name)}:{escape(item.reason)}{better}</li>")
        parts.append("</ul>")
    return "".join(parts)


def _meter_label(discussion: Discussion | None, name: str) -> str:
    return discussion.persona.variable_label(name, discussion.english) if discussion else name


def _steps_html(steps: list[Step], discussion: Discussion | None, revealed: bool) -> str:
    trainee = escape(QCoreApplication.translate("ReplayPage", "学员"))
    buyer = escape(QCoreApplication.translate("ReplayPage", "买家"))
    score = QCoreApplication.translate("ReplayPage", "得分 %1")
    colours = _colours()
    parts = []
    for step in steps:
        if step.trainee is not None:
            parts.append(
                f'<p><b>{trainee}</b>:<span style="{colours.trainee}">{escape(step.trainee)}</span></p>'
            )
        for line in step.buyer_lines:
            parts.append(f"<p><b>{buyer}</b>:{escape(line)}</p>")
        moved = [
            f"{_meter_label(discussion, name)} {delta:+.0f}"
            for name, delta in step.meter_deltas.items()
            if name in METERS and round(delta)
        ]
        parts.append(
            f"<p>→ {escape(step.state_label)}" + (f"({escape('、'.join(moved))})" if moved else "") + "</p>"
        )
        if revealed:
            parts.append(f"<p>{_chips(step)} {escape(score.replace('%1', f'{step.points:+g}'))}</p>")
        parts.append("<hr>")
    return "".join(parts)
