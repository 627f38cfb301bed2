"""快捷短语: the trainee's own quick replies, edited in a small dialog and kept between sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from simulator.ui.i18n import settings

SETTINGS_KEY = "chat/quick_replies"
DEFAULT_QUICK_REPLIES = (
    "您好亲,欢迎光临~请问有什么可以帮您的吗?",
    "亲,这款是现货哦,今天下单今天发~",
    "非常抱歉让您久等了!",
    "感谢您的支持,有问题随时找我,欢迎下次光临~",
)


def load_quick_replies() -> list[str]:
    value = settings().value(SETTINGS_KEY)
    if isinstance(value, str):
        value = [value]
    replies = [str(item) for item in value] if isinstance(value, list) else []
    return replies or list(DEFAULT_QUICK_REPLIES)


def save_quick_replies(replies: list[str]) -> None:
    settings().setValue(SETTINGS_KEY, [reply for reply in replies if reply.strip()])


class QuickReplyEditor(QDialog):
    def __init__(self, replies: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑快捷短语"))
        self.list = QListWidget()
        for reply in replies:
            self._add(reply)
        add = QPushButton(self.tr("新增"))
        remove = QPushButton(self.tr("删除"))
        add.clicked.connect(lambda: self.list.editItem(self._add(self.tr("新的快捷短语"))))
        remove.clicked.connect(lambda: self.list.takeItem(self.list.currentRow()))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def _add(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)
        return item

    def replies(self) -> list[str]:
        return [
            self.list.item(row).text().strip()
            for row in range(self.list.count())
            if self.list.item(row).text().strip()
        ]
