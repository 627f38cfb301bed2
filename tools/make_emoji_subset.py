"""Builds assets/fonts/NotoColorEmoji-chat-subset.ttf from Noto Color Emoji (SIL Open Font License 1.1).

Trainees and buyers type emoji (👍 🌹 😊 🙏 …); on a machine with no emoji font they render as empty
boxes. The subset keeps the emoji chat in a shop uses (faces, hands, hearts, flowers, parcels, money,
marks), about a quarter of the full font's size.

    pip install fonttools
    python tools/make_emoji_subset.py /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
(on Debian the font comes with `apt-get install fonts-noto-color-emoji`)
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUTPUT = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoColorEmoji-chat-subset.ttf"
RANGES = [
    (0x1F600, 0x1F64F),  # faces and gestures: 😊 😂 🙏 🙋
    (0x1F910, 0x1F92F),  # 🤔 🤗 🤝 🤣
    (0x1F970, 0x1F97A),  # 🥰 🥺
    (0x1F44A, 0x1F450),  # 👊 👋 👌 👍 👎 👏 👐
    (0x1F493, 0x1F49F),  # 💓 … 💟
    (0x1F337, 0x1F33C),  # 🌷 🌸 🌹 🌺 🌻 🌼
    (0x1F380, 0x1F38A),  # 🎀 🎁 🎉 🎊
]
SINGLE = [
    0x2764, 0x1F9E1, 0x1F90D, 0x1F90E, 0x1F490, 0x1F4AA, 0x1F4E6, 0x1F69A, 0x1F4B0, 0x1F4B8,
    0x1F4AF, 0x1F525, 0x2B50, 0x1F31F, 0x2728, 0x2705, 0x274C, 0x2757, 0x2753, 0x1F6D2, 0x1F4F1,
    0x1F4DE, 0x23F0, 0x231B, 0x1F4E2, 0x1F44C, 0x1F618, 0x1F495, 0xFE0F, 0x200D,
]  # fmt: skip


def main(source: str) -> int:
    codepoints = {code for low, high in RANGES for code in range(low, high + 1)} | set(SINGLE)
    font = TTFont(source)
    options = subset.Options()
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(OUTPUT)
    print(f"{OUTPUT}: {OUTPUT.stat().st_size // 1024} KiB, {len(codepoints)} code points")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
