"""The results list: a tree view whose rows are painted as rich text (titles, highlighted snippets)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from desktop.results_model import PassageRef, ResultsModel
from indexer.search import Hit

PADDING = 6


class HtmlDelegate(QStyledItemDelegate):
    """Paints `ResultsModel.HtmlRole` as wrapped rich text; rows grow to fit the view's width.

    Laid-out documents are kept per row and width (sizing and painting need the same layout);
    `clear_cache()` must be called when the model is reset.
    """

    CACHE_SIZE = 600

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cache: dict[tuple[int, int, int], QTextDocument] = {}

    def clear_cache(self) -> None:
        """Forget every laid-out row (the rows changed)."""
        self._cache.clear()

    def _width(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
        """The text width of a row: the view's width less the row's indentation (same when sizing and painting)."""
        view = option.widget
        if isinstance(view, QTreeView):
            depth = 1 if index.parent().isValid() else 0
            levels = depth + (1 if view.rootIsDecorated() else 0)
            return max(50, view.viewport().width() - view.indentation() * levels)
        return max(50, option.rect.width())

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        width = self._width(option, index)
        key = (index.internalId(), index.row(), width)
        doc = self._cache.get(key)
        if doc is None:
            if len(self._cache) >= self.CACHE_SIZE:
                self._cache.clear()
            doc = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setDocumentMargin(PADDING)
            doc.setHtml(index.data(ResultsModel.HtmlRole) or "")
            doc.setTextWidth(width)
            self._cache[key] = doc
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


class ResultsView(QTreeView):
    """Documents with their passages, all expanded; activating a row opens it in the reader."""

    passage_activated = Signal(object, object)  # Hit, PassageRef
    first_rows_painted = Signal()

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
        self._painted_rows = 0
        model.rowsInserted.connect(self._expand_inserted)
        model.modelAboutToBeReset.connect(self.delegate.clear_cache)
        model.modelReset.connect(self._reset_painted)
        self.activated.connect(self._activate)
        self.clicked.connect(self._activate)

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        for row in range(first, last + 1):
            self.expand(self.model().index(row, 0))

    def _reset_painted(self) -> None:
        self._painted_rows = 0

    def _activate(self, index: QModelIndex) -> None:
        hit: Hit | None = index.data(ResultsModel.HitRole)
        if hit is None:
            return
        ref: PassageRef | None = index.data(ResultsModel.PassageRole)
        if ref is None:  # a document row opens its best passage
            ref = self.model().index(0, 0, index).data(ResultsModel.PassageRole)
        self.passage_activated.emit(hit, ref)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        rows = self.model().rowCount()
        if rows and not self._painted_rows:
            self._painted_rows = rows
            self.first_rows_painted.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # wrapped rows change height with the width
