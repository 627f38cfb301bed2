"""设置 → 班级数据库: where this machine keeps its sessions (the classroom's PostgreSQL server, or a
file), with a connection test that says plainly whether it connects — never showing a password.

The URL is kept in the settings (``DATABASE_URL_KEY``; empty: the default file in the user's data
folder) and used from the next start on; ``--db`` on the command line still wins.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from simulator.services.class_board import check_connection
from simulator.ui import i18n

DATABASE_URL_KEY = "database/url"


def saved_database_url(settings: QSettings | None = None) -> str | None:
    """The database chosen in this dialog, None for the default file."""
    value = str((settings if settings is not None else i18n.settings()).value(DATABASE_URL_KEY, "") or "")
    return value.strip() or None


class _Result(QObject):
    """Carries the test's answer from its thread to the dialog's (a queued signal)."""

    done = Signal(str, object)  # the URL tested, its problem (None: it connects)


class DatabaseDialog(QDialog):
    def __init__(
        self,
        settings: QSettings | None = None,
        checker: Callable[[str], str | None] = check_connection,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("班级数据库"))
        self._settings = settings if settings is not None else i18n.settings()
        self._checker = checker
        self._result = _Result(self)
        self._result.done.connect(self._tested)
        self.thread: threading.Thread | None = None
        self.last_problem: str | None = None
        explain = QLabel(
            self.tr(
                "全班共用一台 PostgreSQL 服务器时,每台电脑填写同一个地址,老师的班级看板就能看到所有人的练习。"
                "留空则保存在本机的文件里。"
            )
        )
        explain.setWordWrap(True)
        self.url = QLineEdit(saved_database_url(self._settings) or "")
        self.url.setObjectName("databaseUrl")
        self.url.setPlaceholderText(self.tr("postgresql+psycopg://用户:密码@服务器:5432/数据库"))
        self.url.setClearButtonEnabled(True)
        self.test_button = QPushButton(self.tr("测试连接"))
        self.status = QLabel()
        self.status.setObjectName("connectionStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存(重新启动后生效)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.url, 1)
        row.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.test_button.clicked.connect(self.test_connection)
        self.url.textChanged.connect(lambda _text: self.status.clear())

    def test_connection(self) -> None:
        """Try the URL in a thread (a server that does not answer takes a few seconds to give up)."""
        url = self.url.text().strip()
        if not url:
            self.status.setText(self.tr("留空:使用本机的记录文件"))
            return
        self.test_button.setEnabled(False)
        self.status.setText(self.tr("正在连接……"))
        self.thread = threading.Thread(target=self._run, args=(url,), name="database-test", daemon=True)
        self.thread.start()

    def _run(self, url: str) -> None:
        try:
            problem = self._checker(url)
        except Exception as error:  # an unforeseen failure is still an answer, never a hung button
            problem = f"{type(error).__name__}"
        self._result.done.emit(url, problem)

    def _tested(self, url: str, problem: str | None) -> None:
        self.test_button.setEnabled(True)
        if url != self.url.text().strip():
            return  # the address was changed meanwhile: this answer is about another one
        self.last_problem = problem
        if problem is None:
            self.status.setText(self.tr("✔ 连接成功"))
        else:
            self.status.setText(self.tr("✘ 无法连接:") + problem)

    def accept(self) -> None:
        self._settings.setValue(DATABASE_URL_KEY, self.url.text().strip())
        super().accept()
