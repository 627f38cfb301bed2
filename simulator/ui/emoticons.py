"""The 旺旺-like emoticons drawn in assets/emoticons: codes such as [微笑] show as pictures."""

from __future__ import annotations

import re
from functools import cache
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer

from simulator.locations import assets_dir

EMOTICON_DIR = assets_dir() / "emoticons"
CODE_RE = re.compile(r"\[([^\[\]]{1,6})\]")
PIXELS = 22


ORDER = ("微笑", "呲牙", "害羞", "抱拳", "爱心", "加油", "流泪", "握手", "玫瑰", "OK")


@cache
def available() -> tuple[str, ...]:
    """Names of the drawn emoticons, e.g. 微笑 for the code [微笑], in the picker's order."""
    drawn = {path.stem for path in EMOTICON_DIR.glob("*.svg")}
    return tuple(name for name in ORDER if name in drawn) + tuple(sorted(drawn - set(ORDER)))


@cache
def image(name: str, pixels: int = PIXELS) -> QImage:
    picture = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    picture.fill(0)
    renderer = QSvgRenderer(str(EMOTICON_DIR / f"{name}.svg"))
    painter = QPainter(picture)
    renderer.render(painter)
    painter.end()
    return picture


def to_html(text: str) -> str:
    """Escaped text with known codes as pictures: the trainee's markup never becomes markup."""
    known = set(available())
    pieces = []
    cursor = 0
    for match in CODE_RE.finditer(text):
        if match.group(1) not in known:
            continue
        pieces.append(escape(text[cursor : match.start()]))
        pieces.append(f'<img src="emoticon:{escape(match.group(1))}" width="{PIXELS}" height="{PIXELS}">')
        cursor = match.end()
    pieces.append(escape(text[cursor:]))
    return "".join(pieces).replace("\n", "<br>")


def document(text: str, font, width: int) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    for name in set(match.group(1) for match in CODE_RE.finditer(text)) & set(available()):
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"emoticon:{name}"), image(name))
    doc.setHtml(to_html(text))
    doc.setTextWidth(width)
    ideal = doc.idealWidth()
    if ideal < width:
        doc.setTextWidth(ideal + 1)
    return doc
