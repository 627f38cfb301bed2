"""Chat bubbles like 千牛: the buyer on the left, the trainee on the right, notices in the middle.

Text is escaped before it is laid out (only our own emoticon pictures become images), so `<b>` or
`<img src=x>` typed by a trainee shows literally.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from simulator.ui import emoticons
from simulator.ui.chat_model import Badge, ChatRoles, Sender

BUBBLE_COLOURS = {
    Sender.BUYER: QColor("#ffffff"),
    Sender.TRAINEE: QColor("#cfe8ff"),
    Sender.SYSTEM: QColor("#f1f1f1"),
}
BADGE_COLOURS = {"good": QColor("#16a34a"), "bad": QColor("#dc2626"), "context": QColor("#d97706")}
PADDING = 8
MARGIN = 10
MAX_SHARE = 0.68  # a bubble takes at most this share of the view's width
MAX_DRAWN_CHARS = 3000  # a pasted novel is cut in the bubble (the whole text stays in the model)


def _text(index: QModelIndex | QPersistentModelIndex) -> str:
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    return text if len(text) <= MAX_DRAWN_CHARS else text[:MAX_DRAWN_CHARS] + "…"


class BubbleDelegate(QStyledItemDelegate):
    def _layout(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> tuple[QRect, QRect]:
        metrics = QFontMetrics(option.font)
        sender = Sender(index.data(ChatRoles.SENDER))
        width = max(120, int(option.rect.width() * MAX_SHARE))
        doc = emoticons.document(_text(index), option.font, width - 2 * PADDING)
        size = doc.size()
        bubble = QRect(0, 0, int(size.width()) + 2 * PADDING, int(size.height()) + 2 * PADDING)
        top = option.rect.top() + MARGIN + metrics.height()  # the time line above the bubble
        if sender is Sender.TRAINEE:
            bubble.moveTopRight(option.rect.topRight() + QPoint(-MARGIN, top - option.rect.top()))
        elif sender is Sender.BUYER:
            bubble.moveTopLeft(option.rect.topLeft() + QPoint(MARGIN, top - option.rect.top()))
        else:
            bubble.moveTop(top)
            bubble.moveLeft(option.rect.left() + (option.rect.width() - bubble.width()) // 2)
        return bubble, bubble.adjusted(PADDING, PADDING, -PADDING, -PADDING)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        bubble, _ = self._layout(option, index)
        metrics = QFontMetrics(option.font)
        badges = index.data(ChatRoles.BADGES) or []
        badge_height = metrics.height() + 6 if badges else 0
        return QSize(option.rect.width(), bubble.height() + metrics.height() + 2 * MARGIN + badge_height)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.AlternateBase))
        sender = Sender(index.data(ChatRoles.SENDER))
        bubble, text_rect = self._layout(option, index)
        metrics = QFontMetrics(option.font)
        painter.setPen(QColor("#8a8a8a"))
        time_rect = QRect(
            bubble.left(), bubble.top() - metrics.height() - 2, bubble.width(), metrics.height()
        )
        align = Qt.AlignmentFlag.AlignRight if sender is Sender.TRAINEE else Qt.AlignmentFlag.AlignLeft
        painter.drawText(time_rect, int(align), str(index.data(ChatRoles.TIME) or ""))
        painter.setPen(QColor("#d0d0d0"))
        painter.setBrush(BUBBLE_COLOURS[sender])
        painter.drawRoundedRect(QRectF(bubble), 8, 8)
        doc = emoticons.document(_text(index), option.font, text_rect.width() + 1)
        painter.translate(text_rect.topLeft())
        doc.drawContents(painter)
        painter.translate(-text_rect.topLeft())
        self._paint_badges(painter, option, bubble, index.data(ChatRoles.BADGES) or [])
        painter.restore()

    def _paint_badges(
        self, painter: QPainter, option: QStyleOptionViewItem, bubble: QRect, badges: list[Badge]
    ) -> None:
        if not badges:
            return
        metrics = QFontMetrics(option.font)
        x = bubble.right()
        y = bubble.bottom() + 4
        for badge in reversed(badges):
            width = metrics.horizontalAdvance(badge.name) + 10
            rect = QRect(x - width, y, width, metrics.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BADGE_COLOURS.get(badge.kind, BADGE_COLOURS["context"]))
            painter.drawRoundedRect(QRectF(rect), 4, 4)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), badge.name)
            x -= width + 4


class ChatView(QListView):
    """The message list: scrolls to the newest message, no editing, smooth per-pixel scrolling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(BubbleDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setObjectName("chatView")  # its look is in assets/theme/theme.qss
