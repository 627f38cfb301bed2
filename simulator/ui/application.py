"""Starts the desktop app: QApplication, a font with Chinese glyphs, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from simulator.detection.detector import TechniqueDetector
from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary
from simulator.ui.fonts import ensure_chinese_font
from simulator.ui.i18n import install_language, saved_language
from simulator.ui.main_window import MainWindow

STYLE = """
#pageTitle { font-size: 18px; font-weight: bold; padding: 6px 0; }
#avatar { background: #ff7a00; color: white; border-radius: 20px; font-size: 18px; font-weight: bold; }
#buyerName { font-size: 15px; font-weight: bold; }
#productCard, #orderCard { background: #fff7ed; border: 1px solid #fed7aa; border-radius: 6px; padding: 8px; }
#sendButton, #startButton { background: #ff7a00; color: white; border-radius: 4px; padding: 6px 18px; }
#sendButton:disabled, #startButton:disabled { background: #fbc89a; }
QProgressBar { border: 1px solid #cbd5e1; border-radius: 4px; background: #f8fafc; color: #1f2937;
               text-align: center; min-height: 18px; }
QProgressBar::chunk { background: #93c5fd; border-radius: 3px; }
#shopFacts { background: #ffffff; border: 1px solid #e5e7eb; border-radius: 6px; }
#shopFactsToggle { border: none; font-weight: bold; padding: 4px; }
#shopFactsBody { padding: 2px 8px 8px 8px; color: #374151; }
#sideColumn { border: none; }
#messageCounter { color: #6b7280; }
#messageCounter[over="true"] { color: #dc2626; font-weight: bold; }
"""


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName("网店客服陪练")
    ensure_chinese_font(app)
    app.setStyleSheet(STYLE)
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
