"""Builds assets/fonts/NotoSansSC-Regular-subset.otf from Noto Sans CJK (SIL Open Font License 1.1).

The subset keeps GB2312, the traditional forms of those characters (trainees type both), ASCII and
CJK punctuation: Chinese renders on a machine with no CJK font, at a fifth of the full font's size.

    pip install fonttools opencc
    python tools/make_font_subset.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
(on Debian the font comes with `apt-get install fonts-noto-cjk`)
"""

from __future__ import annotations

import sys
from pathlib import Path

import opencc
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

SC_INDEX = 2  # Noto Sans CJK SC inside the collection
FAMILY = "Kefu Sans SC"  # the subset's own name (derived from Noto Sans CJK SC, SIL OFL 1.1)
OUTPUT = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSansSC-Regular-subset.otf"


def characters() -> str:
    chars: set[str] = set()
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                chars.add(bytes([first, second]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    chars.update(opencc.OpenCC("s2t").convert("".join(sorted(chars))))
    chars.update(chr(code) for code in range(0x20, 0x7F))
    chars.update(chr(code) for code in range(0x3000, 0x3040))
    chars.update(chr(code) for code in range(0xFF00, 0xFFF0))
    chars.update("¥·—…‘’“”•→←↑↓★☆○●◎◇◆□■△▲※〔〕【】《》「」『』")
    return "".join(sorted(chars))


def add_format12_cmap(font: TTFont) -> None:
    """A (3, 10) format 12 subtable: with ten thousand scattered characters the format 4 subtable
    overflows its 16-bit offsets and Qt stops reading it part-way (about 2,000 characters lost)."""
    mapping = font.getBestCmap()
    table = CmapSubtable.newSubtable(12)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    table.cmap = dict(mapping)
    font["cmap"].tables.append(table)


def rename(font: TTFont, family: str) -> None:
    """A modified font gets its own name, so it never masks a full Noto Sans CJK installed on the system."""
    postscript = family.replace(" ", "") + "-Regular"
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f"{family} Regular"
        elif record.nameID == 6:
            record.string = postscript
    font["CFF "].cff.fontNames = [postscript]


def main() -> int:
    collection = TTCollection(sys.argv[1])
    font = collection.fonts[SC_INDEX]
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    text = characters()
    subsetter.populate(text=text)
    subsetter.subset(font)
    add_format12_cmap(font)
    rename(font, FAMILY)
    font.save(OUTPUT)
    print(f"{len(text)} characters → {OUTPUT} ({OUTPUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
