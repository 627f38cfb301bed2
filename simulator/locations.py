"""Where the content and assets are: the checkout when run from one, else what `pip install .` put in
``<prefix>/share/wangdian-kefu-simulator`` (pyproject.toml's data-files)."""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "wangdian-kefu-simulator"
_MARKER = Path("catalogue") / "techniques.yaml"


def content_root() -> Path:
    """The folder holding catalogue/, personas/, scenarios/, rubrics/ and assets/."""
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / _MARKER).exists():
        return checkout
    for prefix in (sys.prefix, sys.base_prefix):
        installed = Path(prefix) / "share" / APP_NAME
        if (installed / _MARKER).exists():
            return installed
    return checkout  # nothing found: the loaders report the missing files by name


def assets_dir() -> Path:
    return content_root() / "assets"
