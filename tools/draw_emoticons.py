"""Draws the 旺旺-like emoticon set as SVG files in assets/emoticons/ (our own drawings, no third-party art).

    python tools/draw_emoticons.py
Each file is named after its code: [微笑] → 微笑.svg.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "assets" / "emoticons"
FACE = '<circle cx="32" cy="32" r="28" fill="#ffcc33" stroke="#e0a000" stroke-width="2"/>'
EYES = '<circle cx="22" cy="26" r="3.5" fill="#5a3a00"/><circle cx="42" cy="26" r="3.5" fill="#5a3a00"/>'
SMILE = '<path d="M18 38 Q32 50 46 38" stroke="#5a3a00" stroke-width="3" fill="none" stroke-linecap="round"/>'

DRAWINGS = {
    "微笑": FACE + EYES + SMILE,
    "呲牙": FACE
    + EYES
    + '<path d="M16 36 Q32 56 48 36 Z" fill="#fff" stroke="#5a3a00" stroke-width="2.5"/>'
    + '<line x1="17" y1="40" x2="47" y2="40" stroke="#5a3a00" stroke-width="1.5"/>',
    "害羞": FACE
    + '<path d="M17 27 Q22 23 27 27" stroke="#5a3a00" stroke-width="3" fill="none"/>'
    + '<path d="M37 27 Q42 23 47 27" stroke="#5a3a00" stroke-width="3" fill="none"/>'
    + '<ellipse cx="17" cy="37" rx="6" ry="3.5" fill="#ff7a8a"/><ellipse cx="47" cy="37" rx="6" ry="3.5" fill="#ff7a8a"/>'
    + '<path d="M26 42 Q32 46 38 42" stroke="#5a3a00" stroke-width="2.5" fill="none"/>',
    "流泪": FACE
    + EYES
    + '<path d="M20 44 Q32 36 44 44" stroke="#5a3a00" stroke-width="3" fill="none"/>'
    + '<path d="M20 31 Q17 40 20 44 Q23 40 20 31 Z" fill="#3aa0ff"/><path d="M44 31 Q41 40 44 44 Q47 40 44 31 Z" fill="#3aa0ff"/>',
    "加油": FACE
    + '<rect x="8" y="12" width="48" height="8" rx="3" fill="#e53935"/>'
    + EYES
    + '<path d="M22 40 L42 40 Q40 50 32 50 Q24 50 22 40 Z" fill="#5a3a00"/>',
    "爱心": '<path d="M32 54 C8 38 6 22 18 14 C26 9 31 14 32 19 C33 14 38 9 46 14 C58 22 56 38 32 54 Z" '
    'fill="#ff3b5c" stroke="#c2002a" stroke-width="2"/>',
    "玫瑰": '<path d="M32 36 L32 60" stroke="#2e8b3a" stroke-width="3"/>'
    '<path d="M32 50 Q22 44 18 48 Q24 54 32 50 Z" fill="#2e8b3a"/>'
    '<circle cx="32" cy="24" r="14" fill="#e5243b"/>'
    '<path d="M24 22 Q32 12 40 22 Q32 30 24 22 Z" fill="#b0001c"/>',
    "抱拳": '<rect x="14" y="20" width="20" height="26" rx="8" fill="#ffcc99" stroke="#c98a4b" stroke-width="2"/>'
    '<rect x="28" y="16" width="22" height="30" rx="9" fill="#ffd9b3" stroke="#c98a4b" stroke-width="2"/>'
    '<path d="M33 24 L45 24 M33 31 L45 31 M33 38 L45 38" stroke="#c98a4b" stroke-width="2"/>',
    "握手": '<path d="M6 34 L22 22 L34 28 L46 20 L58 32 L40 48 Q34 52 28 46 Z" fill="#ffcc99" stroke="#c98a4b" '
    'stroke-width="2"/><path d="M26 34 L34 42 M30 30 L40 40 M36 27 L45 36" stroke="#c98a4b" stroke-width="2"/>',
    "OK": '<circle cx="24" cy="24" r="9" fill="none" stroke="#c98a4b" stroke-width="6"/>'
    '<circle cx="24" cy="24" r="9" fill="none" stroke="#ffcc99" stroke-width="3"/>'
    '<rect x="30" y="12" width="8" height="30" rx="4" fill="#ffcc99" stroke="#c98a4b" stroke-width="2"/>'
    '<rect x="38" y="16" width="8" height="28" rx="4" fill="#ffcc99" stroke="#c98a4b" stroke-width="2"/>'
    '<rect x="22" y="34" width="26" height="22" rx="8" fill="#ffcc99" stroke="#c98a4b" stroke-width="2"/>',
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, body in DRAWINGS.items():
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">{body}</svg>\n'
        (OUT / f"{name}.svg").write_text(svg, encoding="utf-8")
    print(f"{len(DRAWINGS)} emoticons in {OUT}")


if __name__ == "__main__":
    main()
