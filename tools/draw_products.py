"""Draws the product pictures of the scenarios as SVG files in assets/products/ (our own drawings).

    python tools/draw_products.py
A scenario names its picture with `picture: <file>.svg`.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "assets" / "products"

DRAWINGS = {
    "cardigan": '<path d="M40 30 L64 22 L88 30 L108 52 L98 62 L88 54 L88 106 L40 106 L40 54 L30 62 L20 52 Z" fill="#d9c7a7" stroke="#8a7350" stroke-width="3"/><path d="M64 22 L64 106" stroke="#8a7350" stroke-width="3"/><circle cx="70" cy="50" r="3" fill="#8a7350"/><circle cx="70" cy="66" r="3" fill="#8a7350"/><circle cx="70" cy="82" r="3" fill="#8a7350"/>',
    "suitcase": '<rect x="30" y="34" width="68" height="78" rx="10" fill="#3b82f6" stroke="#1e40af" stroke-width="3"/><path d="M50 34 L50 20 L78 20 L78 34" fill="none" stroke="#1e40af" stroke-width="5"/><path d="M46 48 L46 98 M64 48 L64 98 M82 48 L82 98" stroke="#1e40af" stroke-width="3"/><circle cx="42" cy="116" r="5" fill="#333"/><circle cx="86" cy="116" r="5" fill="#333"/>',
    "tshirt": '<path d="M44 20 L56 26 Q64 32 72 26 L84 20 L110 38 L100 56 L88 50 L88 108 L40 108 L40 50 L28 56 L18 38 Z" fill="#f8fafc" stroke="#64748b" stroke-width="3"/>',
    "cup": '<path d="M36 30 L92 30 L86 108 Q64 116 42 108 Z" fill="#e0f2fe" stroke="#0284c7" stroke-width="3"/><path d="M92 46 Q112 50 108 70 Q104 86 88 84" fill="none" stroke="#0284c7" stroke-width="4"/><path d="M44 44 L84 44" stroke="#7dd3fc" stroke-width="3"/>',
    "shoe": '<path d="M14 84 Q18 62 34 60 L54 58 Q60 44 72 50 L86 62 Q110 68 114 86 L114 96 L14 96 Z" fill="#5b3a1e" stroke="#2d1b0d" stroke-width="3"/><path d="M14 96 L114 96 L114 104 L14 104 Z" fill="#222"/><path d="M60 62 L74 58 M64 68 L78 64" stroke="#e5d3b3" stroke-width="2"/>',
    "coat": '<path d="M42 18 L64 28 L86 18 L106 40 L98 112 L30 112 L22 40 Z" fill="#c19a6b" stroke="#7a5a36" stroke-width="3"/><path d="M64 28 L64 112" stroke="#7a5a36" stroke-width="3"/><path d="M50 22 L64 48 L78 22" fill="none" stroke="#7a5a36" stroke-width="3"/><circle cx="58" cy="64" r="3" fill="#7a5a36"/><circle cx="58" cy="84" r="3" fill="#7a5a36"/>',
    "dress": '<path d="M48 16 L56 16 L64 28 L72 16 L80 16 L82 44 L104 112 L24 112 L46 44 Z" fill="#166534" stroke="#0b3d1f" stroke-width="3"/><path d="M46 44 L82 44" stroke="#86efac" stroke-width="3"/>',
    "tea": '<rect x="20" y="44" width="88" height="64" rx="6" fill="#15803d" stroke="#14532d" stroke-width="3"/><rect x="20" y="36" width="88" height="14" rx="4" fill="#b45309" stroke="#78350f" stroke-width="3"/><path d="M64 58 Q84 70 64 96 Q44 70 64 58 Z" fill="#bbf7d0"/><path d="M64 60 L64 94" stroke="#15803d" stroke-width="2"/>',
    "kettle": '<path d="M36 44 Q36 34 64 34 Q92 34 92 44 L98 104 L30 104 Z" fill="#f1f5f9" stroke="#475569" stroke-width="3"/><path d="M92 52 Q114 56 110 78 Q106 92 96 92" fill="none" stroke="#475569" stroke-width="5"/><path d="M36 50 L18 40" stroke="#475569" stroke-width="5"/><rect x="26" y="104" width="76" height="10" rx="3" fill="#334155"/><circle cx="64" cy="30" r="5" fill="#475569"/>',
    "jeans": '<path d="M36 16 L92 16 L98 112 L70 112 L64 50 L58 112 L30 112 Z" fill="#1d4ed8" stroke="#1e3a8a" stroke-width="3"/><path d="M36 26 L92 26" stroke="#93c5fd" stroke-width="2"/>',
    "down_jacket": '<path d="M42 20 L64 28 L86 20 L108 44 L100 112 L28 112 L20 44 Z" fill="#1e3a5f" stroke="#0f1f33" stroke-width="3"/><path d="M26 56 L102 56 M25 74 L103 74 M24 92 L104 92" stroke="#3b5f8a" stroke-width="3"/><path d="M64 28 L64 112" stroke="#0f1f33" stroke-width="3"/><path d="M44 20 Q64 4 84 20" fill="none" stroke="#0f1f33" stroke-width="4"/>',
    "parcel": '<path d="M20 40 L64 20 L108 40 L108 92 L64 112 L20 92 Z" fill="#d6a461" stroke="#8a5a22" stroke-width="3"/><path d="M20 40 L64 60 L108 40 M64 60 L64 112" stroke="#8a5a22" stroke-width="3" fill="none"/>',
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, body in DRAWINGS.items():
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">{body}</svg>\n'
        (OUT / f"{name}.svg").write_text(svg, encoding="utf-8")
    print(f"{len(DRAWINGS)} product pictures in {OUT}")


if __name__ == "__main__":
    main()
