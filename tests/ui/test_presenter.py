"""Presenter mode (issue 15): F11, Ctrl+ / Ctrl− / Ctrl+0 from 100 % to 300 %, high contrast, remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from simulator.ui import main_window
from simulator.ui.main_window import MainWindow
from simulator.ui.presenter import CONTRAST_KEY, SCALE_KEY, load_theme, scaled_style
from tests.ui.conftest import start


def test_scaled_style_multiplies_every_pixel_size() -> None:
    assert scaled_style("QLabel { font-size: 14px; padding: 3px 6px; }", 2.0) == (
        "QLabel { font-size: 28px; padding: 6px 12px; }"
    )


def test_zoom_scales_fonts_and_the_theme_and_is_remembered(window: MainWindow, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    base = app.font().pointSizeF()
    try:
        qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        assert window.view is not None and window.view.scale == 1.25
        assert app.font().pointSizeF() == base * 1.25
        for _ in range(12):
            window.zoom(0.25)
        assert window.view.scale == 3.0  # at most 300 %
        assert "font-size: 54px" in window.styleSheet()  # 18 px titles, three times
        assert app.styleSheet() == load_theme()  # parentless windows keep the theme at 100 %
        assert float(main_window.settings().value(SCALE_KEY)) == 3.0
        start(window, qtbot)  # the chat works at 300 %
        window.set_high_contrast(True)
        assert "#000000" in window.styleSheet() and main_window.settings().value(CONTRAST_KEY) == "true"
        qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        window.set_high_contrast(False)
        assert window.view.scale == 1.0 and app.styleSheet() == load_theme() and window.styleSheet() == ""
        assert app.font().pointSizeF() == base
    finally:
        window.zoom(None)
        window.set_high_contrast(False)


def test_f11_toggles_full_screen(window: MainWindow, qtbot: QtBot) -> None:
    window.toggle_full_screen()
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    window.toggle_full_screen()
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
