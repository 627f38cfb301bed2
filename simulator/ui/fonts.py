"""Chinese must render on a machine with no CJK font: load the shipped font when the system has none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

SHIPPED_FONT = (
    Path(__file__).resolve().parent.parent.parent / "assets" / "fonts" / "NotoSansSC-Regular-subset.otf"
)
SHIPPED_FAMILY = "Kefu Sans SC"  # a subset of Noto Sans CJK SC, see tools/make_font_subset.py
PREFERRED = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
)


def system_cjk_family() -> str | None:
    families = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    for family in PREFERRED:
        if family in families:
            return family
    return None


def ensure_chinese_font(app: QApplication, force_shipped: bool = False) -> str:
    """Set the application font to a family that has Chinese glyphs; returns the family used."""
    family = None if force_shipped else system_cjk_family()
    if family is None:
        font_id = QFontDatabase.addApplicationFont(str(SHIPPED_FONT))
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = loaded[0] if loaded else app.font().family()
    font = QFont(family)
    font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
    app.setFont(font)
    return family
