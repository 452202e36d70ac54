"""The Notes view: every note of the user, a query box in the library's language, and the editor.

Orphaned notes (quote no longer found in their file) stay listed, marked 【未定位】 with their
quote. Double-click or Enter on a note emits `open_requested(Note)`: the main window opens
the document at the note's passage.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.notes.controller import NotesController
from desktop.notes.editor import NoteEditor
from desktop.notes.model import LibraryNotesModel, NotesFilterProxy, NotesModel
from indexer.errors import QuerySyntaxError

_WIDTHS = {NotesModel.QUOTE: 210, NotesModel.BODY: 230, NotesModel.TAGS: 120, NotesModel.STANCE: 56,
           NotesModel.DOCUMENT: 150, NotesModel.PAGE: 44, NotesModel.AUTHOR: 64}


class NotesView(QWidget):
    """Search and edit notes across the library."""

    open_requested = Signal(object)  # Note whose passage the user wants to read
    QUERY_DELAY_MS = 250

    def __init__(self, controller: NotesController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.model = LibraryNotesModel(controller, self)
        self.proxy = NotesFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.editor = NoteEditor(controller, self)
        self._build()
        self._query_timer = QTimer(self, singleShot=True, interval=self.QUERY_DELAY_MS)
        self._query_timer.timeout.connect(self.apply_query)
        self.box.textChanged.connect(self._query_edited)
        self.box.returnPressed.connect(self.apply_query)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        controller.edit_requested.connect(self.select_note)
        self._update_count()

    def _build(self) -> None:
        self.box = QLineEdit(clearButtonEnabled=True)
        self.box.setObjectName("notesQuery")
        self.box.setPlaceholderText(self.tr("检索笔记：正文、引文、标签，如  数据安全 标签:合规 -立场:风险"))
        self.error = QLabel(wordWrap=True)
        self.error.setObjectName("notesQueryError")
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.hide()
        self.count = QLabel()
        self.count.setObjectName("notesCount")
        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(self.count)

        self.table = QTreeView(rootIsDecorated=False, uniformRowHeights=True, sortingEnabled=True)
        self.table.setObjectName("notesTable")
        self.table.setAlternatingRowColors(True)
        self.table.setModel(self.proxy)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.header()
        header.setStretchLastSection(False)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(NotesModel.BODY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NotesModel.UPDATED, QHeaderView.ResizeMode.ResizeToContents)
        for column in (NotesModel.PAGE, NotesModel.AUTHOR):  # shown in the editor; the list stays readable
            self.table.setColumnHidden(column, True)
        self.table.sortByColumn(NotesModel.UPDATED, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_current)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("notesSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([620, 380])  # scaled to the window: the list gets the larger share
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.splitter, 1)

    # ------------------------------------------------------------------ query

    def _query_edited(self, _text: str) -> None:
        self._query_timer.start()  # a slot, not a lambda: a lambda holding `self` crashes teardown

    def apply_query(self) -> bool:
        """Filter by the query box; a syntax error is shown under it and the list stays as it was."""
        self._query_timer.stop()
        try:
            self.proxy.set_query(self.box.text())
        except QuerySyntaxError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.error.hide()
        self._update_count()
        return True

    def _update_count(self, *_args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = self.tr("共 {0} 条笔记").format(total) if shown == total else \
            self.tr("{0} / {1} 条笔记").format(shown, total)
        self.count.setText(text)

    # ------------------------------------------------------------------ selection

    def select_note(self, note_id: str) -> None:
        """Make a note current (clearing a query that hides it) and open it in the editor."""
        row = self.model.row_of(note_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.box.clear()
            self.apply_query()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self.editor.open_note(note_id)

    def current_note_id(self) -> str | None:
        """The id of the selected note, or None."""
        index = self.table.currentIndex()
        return index.data(NotesModel.IdRole) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        note_id = current.data(NotesModel.IdRole) if current.isValid() else None
        if note_id != (self.editor.note.id if self.editor.note else None):
            self.editor.open_note(note_id)

    def _activated(self, index: QModelIndex) -> None:
        note = index.data(NotesModel.NoteRole)
        if note is not None:
            self.open_requested.emit(note)

    def delete_current(self) -> None:
        """Delete the selected note (undoable)."""
        note_id = self.current_note_id()
        if note_id:
            self.editor.flush()
            self.controller.delete_note(note_id)
