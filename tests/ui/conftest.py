from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from simulator.app import ContentPaths, build_detector, load_library
from simulator.detection.detector import TechniqueDetector
from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary
from simulator.services.studio import StudioFolders
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository
from simulator.ui import i18n, main_window, quick_replies
from simulator.ui.application import create_application
from simulator.ui.main_window import MainWindow
from simulator.ui.studio_page import StudioPage

FAST = 0.02  # buyers type fifty times faster in tests


@pytest.fixture
def window(
    qtbot: QtBot, library: ContentLibrary, detector: TechniqueDetector, monkeypatch, tmp_path: Path
) -> MainWindow:
    # qtbot closes the window after each test: a mid-session close must not wait on a modal question.
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    # Settings go to a scratch file, never to the user's own configuration.
    scratch = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(i18n, "settings", lambda: scratch)
    monkeypatch.setattr(main_window, "settings", lambda: scratch)
    monkeypatch.setattr(quick_replies, "settings", lambda: scratch)
    create_application(["test"])
    main = MainWindow(
        library, detector, seed=1, repository=SessionArchive(SessionRepository(open_database("sqlite://")))
    )
    qtbot.addWidget(main)
    main.resize(1100, 720)
    main.show()
    return main


def start(window: MainWindow, qtbot: QtBot, persona_id: str = "haggler", mode: str = "practice") -> None:
    window.start_page.select_persona(persona_id)
    if mode == "exam":
        window.start_page.exam.setChecked(True)
    window.start_page.start_button.click()
    assert window.controller is not None
    window.controller.hurry(FAST)
    qtbot.waitUntil(lambda: window.chat_page.model.rowCount() >= 1, timeout=3000)


@pytest.fixture
def studio_on_copy(qtbot: QtBot, tmp_path: Path) -> StudioPage:
    """The studio editing a scratch copy of the shipped content: saves never touch the checkout."""
    for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/products"):
        shutil.copytree(ContentPaths().root / folder, tmp_path / folder)
    create_application(["test"])
    library = load_library(ContentPaths(tmp_path, cache_dir=None))
    page = StudioPage(library, build_detector(library.catalogue), StudioFolders.under(tmp_path))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page
