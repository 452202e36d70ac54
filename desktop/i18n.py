"""Interface language: Qt translators for Hanlin's strings and Qt's own (dialog buttons…).

Hanlin's source strings are Chinese (`self.tr("检索")`), so Chinese needs no translation of
them; `resources/translations/hanlin_<lang>.qm` (compiled from the `.ts` files by
`resources/translations/build.py`) supplies the others. Qt's own strings come from the
`qtbase_<lang>.qm` shipped with PySide6.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.resources import TRANSLATIONS_DIR

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for `language` on `app`; returns them (keep them alive)."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"hanlin_{language}", str(TRANSLATIONS_DIR))):
        translator = QTranslator(app)
        if Path(folder, name + ".qm").is_file() and translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    QLocale.setDefault(QLocale(language))
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo `install_translators`."""
    for translator in translators:
        app.removeTranslator(translator)
