"""The chat as an item model: one row per message, read by the bubble delegate and by tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt


class Sender(IntEnum):
    BUYER = 0
    TRAINEE = 1
    SYSTEM = 2  # notices: the order was placed, the buyer left …


@dataclass(frozen=True)
class Badge:
    technique_id: str
    name: str
    kind: str  # good | bad | context
    reason: str
    evidence: str = ""  # why the detector found it: the rule and its words, or the scorer's example


@dataclass
class ChatMessage:
    sender: Sender
    text: str
    time: str  # hh:mm:ss as shown under the bubble
    badges: list[Badge] = field(default_factory=list)
    turn: int = 0  # the trainee's message number, for linking report items


class ChatRoles(IntEnum):
    SENDER = Qt.ItemDataRole.UserRole + 1
    TIME = Qt.ItemDataRole.UserRole + 2
    BADGES = Qt.ItemDataRole.UserRole + 3
    TURN = Qt.ItemDataRole.UserRole + 4


class ChatModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._messages: list[ChatMessage] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._messages)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._messages):
            return None
        message = self._messages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return message.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                "\n".join(
                    f"{badge.name}:{badge.reason}" + (f"\n  {badge.evidence}" if badge.evidence else "")
                    for badge in message.badges
                )
                or None
            )
        if role == ChatRoles.SENDER:
            return int(message.sender)
        if role == ChatRoles.TIME:
            return message.time
        if role == ChatRoles.BADGES:
            return list(message.badges)
        if role == ChatRoles.TURN:
            return message.turn
        return None

    def roleNames(self) -> dict[int, bytes]:
        return {
            Qt.ItemDataRole.DisplayRole: b"text",
            ChatRoles.SENDER: b"sender",
            ChatRoles.TIME: b"time",
            ChatRoles.BADGES: b"badges",
            ChatRoles.TURN: b"turn",
        }

    def append(self, message: ChatMessage) -> QModelIndex:
        row = len(self._messages)
        self.beginInsertRows(QModelIndex(), row, row)
        self._messages.append(message)
        self.endInsertRows()
        return self.index(row)

    def set_badges(self, row: int, badges: list[Badge]) -> None:
        self._messages[row].badges = badges
        index = self.index(row)
        self.dataChanged.emit(index, index, [ChatRoles.BADGES, Qt.ItemDataRole.ToolTipRole])

    def clear(self) -> None:
        self.beginResetModel()
        self._messages.clear()
        self.endResetModel()

    def message(self, row: int) -> ChatMessage:
        return self._messages[row]
