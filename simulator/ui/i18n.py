"""Languages: Chinese first (the source strings), English through Qt translations (.ts → .qm).

The .qm files are built from assets/i18n/*.ts by `make` (pyside6-lrelease); the choice is kept in
QSettings so the next start opens in the same language.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from simulator.locations import assets_dir

I18N_DIR = assets_dir() / "i18n"
LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"
SETTINGS_KEY = "ui/language"


def settings() -> QSettings:
    return QSettings("wangdian-kefu", "simulator")


def saved_language() -> str:
    value = settings().value(SETTINGS_KEY, DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def install_language(app: QApplication, language: str) -> bool:
    """Switch the app's translators; returns False when the translation file is missing."""
    for translator in getattr(app, "_simulator_translators", []):
        app.removeTranslator(translator)
    installed: list[QTranslator] = []
    app._simulator_translators = installed  # type: ignore[attr-defined]
    ours = None
    if language != DEFAULT_LANGUAGE:
        ours = QTranslator(app)
        if not ours.load(str(I18N_DIR / f"simulator_{language}.qm")):
            return False
    # Qt's own dialogs (file, message box, Yes/No) speak the same language, Chinese included.
    qt_own = QTranslator(app)
    if qt_own.load(
        QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    if ours is not None:
        app.installTranslator(ours)
        installed.append(ours)
    return True
