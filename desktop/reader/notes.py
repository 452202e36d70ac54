"""Notes beside the reader: the open file's notes in a list, and their spans to paint on the page.

The list is the notes package's `DocumentNotesModel` (one file's live notes in reading order).
Clicking a note emits `note_chosen(Note)` (the reader shows its page and selects its quote);
double-clicking or Enter asks the notes controller to edit it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from desktop.hit_pages import Span
from desktop.notes.model import DocumentNotesModel, NotesModel


def note_spans(notes, page: int | None = None) -> list[Span]:
    """The spans of anchored (not orphaned) notes, on one page or on all."""
    return [Span(n.anchor.page, n.anchor.start, n.anchor.end) for n in notes
            if not n.orphaned and (page is None or n.anchor.page == page)]


class DocumentNotesPanel(QWidget):
    """The notes of the file open in the reader."""

    note_chosen = Signal(object)  # Note

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("documentNotes")
        self.controller = controller
        self.model = DocumentNotesModel(controller, "", self)
        self.heading = QLabel()
        self.view = QTreeView()
        self.view.setObjectName("documentNotesList")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column in (NotesModel.DOCUMENT, NotesModel.AUTHOR, NotesModel.UPDATED, NotesModel.TAGS):
            self.view.setColumnHidden(column, True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NotesModel.BODY, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(NotesModel.QUOTE, 130)
        header.resizeSection(NotesModel.STANCE, 56)
        header.resizeSection(NotesModel.PAGE, 40)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_heading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        self._update_heading()

    def set_file(self, file_sha256: str) -> None:
        """List the notes of another file."""
        self.model.set_file(file_sha256)

    def notes(self) -> list:
        """The notes listed, in reading order."""
        return [self.model.note_at(row) for row in range(self.model.rowCount())]

    def _update_heading(self, *_args) -> None:
        count = self.model.rowCount()
        self.heading.setText(self.tr("本文件的笔记（{count}）").format(count=count) if count
                             else self.tr("本文件还没有笔记：选中文字后按 Ctrl+N 添加"))

    def _clicked(self, index: QModelIndex) -> None:
        note = index.data(NotesModel.NoteRole)
        if note is not None:
            self.note_chosen.emit(note)

    def _activated(self, index: QModelIndex) -> None:
        note = index.data(NotesModel.NoteRole)
        if note is not None:
            self.controller.request_edit(note.id)
