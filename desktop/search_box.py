"""The search box: Enter searches, Esc clears, completion from the history and the library's words."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


class SearchBox(QLineEdit):
    """A line edit that emits `submitted(text)` on Enter and clears itself on Esc."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("检索全文，如：科技安全 风险　\"新安全格局\"　标题:数据　年份:2020-2024"))
        self._history: list[str] = []
        self._vocabulary: list[str] = []
        self.words = QStringListModel(self)
        completer = QCompleter(self.words, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.returnPressed.connect(self._submit)

    def set_history(self, history: list[str]) -> None:
        """Past queries, most recent first; offered before the library's words."""
        self._history = list(history)
        self._refresh_words()

    def set_vocabulary(self, words: list[str]) -> None:
        """Keywords, authors, sources and titles of the open library."""
        self._vocabulary = list(words)
        self._refresh_words()

    def _refresh_words(self) -> None:
        self.words.setStringList(list(dict.fromkeys(self._history + self._vocabulary)))

    def _submit(self) -> None:
        popup = self.completer().popup()
        if popup.isVisible():
            popup.hide()
        text = self.text().strip()
        if text:
            self.submitted.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self.completer().popup().isVisible():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)
