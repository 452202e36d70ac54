"""One page rendered (a PDF's with QtPdf, an OFD's painted by `desktop.reader.ofd_render`), with the hit painted over it (its passage tinted, the query's
words strong) and mouse selection.

Coordinates: `indexer.extract.locate` gives boxes in PDF points with the origin at the top left;
the canvas maps them to pixels by the zoom (pixels per point). Selecting with the mouse
picks the characters whose boxes lie between the press and the release point in reading
order, so a selection is always a span of the page's text.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop.reader.ofd_render import render_page
from indexer.errors import ExtractionError
from indexer.extract.layout import Box
from indexer.extract.ofd import OfdDocument
from indexer.fileformats import PAGED, format_of

PASSAGE_COLOR = QColor(255, 214, 0, 45)  # the hit's passage: a light tint
WORD_COLOR = QColor(255, 170, 0, 150)  # the query's words in it: strong
WORD_LINE = QColor(200, 110, 0)
SELECTION_COLOR = QColor(40, 120, 255, 90)
NOTE_COLOR = QColor(60, 170, 60, 80)
NOTE_LINE = QColor(30, 130, 30)
POINTS_PER_INCH = 72.0


class PageCanvas(QWidget):
    """Paints one rendered page, the highlight rectangles and the selection."""

    selection_changed = Signal(int, int)  # start, end in the page's text (equal: nothing selected)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageCanvas")
        self.image = QImage()
        self.page_size = QSizeF()  # points
        self.zoom = 1.0
        self.highlights: list[Box] = []
        self.word_rects: list[Box] = []
        self.note_rects: list[Box] = []
        self.boxes: list[Box | None] = []
        self.selection = (0, 0)
        self._anchor: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.IBeamCursor)

    def set_page(self, image: QImage, page_size: QSizeF, zoom: float) -> None:
        """Show a rendered page of `page_size` points at `zoom` pixels per point."""
        self.image, self.page_size, self.zoom = image, page_size, zoom
        self.resize(self.sizeHint())
        self.update()

    def set_boxes(self, boxes: list[Box | None]) -> None:
        """The page's character boxes (empty: no text layer); clears the selection."""
        self.boxes = boxes
        self.selection = (0, 0)
        self.update()

    def set_highlights(self, rects: list[Box], words: list[Box] | None = None) -> None:
        """Rectangles (points) to paint as the hit: its passage (`rects`, tinted) and the query's words in it."""
        self.highlights = list(rects)
        self.word_rects = list(words or [])
        self.update()

    def set_note_rects(self, rects: list[Box]) -> None:
        """Rectangles (points) of the notes' quotes on this page."""
        self.note_rects = list(rects)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(round(self.page_size.width() * self.zoom), round(self.page_size.height() * self.zoom))

    def to_pixels(self, box: Box) -> QRectF:
        """A box in points as a rectangle in widget pixels."""
        x0, top, x1, bottom = box
        return QRectF(x0 * self.zoom, top * self.zoom, (x1 - x0) * self.zoom, (bottom - top) * self.zoom)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self.image.isNull():
            painter.drawImage(QRectF(self.rect()), self.image)
        painter.setPen(Qt.PenStyle.NoPen)
        for rect in self.highlights:
            painter.fillRect(self.to_pixels(rect).adjusted(-1, -1, 1, 1), PASSAGE_COLOR)
        for rect in self.word_rects:
            area = self.to_pixels(rect).adjusted(-1, -1, 1, 1)
            painter.fillRect(area, WORD_COLOR)
            painter.fillRect(QRectF(area.left(), area.bottom() - 1.5, area.width(), 1.5), WORD_LINE)
        for rect in self.note_rects:  # over the hit, underlined, so a note inside it shows
            area = self.to_pixels(rect).adjusted(-1, 0, 1, 2)
            painter.fillRect(area, NOTE_COLOR)
            painter.fillRect(QRectF(area.left(), area.bottom() - 1.5, area.width(), 1.5), NOTE_LINE)
        start, end = self.selection
        if end > start:
            from indexer.extract.locate import span_rects

            for rect in span_rects(self.boxes, start, end):
                painter.fillRect(self.to_pixels(rect), SELECTION_COLOR)
        painter.end()

    # ------------------------------------------------------------------ selecting

    def char_at(self, pos: QPointF) -> int | None:
        """The index of the character nearest to `pos` (on its line first), or None without text."""
        x, y = pos.x() / self.zoom, pos.y() / self.zoom
        best, best_key = None, None
        for i, box in enumerate(self.boxes):
            if box is None:
                continue
            x0, top, x1, bottom = box
            dy = 0.0 if top <= y <= bottom else min(abs(y - top), abs(y - bottom))
            dx = 0.0 if x0 <= x <= x1 else min(abs(x - x0), abs(x - x1))
            key = (dy, dx)
            if best_key is None or key < best_key:
                best, best_key = i, key
                if key == (0.0, 0.0):
                    break
        chosen = self.boxes[best] if best is not None else None
        if best is not None and chosen is not None:
            x0, _, x1, _ = chosen
            if x > (x0 + x1) / 2:
                best += 1  # past the middle of a character: the boundary after it
        return best

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._anchor = self.char_at(event.position())
            self._select_to(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._anchor is not None:
            self._select_to(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._anchor is not None:
            self._select_to(event.position())
            self._anchor = None
            self.selection_changed.emit(*self.selection)

    def select(self, start: int, end: int) -> None:
        """Select characters `start`..`end` (as a mouse drag would)."""
        self.selection = (min(start, end), max(start, end))
        self.update()
        self.selection_changed.emit(*self.selection)

    def _select_to(self, pos: QPointF) -> None:
        here = self.char_at(pos)
        if self._anchor is None or here is None:
            return
        self.selection = (min(self._anchor, here), max(self._anchor, here))
        self.update()


class PdfPageView(QWidget):
    """A scrollable rendered page with a note above it when the page has no text layer.

    PDF pages are rendered by QtPdf, OFD pages painted from their objects; a file without fixed pages
    (Word, web page, text: `paged` is False) has none to show, and the reader shows its text only.
    """

    resized = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.canvas = PageCanvas()
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("pageScroll")
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setBackgroundRole(QPalette.ColorRole.Dark)
        self.notice = QLabel()
        self.notice.setObjectName("pageNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background:#fff4d6; color:#6b4e00; padding:4px;")
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.scroll_area, 1)
        self.path = ""
        self.page = 0
        self.zoom = 1.25
        self.kind = "pdf"
        self.ofd: OfdDocument | None = None
        self._text_pages = 0

    @property
    def paged(self) -> bool:
        """Whether the loaded file has pages to show (PDF, OFD)."""
        return self.kind in PAGED

    def open(self, path: str, pages: int = 0) -> bool:
        """Load a file (once per file); False if it cannot be read. `pages`: a file without fixed pages has these."""
        kind = format_of(path)
        if path == self.path and kind == self.kind and (
                self.ofd is not None or kind not in PAGED or self.document.status() == QPdfDocument.Status.Ready):
            self._text_pages = pages
            return True
        self._close_ofd()
        self.path, self.kind, self.page, self._text_pages = path, kind, 0, pages
        if kind == "ofd":
            try:
                self.ofd = OfdDocument(path)
            except ExtractionError:
                return False
            return True
        if kind not in PAGED:
            return True
        return self.document.load(path) == QPdfDocument.Error.None_

    def _close_ofd(self) -> None:
        if self.ofd is not None:
            self.ofd.close()
            self.ofd = None

    def page_count(self) -> int:
        """Pages of the loaded file."""
        if self.ofd is not None:
            return self.ofd.pages
        if not self.paged:
            return self._text_pages
        return self.document.pageCount()

    def page_size(self, index: int) -> QSizeF:
        """The size in points of page `index` (0-based)."""
        if self.ofd is not None:
            return QSizeF(*self.ofd.size(index))
        if not self.paged:
            return QSizeF(595.0, 842.0)
        return self.document.pagePointSize(index)

    def show_page(self, page: int, zoom: float | None = None) -> None:
        """Render page `page` (1-based) at `zoom` (default: the current zoom)."""
        self.zoom = zoom or self.zoom
        self.page = page
        size = self.page_size(page - 1)
        dpr = self.devicePixelRatioF()
        pixels = QSize(round(size.width() * self.zoom * dpr), round(size.height() * self.zoom * dpr))
        if self.ofd is not None:
            try:
                image = render_page(self.ofd, page - 1, pixels)
            except ExtractionError:
                image = QImage()  # a page whose content is damaged: shown blank, its text still listed
        elif not self.paged:
            image = QImage()
        else:
            image = self.document.render(page - 1, pixels)
        image.setDevicePixelRatio(dpr)
        self.canvas.set_page(image, size, self.zoom)

    def set_notice(self, text: str) -> None:
        """A note above the page (empty: none)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.resized.emit()

    def scroll_to(self, rects: list[Box]) -> None:
        """Scroll so that the first rectangle is in view, with some room above it."""
        if not rects:
            return
        first = self.canvas.to_pixels(rects[0])
        last = self.canvas.to_pixels(rects[-1])
        bar = self.scroll_area.verticalScrollBar()
        room = self.scroll_area.viewport().height()
        target = first.top() - room * 0.2 if last.bottom() - first.top() > room * 0.6 \
            else (first.top() + last.bottom()) / 2 - room / 2
        bar.setValue(int(max(0, target)))
        self.scroll_area.horizontalScrollBar().setValue(int(max(0, first.left() - 40)))
