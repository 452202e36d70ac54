"""The outline tree of the panel: drag to reorder, edit headings, commentary and notes in place.

Headings are edited in a line, commentary and notes in a few lines of plain text (Ctrl+Enter
or leaving the field saves, Esc cancels). Delete removes the selected section or item (a note
row: the note is no longer shown with its quotation; the note itself stays). Double-click on
a quotation asks to read it in its source (`open_requested(DigestItem)`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QPlainTextEdit,
    QStyledItemDelegate,
    QTreeView,
    QWidget,
)

from desktop.digest.outline_model import NOTE, SECTION, OutlineModel
from desktop.table_model import AnyIndex
from userdata.digest.model import COMMENTARY

MULTILINE = (COMMENTARY, NOTE)


class OutlineDelegate(QStyledItemDelegate):
    """A plain-text box of a few lines for commentary and notes; the default line edit for headings."""

    def createEditor(self, parent: QWidget, option, index: AnyIndex) -> QWidget:
        if index.data(OutlineModel.KindRole) in MULTILINE:
            editor = QPlainTextEdit(parent)
            editor.setObjectName("outlineTextEditor")
            editor.setTabChangesFocus(True)
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: AnyIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option, index: AnyIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            rect = QRect(option.rect)
            rect.setHeight(max(rect.height() * 4, 96))
            editor.setGeometry(rect)
        else:
            super().updateEditorGeometry(editor, option, index)

    def eventFilter(self, editor, event) -> bool:
        if (isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)


class OutlineView(QTreeView):
    """Sections → items → notes of the current digest."""

    open_requested = Signal(object)  # DigestItem to read in its source
    remove_requested = Signal()
    edit_note_requested = Signal(str)  # note id, for the full notes editor

    def __init__(self, model: OutlineModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("digestOutline")
        self.outline_model = model
        self.setModel(model)
        self.setItemDelegate(OutlineDelegate(self))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setIndentation(16)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.doubleClicked.connect(self._double_clicked)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_requested)
        model.modelReset.connect(self.expandAll)
        model.rowsInserted.connect(self._expand_inserted)

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            self.expand(parent)
        for row in range(first, last + 1):
            self.expand(self.model().index(row, 0, parent))

    def dropEvent(self, event) -> None:
        """Drop, then keep the moved row selected (a move to another section makes a new row)."""
        moved = OutlineModel.dragged(event.mimeData())
        super().dropEvent(event)
        if moved:
            self.select(self.outline_model.index_of(moved.get("id", ""), SECTION if moved.get("kind") == SECTION else None))

    def select(self, index: QModelIndex) -> None:
        """Make a row current and show it."""
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.data(OutlineModel.KindRole) in ("quote", "abstract"):
            self.open_requested.emit(index.data(OutlineModel.ItemRole))

    def _menu(self, pos) -> None:
        index = self.indexAt(pos)
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        kind = index.data(OutlineModel.KindRole)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if kind in (SECTION, COMMENTARY, NOTE):
            menu.addAction(self.tr("编辑"), self._edit_current)
        if kind in ("quote", "abstract"):
            menu.addAction(self.tr("阅读原文"), self._open_current)
        if kind == NOTE:
            menu.addAction(self.tr("在笔记编辑器中打开"), self._edit_note)
            menu.addAction(self.tr("不在摘编中显示此笔记"), self.remove_requested.emit)
        else:
            menu.addAction(self.tr("从摘编中移除"), self.remove_requested.emit)
        menu.popup(self.viewport().mapToGlobal(pos))

    def _edit_current(self) -> None:
        self.edit(self.currentIndex())

    def _open_current(self) -> None:
        self._double_clicked(self.currentIndex())

    def _edit_note(self) -> None:
        self.edit_note_requested.emit(self.currentIndex().data(OutlineModel.IdRole))
