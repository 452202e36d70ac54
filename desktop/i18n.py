"""Interface language: Qt translators for Hanlin's strings and Qt's own (dialog buttons…).

Hanlin's source strings are Chinese (`self.tr("检索")`), so Chinese needs no translation of
them; `resources/translations/hanlin_<lang>.qm` (compiled from the `.ts` files by
`resources/translations/build.py`) supplies the others. Qt's own strings come from the
`qtbase_<lang>.qm` shipped with PySide6, completed where it lacks Qt 6's strings of the
file dialogs and with a few of its words replaced by the usual ones (`QT_WORDING`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from desktop.resources import TRANSLATIONS_DIR

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")

#: Qt's own strings of the file dialogs, by (context, source), that the qtbase catalogue shipped with
#: PySide6 lacks (Qt 6 renamed them: "&Look in:") or words oddly (体积 for a file's size).
QT_WORDING = {
    "zh_CN": {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QFileDialog", "Cancel"): "取消",
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QAbstractFileIconProvider", "Drive"): "驱动器",
        ("QFileSystemModel", "Size"): "大小",
    },
}


class _Wording(QTranslator):
    """Qt's own strings with a few words of its catalogue replaced (installed after it, so asked first)."""

    def __init__(self, words: dict[tuple[str, str], str], parent: QObject | None = None):
        super().__init__(parent)
        self.words = words

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self.words.get((context, source))  # None: not ours, Qt asks the next translator

    def isEmpty(self) -> bool:
        return not self.words


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
    if language in QT_WORDING:
        wording = _Wording(QT_WORDING[language], app)
        app.installTranslator(wording)
        installed.append(wording)
    QLocale.setDefault(QLocale(language))
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo `install_translators`."""
    for translator in translators:
        app.removeTranslator(translator)
