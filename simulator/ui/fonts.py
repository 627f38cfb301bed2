"""Chinese and emoji must render on a machine with neither font: load the shipped ones when needed."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from simulator.locations import assets_dir

SHIPPED_FONT = assets_dir() / "fonts" / "NotoSansSC-Regular-subset.otf"
SHIPPED_FAMILY = "Kefu Sans SC"  # a subset of Noto Sans CJK SC, see tools/make_font_subset.py
# The emoji chat in a shop uses, from Noto Color Emoji (tools/make_emoji_subset.py): 👍 🌹 😊 🙏 …
SHIPPED_EMOJI = SHIPPED_FONT.with_name("NotoColorEmoji-chat-subset.ttf")
EMOJI_FAMILIES = ("Noto Color Emoji", "Segoe UI Emoji", "Apple Color Emoji", "Twemoji", "EmojiOne Color")
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


def emoji_family(force_shipped: bool = False) -> str | None:
    """A family with colour emoji: the system's, else the shipped subset (None if it cannot load)."""
    if not force_shipped:
        families = set(QFontDatabase.families())
        for family in EMOJI_FAMILIES:
            if family in families:
                return family
    font_id = QFontDatabase.addApplicationFont(str(SHIPPED_EMOJI))
    loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return loaded[0] if loaded else None


def ensure_chinese_font(app: QApplication, force_shipped: bool = False) -> str:
    """Set the application font to a family that has Chinese glyphs, with an emoji family behind it
    for the characters it lacks; returns the Chinese family used."""
    family = None if force_shipped else system_cjk_family()
    if family is None:
        font_id = QFontDatabase.addApplicationFont(str(SHIPPED_FONT))
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = loaded[0] if loaded else app.font().family()
    font = QFont(family)
    emoji = emoji_family(force_shipped)
    font.setFamilies([family, emoji] if emoji else [family])
    font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
    app.setFont(font)
    return family
