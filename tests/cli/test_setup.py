"""Set-up as a new user meets it: the missing X11 libraries named with their packages, the installed
data found outside a checkout."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from simulator import locations
from tests.conftest import PROJECT_ROOT

spec = importlib.util.spec_from_file_location("check_qt_libs", PROJECT_ROOT / "tools" / "check_qt_libs.py")
assert spec is not None and spec.loader is not None
check_qt_libs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_qt_libs)


def test_missing_qt_libraries_are_named_with_the_install_line(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(check_qt_libs.shutil, "which", lambda name: "/usr/bin/ldd")
    monkeypatch.setattr(
        check_qt_libs,
        "missing_libraries",
        lambda qt: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libfoo.so.2"],
    )
    assert check_qt_libs.main() == 1
    out = capsys.readouterr().out
    assert (
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in out and "apt-file search libfoo.so.2" in out
    )


def test_nothing_missing_or_no_xcb_means_go_ahead(monkeypatch) -> None:
    monkeypatch.setattr(check_qt_libs, "missing_libraries", lambda qt: [])
    assert check_qt_libs.main() == 0
    monkeypatch.setattr(check_qt_libs, "missing_libraries", lambda qt: ["libxcb-icccm.so.4"])
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert check_qt_libs.main() == 0


def test_installed_content_is_found_outside_a_checkout(monkeypatch, tmp_path: Path) -> None:
    assert locations.content_root() == PROJECT_ROOT  # run from the checkout
    site = tmp_path / "venv" / "lib" / "site-packages" / "simulator"
    site.mkdir(parents=True)
    monkeypatch.setattr(locations, "__file__", str(site / "locations.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    shared = tmp_path / "venv" / "share" / locations.APP_NAME
    assert locations.content_root() != shared  # not installed yet: nothing there
    (shared / "catalogue").mkdir(parents=True)
    (shared / "catalogue" / "techniques.yaml").write_text("techniques: []\n", encoding="utf-8")
    assert locations.content_root() == shared and locations.assets_dir() == shared / "assets"


def test_the_wheel_carries_the_content() -> None:
    """pyproject's data-files name every content folder the app loads."""
    text = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/emoticons", "assets/products",
                   "assets/fonts", "assets/theme", "assets/i18n", "assets/models"):  # fmt: skip
        assert f'"share/wangdian-kefu-simulator/{folder}"' in text, folder
