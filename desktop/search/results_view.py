"""The results list: a tree view whose rows are painted as rich text (titles, highlighted snippets).

Time to the first results painted is what matters here, so the view does as little as it can
before that paint: each row's text is parsed and laid out once (`HtmlDelegate`), a row's
height is then a lookup, the vertical scroll bar is always shown (one that comes and goes
changes the text width, and every row would be laid out again), and the documents of the
rows a new search replaced are freed after the new rows are painted, not before.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QMouseEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from desktop.search.results_model import PassageRef, ResultsModel
from desktop.table_model import AnyIndex
from indexer.search.results import Hit

PADDING = 6
CE_ITEM = QStyle.ControlElement.CE_ItemViewItem
SELECTED = QStyle.StateFlag.State_Selected
TEXT, HIGHLIGHTED_TEXT = QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText


class HtmlDelegate(QStyledItemDelegate):
    """Paints `ResultsModel.HtmlRole` as wrapped rich text; a row is as tall as its text at the view's width.

    A row's HTML is parsed into a `QTextDocument` the first time the row is sized or painted,
    laid out again only when the width changes, and its size kept: `QTreeView` asks for the
    height of every row at each re-layout (every streamed chunk), which then costs a lookup.
    Rows are known by ``(internalId, row)``, which `ResultsModel` keeps unique and stable
    until a reset; the view calls `forget_rows()` on reset and `set_viewport_width()` on resize.
    """

    def __init__(self, view: QTreeView):
        super().__init__(view)
        self._view = view
        self._docs: dict[tuple[int, int], QTextDocument] = {}
        self._sizes: dict[tuple[int, int], QSize] = {}
        self._stale: list[dict[tuple[int, int], QTextDocument]] = []
        self._viewport_width = 0

    def forget_rows(self) -> None:
        """The rows were replaced: lay out anew; the old documents wait for `release_stale()`."""
        if self._docs:
            self._stale = [self._docs]  # an older batch, never painted over, goes now
        self._docs, self._sizes = {}, {}

    def release_stale(self) -> None:
        """Free the documents of replaced rows (after the new rows are painted: it takes a while)."""
        self._stale.clear()

    def set_viewport_width(self, width: int) -> bool:
        """The view's text area is now `width` wide; True if that changes the rows' heights."""
        if width == self._viewport_width:
            return False
        self._viewport_width = width
        self._sizes.clear()
        return True

    def _text_width(self, index: AnyIndex) -> int:
        """The width a row's text wraps at: the viewport less the row's indentation."""
        view = self._view
        if not self._viewport_width:
            self._viewport_width = view.viewport().width()
        levels = (1 if index.parent().isValid() else 0) + (1 if view.rootIsDecorated() else 0)
        return max(50, self._viewport_width - view.indentation() * levels)

    def _document(self, index: AnyIndex, font: QFont) -> QTextDocument:
        """The row's text laid out at its width (parsed once, re-laid out when the width changed)."""
        key = (index.internalId(), index.row())
        doc = self._docs.get(key)
        if doc is not None and key in self._sizes:  # sized since the last width change: laid out at this width
            return doc
        if doc is None:
            doc = QTextDocument()
            doc.setDefaultFont(font)
            doc.setDocumentMargin(PADDING)
            doc.setHtml(index.data(ResultsModel.HtmlRole) or "")
            self._docs[key] = doc
        width = self._text_width(index)
        if doc.textWidth() != width:
            doc.setTextWidth(width)
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        key = (index.internalId(), index.row())
        size = self._sizes.get(key)
        if size is None:
            doc = self._document(index, option.font)
            size = self._sizes[key] = QSize(int(doc.idealWidth()), int(doc.size().height()))
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        # The view's option holds the row's rect, state and palette; the model's roles other
        # than HtmlRole are not drawn, so `initStyleOption` (a dozen data() calls) is skipped.
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(CE_ITEM, option, painter, widget)
        doc = self._document(index, option.font)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = HIGHLIGHTED_TEXT if option.state & SELECTED else TEXT
        context.palette.setColor(TEXT, option.palette.color(role))
        rect = option.rect
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(0, 0, rect.width(), rect.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()


class ResultsView(QTreeView):
    """Documents with their passages, all expanded; activating a row opens it in the reader."""

    passage_activated = Signal(object, object)  # Hit, PassageRef
    first_rows_painted = Signal()  # the first paint showing rows of a new result

    def __init__(self, model: ResultsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resultsView")
        self.setModel(model)
        self.setHeaderHidden(True)
        self.delegate = HtmlDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setIndentation(14)
        self.setRootIsDecorated(False)
        self.setExpandsOnDoubleClick(False)
        self.setAlternatingRowColors(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # a steady text width
        self._painted = False
        model.rowsInserted.connect(self._expand_inserted)
        model.modelAboutToBeReset.connect(self.delegate.forget_rows)
        model.modelReset.connect(self._reset_painted)
        model.modelReset.connect(self.scrollToTop)  # a new answer starts at its first title
        self.first_rows_painted.connect(model.continue_streaming)
        self.activated.connect(self._activate)
        self.clicked.connect(self._activate)

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        for row in range(first, last + 1):
            self.expand(self.model().index(row, 0))

    def _reset_painted(self) -> None:
        self._painted = False

    def _activate(self, index: QModelIndex) -> None:
        hit: Hit | None = index.data(ResultsModel.HitRole)
        if hit is None:
            return
        ref: PassageRef | None = index.data(ResultsModel.PassageRole)
        if ref is None:  # a document row opens its best passage
            ref = self.model().index(0, 0, index).data(ResultsModel.PassageRole)
        self.passage_activated.emit(hit, ref)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A right click selects a row (for its menu) and, like a left click, opens it in the reader."""
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.RightButton:
            index = self.indexAt(event.position().toPoint())
            if index.isValid():
                self._activate(index)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted and self.model().rowCount():
            self._painted = True
            self.first_rows_painted.emit()
            QTimer.singleShot(0, self.delegate.release_stale)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.delegate.set_viewport_width(self.viewport().width()):
            self.scheduleDelayedItemsLayout()  # wrapped rows change height with the width
