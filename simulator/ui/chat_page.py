"""The chat, like 千牛: buyer header, bubbles, product card, input with emoticons and quick replies,
a reply timer, and in practice mode the coaching panel (badges, strategy, the buyer's meters)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from simulator.detection.explain import describe_technique
from simulator.domain.events import RULE_NAMES_ZH
from simulator.domain.scenario import Scenario
from simulator.domain.techniques import Catalogue
from simulator.engine.records import TurnRecord
from simulator.services.training import MAX_MESSAGE_CHARS
from simulator.ui import emoticons
from simulator.ui.chat_model import Badge, ChatMessage, ChatModel, Sender
from simulator.ui.chat_view import ChatView
from simulator.ui.quick_replies import QuickReplyEditor, load_quick_replies, save_quick_replies
from simulator.ui.session_controller import SessionController
from simulator.ui.shop_facts import ShopFactsPanel

PRODUCT_DIR = emoticons.EMOTICON_DIR.parent / "products"
WARN_SECONDS = 20
LATE_SECONDS = 30
METERS = ("patience", "trust", "satisfaction", "desire")


class MessageInput(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line (as in 千牛)."""

    send_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.send_requested.emit()
            return
        super().keyPressEvent(event)


class ChatPage(QWidget):
    session_finished = Signal()
    end_requested = Signal()

    def __init__(self, catalogue: Catalogue, english: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        # The page is rebuilt when the language changes, so reading the setting once is enough.
        self._english = english  # the window's language, handed in
        self.controller: SessionController | None = None
        self.time_limit_s: float | None = None
        self._time_up = False
        self.practice = True
        self.quick_replies = load_quick_replies()
        self.model = ChatModel(self)

        self.avatar = QLabel()
        self.avatar.setObjectName("avatar")
        self.avatar.setFixedSize(40, 40)
        self.avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buyer_label = QLabel()
        self.buyer_label.setObjectName("buyerName")
        self.state_label = QLabel()
        self.timer_label = QLabel()
        self.timer_label.setObjectName("replyTimer")
        self.exam_clock = QLabel()
        self.exam_clock.setObjectName("examClock")
        self.end_button = QPushButton(self.tr("结束会话"))
        header = QHBoxLayout()
        for widget in (self.avatar, self.buyer_label, self.state_label):
            header.addWidget(widget)
        header.addStretch(1)
        header.addWidget(self.exam_clock)
        header.addWidget(self.timer_label)
        header.addWidget(self.end_button)

        self.view = ChatView()
        self.view.setModel(self.model)
        self.typing_label = QLabel(self.tr("对方正在输入…"))
        self.typing_label.setVisible(False)
        self.emoticon_button = QPushButton(self.tr("表情"))
        self.quick_button = QPushButton(self.tr("快捷短语"))
        tools = QHBoxLayout()
        tools.addWidget(self.emoticon_button)
        tools.addWidget(self.quick_button)
        tools.addStretch(1)
        self.input = MessageInput()
        self.input.setPlaceholderText(self.tr("输入回复,Enter 发送,Shift+Enter 换行"))
        self.input.setMaximumHeight(110)
        self.send_button = QPushButton(self.tr("发送"))
        self.send_button.setObjectName("sendButton")
        self.counter_label = QLabel(f"0/{MAX_MESSAGE_CHARS}")
        self.counter_label.setObjectName("messageCounter")
        self.input.textChanged.connect(self._count_characters)
        send_column = QVBoxLayout()
        send_column.addWidget(self.counter_label)
        send_column.addWidget(self.send_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.input, 1)
        bottom.addLayout(send_column)

        centre = QVBoxLayout()
        centre.addLayout(header)
        centre.addWidget(self.view, 1)
        centre.addWidget(self.typing_label)
        centre.addLayout(tools)
        centre.addLayout(bottom)

        self.product_picture = QLabel()
        self.product_picture.setObjectName("productPicture")
        self.product_picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.product_card = QLabel()
        self.product_card.setObjectName("productCard")
        self.product_card.setWordWrap(True)
        self.product_card.setTextFormat(Qt.TextFormat.PlainText)
        self.order_card = QLabel()
        self.order_card.setObjectName("orderCard")
        self.order_card.setWordWrap(True)
        self.order_card.setVisible(False)
        self.strategy_label = QLabel()
        self.strategy_label.setWordWrap(True)
        self.meters: dict[str, QProgressBar] = {}
        self.cause_label = QLabel()
        self.cause_label.setWordWrap(True)
        self.cause_label.setObjectName("lastCause")
        # Practice mode: the buyer's question while it is still unanswered.
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.question_label.setObjectName("openQuestion")
        self.facts_panel = ShopFactsPanel()
        side = QVBoxLayout()
        side.addWidget(self.product_picture)
        side.addWidget(self.product_card)
        side.addWidget(self.order_card)
        self.coach_panel = QFrame()
        coach = QVBoxLayout(self.coach_panel)
        coach.addWidget(QLabel(self.tr("接待策略")))
        coach.addWidget(self.strategy_label)
        coach.addWidget(self.question_label)
        labels = {
            "patience": self.tr("耐心"),
            "trust": self.tr("信任"),
            "satisfaction": self.tr("满意"),
            "desire": self.tr("购买意愿"),
        }
        self.variable_labels = labels
        for name in METERS:
            meter = QProgressBar()
            meter.setRange(0, 100)
            meter.setFormat(f"{labels[name]} %v")
            self.meters[name] = meter
            coach.addWidget(meter)
        coach.addWidget(self.cause_label)
        side.addWidget(self.coach_panel)
        side.addWidget(self.facts_panel)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        # The shop's facts and the coaching are longer than a small screen: the column scrolls
        # instead of clipping the change log.
        self.side_scroll = QScrollArea()
        self.side_scroll.setObjectName("sideColumn")
        self.side_scroll.setWidget(side_widget)
        self.side_scroll.setWidgetResizable(True)
        self.side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_side_column()

        layout = QHBoxLayout(self)
        layout.addLayout(centre, 1)
        layout.addWidget(self.side_scroll)

        self.send_button.clicked.connect(self.send)
        self.input.send_requested.connect(self.send)
        self.end_button.clicked.connect(self.confirm_end)
        self.emoticon_button.clicked.connect(self.show_emoticons)
        self.quick_button.clicked.connect(self.show_quick_replies)
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._update_timer)

    # -- a session --------------------------------------------------------------------------------

    def start(
        self,
        controller: SessionController,
        practice: bool,
        resumed: bool = False,
        time_limit_s: float | None = None,
    ) -> None:
        """A session on the page; ``time_limit_s``: an assigned exam's limit (a countdown, then it ends)."""
        if self.controller is not None and self.controller is not controller:
            # The previous session's signals must not reach this one (its last line, its finish).
            for signal in (
                self.controller.buyer_said,
                self.controller.buyer_typing,
                self.controller.trainee_judged,
                self.controller.buyer_changed,
                self.controller.finished,
            ):
                signal.disconnect()
        self.controller = controller
        self.practice = practice
        self.time_limit_s = time_limit_s
        self._time_up = False
        session = controller.session
        self.model.clear()
        # A new session starts from a clean window: nothing of the last one's order, causes or question.
        self.order_card.clear()
        self.order_card.setVisible(False)
        self.cause_label.clear()
        self.question_label.clear()
        self.question_label.setVisible(False)
        self.typing_label.setVisible(False)
        self.avatar.setText(session.persona.buyer_name[:1])
        self.buyer_label.setText(session.persona.buyer_name)
        self.product_card.setText(self._product_text(session.scenario))
        self.facts_panel.show_scenario(session.scenario)
        self.product_picture.setPixmap(product_pixmap(session.scenario.product.picture, 96))
        self.strategy_label.setText(session.persona.strategy)
        self.coach_panel.setVisible(practice)
        self.exam_clock.setVisible(not practice)
        self._update_meters()
        self._update_state()
        self.input.setEnabled(True)
        self.send_button.setEnabled(True)
        controller.buyer_said.connect(self._buyer_said)
        controller.buyer_typing.connect(self.typing_label.setVisible)
        controller.trainee_judged.connect(self._judged)
        controller.buyer_changed.connect(self._buyer_changed)
        controller.finished.connect(self._finished)
        if resumed:
            self._show_history()
        controller.start(resumed)
        self._timer.start()
        self.input.setFocus()

    def _show_history(self) -> None:
        """A resumed session: everything said so far, at once."""
        assert self.controller is not None
        for record in self.controller.session.history:
            if record.text is not None:
                self.model.append(ChatMessage(Sender.TRAINEE, record.text, "", turn=record.index))
                self._judged(record.index, record)
            for line in record.buyer_lines:
                self._buyer_said(line)
        self.view.scrollToBottom()

    def send(self) -> None:
        text = self.input.toPlainText().strip()
        if not text or self.controller is None or self.controller.session.finished:
            return
        self.input.clear()
        self.model.append(ChatMessage(Sender.TRAINEE, text, _now(), turn=self.controller.session.turns + 1))
        self.controller.send(text)
        self.view.scrollToBottom()

    def confirm_end(self, ask: Callable[[], bool] | None = None) -> bool:
        """结束会话: while the buyer is still waiting, ask first (a click by mistake loses the session)."""
        controller = self.controller
        if controller is not None and controller.session.turns > 0 and not controller.session.finished:
            ask = ask or (
                lambda: (
                    QMessageBox.question(
                        self,
                        self.tr("结束会话?"),
                        self.tr("买家还在等你的回复。现在结束,会按已有的对话评分。确定结束吗?"),
                    )
                    == QMessageBox.StandardButton.Yes
                )
            )
            if not ask():
                return False
        self.end_requested.emit()
        return True

    def _count_characters(self) -> None:
        length = len(self.input.toPlainText())
        self.counter_label.setText(f"{length}/{MAX_MESSAGE_CHARS}")
        self.counter_label.setProperty("over", length > MAX_MESSAGE_CHARS)
        self.counter_label.setToolTip(
            self.tr("超过的部分不会发送") if length > MAX_MESSAGE_CHARS else self.tr("一条消息最多这么多字")
        )

    def insert_text(self, text: str) -> None:
        self.input.insertPlainText(text)
        self.input.setFocus()

    def show_emoticons(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("emoticonMenu")
        for name in emoticons.available():
            code = f"[{name}]"
            menu.addAction(
                QIcon(QPixmap.fromImage(emoticons.image(name, 32))),
                code,
                lambda code=code: self.insert_text(code),
            )
        _popup_above(menu, self.emoticon_button)
        return menu

    def show_quick_replies(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("quickReplyMenu")
        for reply in self.quick_replies:
            menu.addAction(reply, lambda reply=reply: self.insert_text(reply))
        menu.addSeparator()
        menu.addAction(self.tr("编辑快捷短语…"), self.edit_quick_replies)
        _popup_above(menu, self.quick_button)
        return menu

    def edit_quick_replies(self, editor: QuickReplyEditor | None = None) -> None:
        editor = editor or QuickReplyEditor(self.quick_replies, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.quick_replies = editor.replies()
            save_quick_replies(self.quick_replies)

    # -- from the controller ----------------------------------------------------------------------

    def _buyer_said(self, line: str) -> None:
        sender = Sender.SYSTEM if line.startswith("【") else Sender.BUYER
        self.model.append(ChatMessage(sender, line, _now()))
        self.view.scrollToBottom()
        self._update_state()

    def _judged(self, turn: int, record: TurnRecord) -> None:
        if not self.practice or record.detection is None:
            return
        badges = []
        for technique_id in record.detection.techniques:
            technique = self.catalogue.get(technique_id)
            reason = technique.reason_bad if technique.kind.value == "bad" else technique.reason_good
            why = describe_technique(record.detection, technique_id, self.catalogue.lexicon, self._english)
            kind = technique.kind.value
            if voided_by := self.catalogue.overruled(technique_id, record.events):
                # Wrong size advice is a wrong fact, never a green 尺码推荐 badge.
                kind = "bad"
                reason = f"{RULE_NAMES_ZH.get(voided_by, voided_by)}:{_fact_quote(record.facts)}"
            name = technique.name_en if self._english else technique.name_zh
            badges.append(Badge(technique_id, name, kind, reason, why))
        for row in range(self.model.rowCount() - 1, -1, -1):
            message = self.model.message(row)
            if message.sender is Sender.TRAINEE and message.turn == turn:
                self.model.set_badges(row, badges)
                break

    def _buyer_changed(self, record: TurnRecord) -> None:
        self._update_meters()
        self._update_state()
        causes = [
            f"{self._variable_label(c.variable)} {c.before:g}→{c.after:g}:{c.cause.note}"
            for c in record.changes[-3:]
        ]
        if record.state_change is not None:
            causes.append(record.state_change.cause.note)
        if causes:
            self.cause_label.setText(self.tr("最近的变化:") + "\n" + "\n".join(causes))

    def _variable_label(self, name: str) -> str:
        assert self.controller is not None
        return self.controller.session.persona.variable_label(name, self._english)

    def _finished(self) -> None:
        self._timer.stop()
        self.timer_label.clear()
        self.input.setEnabled(False)
        self.send_button.setEnabled(False)
        self.session_finished.emit()

    # -- display ----------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_side_column()  # presenter mode: the column grows with the text

    def _fit_side_column(self) -> None:
        # About fourteen characters a line at every scale (290 px at 100 %).
        self.side_scroll.setFixedWidth(max(290, self.fontMetrics().horizontalAdvance("字" * 14) + 48))
        side = max(40, round(self.fontMetrics().height() * 2.4))
        self.avatar.setFixedSize(side, side)

    def _update_meters(self) -> None:
        if self.controller is None:
            return
        variables = self.controller.session.variables
        for name, meter in self.meters.items():
            meter.setVisible(name in variables)
            meter.setValue(round(variables.get(name, 0)))

    def _update_state(self) -> None:
        if self.controller is None:
            return
        session = self.controller.session
        state = session.persona.state(session.state)
        self.state_label.setText(f"· {state.label_en if self._english else state.label_zh}")
        waiting = [
            (f"[{question.topic}] " if question.topic else "") + question.text
            for question in session.open_questions
        ]
        self.question_label.setText(self.tr("买家还在等回答:") + ";".join(waiting) if waiting else "")
        self.question_label.setVisible(bool(waiting))
        outcome = state.outcome.value
        if outcome in ("purchased", "unpaid"):
            paid = self.tr("已付款") if outcome == "purchased" else self.tr("未付款")
            self.order_card.setText(
                self.tr("订单") + f":{session.scenario.product.name} ¥{session.book.current:g} · {paid}"
            )
            self.order_card.setVisible(True)

    def _update_timer(self) -> None:
        if self.controller is not None and not self.practice:
            elapsed = int(self.controller.now())
            if self.time_limit_s is None:
                self.exam_clock.setText(self.tr("考核用时") + f" {elapsed // 60:02d}:{elapsed % 60:02d}")
            else:
                left = max(0, int(self.time_limit_s) - elapsed)
                self.exam_clock.setText(self.tr("考试剩余") + f" {left // 60:02d}:{left % 60:02d}")
                self.exam_clock.setProperty("late", left <= 60)
                self.exam_clock.style().polish(self.exam_clock)
                if left == 0 and not self._time_up and not self.controller.session.finished:
                    # Time is up: scored on what was written, as a teacher collects the papers.
                    self._time_up = True
                    self.confirm_end(ask=lambda: True)
                    return
        if self.controller is None or self.controller.busy:
            self.timer_label.setText("")
            return
        seconds = int(self.controller.seconds_since_buyer())
        colour = "#dc2626" if seconds >= LATE_SECONDS else "#d97706" if seconds >= WARN_SECONDS else "#374151"
        self.timer_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.timer_label.setText(self.tr("已等待 %n 秒", "", seconds))

    def _product_text(self, scenario: Scenario) -> str:
        """The product in a line or two; its details are in the shop facts below."""
        product = scenario.product
        return f"{product.name}\n¥{product.list_price:g} · {scenario.shop}"

    def timer_colour(self) -> str:
        return self.timer_label.styleSheet()


def _popup_above(menu: QMenu, button: QWidget) -> None:
    """Open a tool menu above its button, as 千牛's emoticon panel does: a menu opened over the button
    sat under the pointer, hid the button and swallowed the first pick. Below it if there is no room."""
    size = menu.sizeHint()
    top_left = button.mapToGlobal(QPoint(0, 0))
    screen = button.screen().availableGeometry() if button.screen() is not None else None
    above = QPoint(top_left.x(), top_left.y() - size.height() - 2)
    if screen is not None and above.y() < screen.top():
        above = button.mapToGlobal(QPoint(0, button.height() + 2))
    menu.popup(above)


def product_pixmap(picture: str, pixels: int) -> QPixmap:
    """The product's picture from assets/products (an empty pixmap when the scenario has none)."""
    path = PRODUCT_DIR / picture
    if not picture or not path.exists():
        return QPixmap()
    image = QPixmap(pixels, pixels)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(path)).render(painter)
    painter.end()
    return image


def _now() -> str:
    return datetime.now().strftime("%H:%M:%S")


def _fact_quote(facts: dict[str, float | str]) -> str:
    """The scenario fact a claim was checked against, for the badge's tooltip."""
    shown = []
    for claimed, real in (
        ("size_recommended", "size_correct"),
        ("stock_claimed", "stock_real"),
        ("material_claimed", "material_real"),
        ("dispatch_claimed", "dispatch_real"),
        ("policy_claimed", "policy_real"),
    ):
        if real in facts:
            shown.append(f"{facts.get(claimed, '')} → {facts[real]}")
    return ";".join(shown)
