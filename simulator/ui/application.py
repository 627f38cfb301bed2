"""Starts the desktop app: QApplication, a font with Chinese glyphs, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from simulator.detection.detector import TechniqueDetector
from simulator.locations import assets_dir
from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary
from simulator.ui.fonts import ensure_chinese_font
from simulator.ui.i18n import install_language, saved_language
from simulator.ui.main_window import MainWindow

THEME = assets_dir() / "theme" / "theme.qss"


def load_theme() -> str:
    """The style sheet every page uses; the built-in look if the file is missing or unreadable."""
    try:
        return THEME.read_text(encoding="utf-8")
    except OSError:
        return ""


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName("网店客服陪练")
    ensure_chinese_font(app)
    app.setStyleSheet(load_theme())
    install_language(app, saved_language())
    return app


def run(
    library: ContentLibrary,
    detector: TechniqueDetector,
    argv: Sequence[str] | None = None,
    repository: SessionArchive | None = None,
) -> int:
    app = create_application(argv or sys.argv)
    window = MainWindow(library, detector, repository=repository)
    window.show()
    QTimer.singleShot(0, window.offer_unfinished)
    return app.exec()
