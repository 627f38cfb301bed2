"""Starts the desktop app: QApplication, a font with Chinese glyphs, the main window."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from simulator.detection.detector import TechniqueDetector
from simulator.services.archive import CorruptDatabase, SessionArchive
from simulator.services.library import ContentLibrary
from simulator.ui.database_dialog import saved_database_url
from simulator.ui.fonts import ensure_chinese_font
from simulator.ui.i18n import install_language, saved_language
from simulator.ui.main_window import MainWindow
from simulator.ui.presenter import BASE_POINT_SIZE, THEME, load_theme

__all__ = ["THEME", "create_application", "load_theme", "open_archive", "run"]


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName("网店客服陪练")
    ensure_chinese_font(app)
    if app.property(BASE_POINT_SIZE) is None:  # the size presenter mode scales from
        app.setProperty(BASE_POINT_SIZE, app.font().pointSizeF())
    app.setStyleSheet(load_theme())
    install_language(app, saved_language())
    return app


def run(
    library: ContentLibrary,
    detector: TechniqueDetector,
    argv: Sequence[str] | None = None,
    db_url: str | None = None,
) -> int:
    app = create_application(argv or sys.argv)
    repository = open_archive(db_url or saved_database_url())  # --db wins over the saved setting
    if repository is None:
        return 1
    window = MainWindow(library, detector, repository=repository)
    window.show()
    QTimer.singleShot(0, window.offer_unfinished)
    checker = IntegrityCheck(repository, window)
    checker.failed.connect(window.database_damaged)
    checker.start()
    return app.exec()


class IntegrityCheck(QObject):
    """The full check of a large database file, run beside the window so start-up stays quick."""

    failed = Signal(str)

    def __init__(self, archive: SessionArchive, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.archive.checked:
            return
        self.thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.archive.verify()
        except CorruptDatabase as problem:
            self.failed.emit(f"{problem.location}: {problem.reason}")  # queued to the window's thread


def open_archive(
    db_url: str | None, ask_fresh: Callable[[CorruptDatabase], bool] | None = None
) -> SessionArchive | None:
    """The session archive for the window. A damaged file is named in a dialog that offers a fresh
    one (the old file kept aside, renamed beside it); None when the user would rather quit."""
    ask_fresh = ask_fresh or _ask_fresh
    try:
        return SessionArchive.open_for_app(db_url)
    except CorruptDatabase as problem:
        if not ask_fresh(problem):
            return None
        try:
            kept = SessionArchive.set_aside(problem.location)
        except OSError as error:
            QMessageBox.critical(
                None,
                QCoreApplication.translate("application", "无法移开损坏的文件"),
                f"{problem.location}: {error.strerror}",
            )
            return None
        archive = SessionArchive.open_for_app(db_url)
        kept_note = QCoreApplication.translate("application", "已新建记录文件,损坏的旧文件保留为 %1")
        kept_note = kept_note.replace("%1", str(kept))
        archive.notice = "; ".join(part for part in (archive.notice, kept_note) if part)
        return archive


def _ask_fresh(problem: CorruptDatabase) -> bool:
    text = QCoreApplication.translate(
        "application",
        "会话记录文件已损坏,无法打开:\n%1\n(%2)\n\n新建一个空的记录文件吗?旧文件会改名保留在同一文件夹里。",
    )
    answer = QMessageBox.question(
        None,
        QCoreApplication.translate("application", "记录文件损坏"),
        text.replace("%1", problem.location).replace("%2", problem.reason),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
