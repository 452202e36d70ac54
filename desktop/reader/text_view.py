"""The extracted text of a document, page after page, with the hit highlighted and selectable.

Positions in the widget are UTF-16 code units (Qt) over the joined pages; `TextMap` turns
them into (page, offset in the page's text, Python characters) and back, so a selection
here gives the same offsets as one on the rendered page.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from desktop.hit_pages import Span

HIT_COLOR = QColor(255, 243, 200)  # the hit's passage: a light tint
WORD_COLOR = QColor(255, 196, 64)  # the query's words in it
NOTE_COLOR = QColor(190, 235, 190)


def u16(text: str) -> int:
    """The length of `text` in UTF-16 code units (characters beyond the BMP count two)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class TextMap:
    """Where each page's text starts in the joined document text, in UTF-16 units."""

    pages: list[int]  # page numbers in order
    starts: list[int]  # Qt position of each page's first character
    texts: list[str]

    @classmethod
    def build(cls, pages: dict[int, str], heading) -> tuple[TextMap, str]:
        """The joined text (a heading line before each page) and its map."""
        parts, starts, at = [], [], 0
        for page in sorted(pages):
            head = heading(page) + "\n"
            parts.append(head)
            at += u16(head)
            starts.append(at)
            body = pages[page] + "\n\n"
            parts.append(body)
            at += u16(body)
        return cls(sorted(pages), starts, [pages[p] for p in sorted(pages)]), "".join(parts)

    def position(self, page: int, offset: int) -> int | None:
        """The Qt position of character `offset` of `page`."""
        if page not in self.pages:
            return None
        i = self.pages.index(page)
        return self.starts[i] + u16(self.texts[i][:offset])

    def locate(self, position: int) -> tuple[int, int] | None:
        """(page, character offset) of a Qt position; None in a page heading."""
        i = bisect.bisect_right(self.starts, position) - 1
        if i < 0:
            return None
        text, units = self.texts[i], position - self.starts[i]
        offset = 0
        while offset < len(text) and units > 0:
            units -= 2 if ord(text[offset]) > 0xFFFF else 1
            offset += 1
        return self.pages[i], offset


class DocumentTextView(QPlainTextEdit):
    """Read-only text of the document; emits `selection_changed(page, start, end)` (start == end: none)."""

    selection_changed = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("documentText")
        self.setReadOnly(True)
        self.setTextInteractionFlags(self.textInteractionFlags())
        self.map = TextMap([], [], [])
        self._hits: list[QTextEdit.ExtraSelection] = []
        self._words: list[QTextEdit.ExtraSelection] = []
        self._notes: list[QTextEdit.ExtraSelection] = []
        self.selectionChanged.connect(self._selection_changed)

    def set_pages(self, pages: dict[int, str]) -> None:
        """Show these pages' texts."""
        self.map, text = TextMap.build(pages, lambda n: self.tr("—— 第 {page} 页 ——").format(page=n))
        self._hits, self._words, self._notes = [], [], []
        self.setPlainText(text)

    def _selections(self, spans: list[Span], color: QColor) -> list[QTextEdit.ExtraSelection]:
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        selections = []
        for span in spans:
            begin, end = self.map.position(span.page, span.start), self.map.position(span.page, span.end)
            if begin is None or end is None:
                continue
            cursor = QTextCursor(self.document())
            cursor.setPosition(begin)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        return selections

    def mark_notes(self, spans: list[Span]) -> None:
        """Mark the quotes of the document's notes (over the hit, so a note inside it shows)."""
        self._notes = self._selections(spans, NOTE_COLOR)
        self.setExtraSelections(self._hits + self._words + self._notes)

    def highlight(self, spans: list[Span], words: list[Span] | None = None) -> None:
        """Mark the spans as the hit (tinted), the query's `words` in it strongly; scroll to the first word."""
        self._hits = self._selections(spans, HIT_COLOR)
        self._words = self._selections(words or [], WORD_COLOR)
        self.setExtraSelections(self._hits + self._words + self._notes)
        selections = self._words or self._hits
        if selections:
            cursor = QTextCursor(selections[0].cursor)
            cursor.setPosition(selections[0].cursor.selectionEnd())
            self.setTextCursor(cursor)
            cursor.setPosition(selections[0].cursor.selectionStart())
            self.setTextCursor(cursor)
            self.centerCursor()

    def highlighted_text(self) -> str:
        """The text currently marked as the hit."""
        return "".join(s.cursor.selectedText() for s in self._hits)

    def highlighted_words(self) -> list[str]:
        """The query's words marked in the hit."""
        return [s.cursor.selectedText() for s in self._words]

    def select_span(self, page: int, start: int, end: int) -> None:
        """Select characters `start`..`end` of `page` (as the mouse would)."""
        begin, finish = self.map.position(page, start), self.map.position(page, end)
        if begin is None or finish is None:
            return
        cursor = self.textCursor()
        cursor.setPosition(begin)
        cursor.setPosition(finish, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def selected_span(self) -> Span | None:
        """The selection as a span of one page (clipped to the page it starts on)."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        first = self.map.locate(cursor.selectionStart())
        last = self.map.locate(cursor.selectionEnd())
        if first is None:
            return None
        page, start = first
        if last is None or last[0] != page:
            end = len(self.map.texts[self.map.pages.index(page)])
        else:
            end = last[1]
        end = min(end, len(self.map.texts[self.map.pages.index(page)]))
        return Span(page, start, end) if end > start else None

    def _selection_changed(self) -> None:
        span = self.selected_span()
        if span is None:
            self.selection_changed.emit(0, 0, 0)
        else:
            self.selection_changed.emit(span.page, span.start, span.end)
