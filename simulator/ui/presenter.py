"""Presenter mode (issue 15): one view setting for the wall, not a second code path — full screen
(F11), every page scaled from 100 % to 300 % (Ctrl+ / Ctrl− / Ctrl+0), a high-contrast theme legible
from the back of a room; remembered per machine in the app's settings."""

from __future__ import annotations

import contextlib
import re

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from simulator.locations import assets_dir

THEME = assets_dir() / "theme" / "theme.qss"
BASE_POINT_SIZE = "simulatorBasePointSize"  # an application property: the font size at 100 %
# An application property pages read when they colour rich text themselves (style sheets do not reach
# inside HTML): True while the high-contrast theme is on.
HIGH_CONTRAST_PROPERTY = "simulatorHighContrast"
SCALE_KEY = "view/scale"
CONTRAST_KEY = "view/high_contrast"
MIN_SCALE, MAX_SCALE, STEP = 1.0, 3.0, 0.25
CONTRAST_THEME = assets_dir() / "theme" / "contrast.qss"
_PIXELS_RE = re.compile(r"(\d+(?:\.\d+)?)px")


def load_theme() -> str:
    """The style sheet every page uses; the built-in look if the file is missing or unreadable."""
    try:
        return THEME.read_text(encoding="utf-8")
    except OSError:
        return ""


def scaled_style(style: str, scale: float) -> str:
    """The style sheet with every pixel size (fonts, padding, radii) multiplied by ``scale``."""
    if scale == 1.0:
        return style
    return _PIXELS_RE.sub(lambda match: f"{round(float(match.group(1)) * scale)}px", style)


def clamp_scale(value: float) -> float:
    return max(MIN_SCALE, min(MAX_SCALE, round(value / STEP) * STEP))


class ViewSettings:
    """Scale and contrast applied to the whole application: the base font and the theme together.

    With a ``window`` the scaled theme is set on that window (its pages, menus and dialogs inherit it)
    and the application keeps the theme at 100 %: re-styling one window's widgets takes a third of
    re-styling the whole application, and at 300 % that was most of a page's re-layout."""

    def __init__(self, app: QApplication, window: QWidget | None = None) -> None:
        self.app = app
        self.window = window
        self.base_style = load_theme()
        self.base_point_size = float(app.property(BASE_POINT_SIZE) or app.font().pointSizeF())
        self.scale = 1.0
        self.high_contrast = False

    def style_sheet(self) -> str:
        """The theme as the current scale and contrast make it."""
        style = self.base_style
        if self.high_contrast:
            with contextlib.suppress(OSError):  # no contrast file: the usual theme, at the chosen scale
                style += "\n" + CONTRAST_THEME.read_text(encoding="utf-8")
        return scaled_style(style, self.scale)

    def apply(self, scale: float | None = None, high_contrast: bool | None = None) -> None:
        if scale is not None:
            self.scale = clamp_scale(scale)
        if high_contrast is not None:
            self.high_contrast = high_contrast
        font = QFont(self.app.font())
        font.setPointSizeF(self.base_point_size * self.scale)
        self.app.setFont(font)
        self.app.setProperty(HIGH_CONTRAST_PROPERTY, self.high_contrast)
        if self.window is None:
            self.app.setStyleSheet(self.style_sheet())
            return
        plain = self.scale == 1.0 and not self.high_contrast
        wanted = "" if plain else self.style_sheet()  # at 100 % the application's theme is the window's
        if self.window.styleSheet() != wanted:
            self.window.setStyleSheet(wanted)
