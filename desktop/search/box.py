"""The search box: Enter searches, Esc clears, completion from the history and the library's words.

The completion list is brought up to date when the user next edits the text (`textEdited`
comes before the completer filters) or `words` is read, not when the history changes: Enter
would otherwise rebuild a list of thousands of words while the search it started waits for
the interpreter.
"""

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
        # Each example finds something in the built-in demo library (tests/gui/test_search_box.py).
        self.setPlaceholderText(self.tr("检索全文，如：数据 安全　\"开放共享\"　标题:情报　年份:2025"))
        self._history: list[str] = []
        self._vocabulary: list[str] = []
        self._stale = False
        self._words = QStringListModel(self)
        completer = QCompleter(self._words, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.returnPressed.connect(self._submit)
        self.textEdited.connect(self._refresh_words)  # typed, pasted or input-method text, before completing

    @property
    def words(self) -> QStringListModel:
        """What the completer offers: the history, then the library's words (up to date)."""
        self._refresh_words()
        return self._words

    def set_history(self, history: list[str]) -> None:
        """Past queries, most recent first; offered before the library's words."""
        self._history = list(history)
        self._stale = True

    def set_vocabulary(self, words: list[str]) -> None:
        """Keywords, authors, sources and titles of the open library."""
        self._vocabulary = list(words)
        self._stale = True

    def _refresh_words(self) -> None:
        if self._stale:
            self._stale = False
            self._words.setStringList(list(dict.fromkeys(self._history + self._vocabulary)))

    def _submit(self) -> None:
        popup = self.completer().popup()
        if popup is not None and popup.isVisible():
            popup.hide()
        text = self.text().strip()
        if text:
            self.submitted.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer().popup()
        if event.key() == Qt.Key.Key_Escape and not (popup is not None and popup.isVisible()):
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)
