"""Item models of notes: one document's notes, all notes of the user, and a query filter proxy.

Rows are `Note` values; the models follow the controller's signals, inserting, changing
and removing single rows (no resets), so selections and scroll positions survive an edit.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCollator,
    QLocale,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.notes.controller import NotesController
from desktop.table_model import ROOT, AnyIndex, HeaderedTableModel
from desktop.timefmt import local_time
from indexer.search.query import Node
from userdata.notes.search import matches, parse_notes_query
from userdata.notes.store import Note

ORPHAN_COLOUR = QColor("#b45309")


def one_line(text: str, limit: int = 80) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


class NotesModel(HeaderedTableModel):
    """Notes as a table; subclasses choose which notes belong (`accepts`) and their order (`_position`)."""

    QUOTE, BODY, TAGS, STANCE, DOCUMENT, PAGE, AUTHOR, UPDATED = range(8)
    NoteRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    FileRole = Qt.ItemDataRole.UserRole + 3
    PageRole = Qt.ItemDataRole.UserRole + 4
    OrphanRole = Qt.ItemDataRole.UserRole + 5
    StanceRole = Qt.ItemDataRole.UserRole + 6
    SortRole = Qt.ItemDataRole.UserRole + 7

    def __init__(self, controller: NotesController, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self._notes: list[Note] = []
        self._headers = [self.tr("引文"), self.tr("笔记"), self.tr("标签"), self.tr("立场"), self.tr("文档"),
                         self.tr("页码"), self.tr("作者"), self.tr("更新时间")]
        controller.note_added.connect(self._added)
        controller.note_changed.connect(self._changed)
        controller.note_deleted.connect(self._removed)

    # ------------------------------------------------------------------ what belongs

    def accepts(self, note: Note) -> bool:
        """Whether `note` is a row of this model (live notes only)."""
        return not note.deleted

    def _position(self, note: Note) -> int:
        """Where a new row goes: at the end (a proxy sorts)."""
        return len(self._notes)

    def reload(self) -> None:
        """Read the notes again from the store (a reset: use when the whole set changes)."""
        self.beginResetModel()
        self._notes = [n for n in self._load() if self.accepts(n)]
        self.endResetModel()

    def _load(self) -> list[Note]:
        return self.controller.all_notes()

    def note_at(self, row: int) -> Note:
        """The note of a row."""
        return self._notes[row]

    def row_of(self, note_id: str) -> int:
        """The row of a note, or -1."""
        return next((i for i, n in enumerate(self._notes) if n.id == note_id), -1)

    # ------------------------------------------------------------------ Qt model API

    def row_count(self) -> int:
        return len(self._notes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        note, column = self._notes[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(note, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(note, column)
        if role == self.SortRole:
            return self._sort_key(note, column)
        if column == self.QUOTE and note.orphaned:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(ORPHAN_COLOUR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        return self._note_role(note, role)

    def _note_role(self, note: Note, role: int):
        return {
            self.NoteRole: note, self.IdRole: note.id, self.FileRole: note.file_sha256,
            self.PageRole: note.anchor.page, self.OrphanRole: note.orphaned, self.StanceRole: note.stance,
        }.get(role)

    def _display(self, note: Note, column: int) -> str:
        if column == self.QUOTE:
            quote = one_line(note.anchor.quote, 60)
            return self.tr("【未定位】") + quote if note.orphaned else quote
        if column == self.BODY:
            return one_line(note.body_text, 80)
        if column == self.TAGS:
            return "、".join(note.tags)
        if column == self.PAGE:
            return str(note.anchor.page)
        if column == self.UPDATED:
            return local_time(note.updated, unreadable="")
        return {self.STANCE: note.stance, self.DOCUMENT: note.doc_title, self.AUTHOR: note.author}.get(column, "")

    def _tooltip(self, note: Note, column: int) -> str:
        if column == self.QUOTE and note.orphaned:
            return self.tr("原文中已找不到这段引文（文件可能已修改），笔记仍保留：\n{0}").format(note.anchor.quote)
        if column == self.QUOTE:
            return note.anchor.quote
        if column == self.BODY:
            return note.body_text
        if column == self.UPDATED:
            return self.tr("创建于 {0}").format(local_time(note.created, unreadable=""))
        return self._display(note, column)

    def _sort_key(self, note: Note, column: int):
        if column == self.PAGE:
            return note.anchor.page * 1_000_000 + note.anchor.start
        if column == self.UPDATED:
            return note.updated
        return self._display(note, column)

    # ------------------------------------------------------------------ following the controller

    def _added(self, note: Note) -> None:
        if not self.accepts(note) or self.row_of(note.id) >= 0:
            return
        row = self._position(note)
        self.beginInsertRows(ROOT, row, row)
        self._notes.insert(row, note)
        self.endInsertRows()

    def _changed(self, note: Note) -> None:
        row = self.row_of(note.id)
        if row < 0:
            self._added(note)
            return
        if not self.accepts(note):
            self._removed(note)
            return
        old = self._notes.pop(row)
        target = self._position(note)  # among the other rows
        self._notes.insert(row, old)
        if target == row:
            self._notes[row] = note
        else:  # re-anchoring moved it in reading order
            self.beginMoveRows(ROOT, row, row, ROOT, target if target < row else target + 1)
            del self._notes[row]
            self._notes.insert(target, note)
            self.endMoveRows()
        self.dataChanged.emit(self.index(target, 0), self.index(target, self.columnCount() - 1))

    def _removed(self, note: Note) -> None:
        row = self.row_of(note.id)
        if row < 0:
            return
        self.beginRemoveRows(ROOT, row, row)
        del self._notes[row]
        self.endRemoveRows()


class LibraryNotesModel(NotesModel):
    """Every live note of the user, across all files."""

    def __init__(self, controller: NotesController, parent: QObject | None = None):
        super().__init__(controller, parent)
        self.reload()


class DocumentNotesModel(NotesModel):
    """The live notes of one file, in reading order (page, then offset)."""

    def __init__(self, controller: NotesController, file_sha256: str = "", parent: QObject | None = None):
        super().__init__(controller, parent)
        self.file_sha256 = file_sha256
        self.reload()

    def set_file(self, file_sha256: str) -> None:
        """Show the notes of another file."""
        self.file_sha256 = file_sha256
        self.reload()

    def accepts(self, note: Note) -> bool:
        return not note.deleted and note.file_sha256 == self.file_sha256

    def _load(self) -> list[Note]:
        return self.controller.notes_for(self.file_sha256) if self.file_sha256 else []

    def _position(self, note: Note) -> int:
        key = (note.anchor.page, note.anchor.start)
        return next((i for i, n in enumerate(self._notes) if (n.anchor.page, n.anchor.start) > key),
                    len(self._notes))


class NotesFilterProxy(QSortFilterProxyModel):
    """Sorts by `NotesModel.SortRole` (Chinese by pinyin) and keeps the notes matching a query."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._tree: Node | None = None
        self.setSortRole(NotesModel.SortRole)
        self._collator = QCollator(QLocale("zh_CN"))
        self._collator.setNumericMode(True)

    def set_query(self, query: str) -> None:
        """Filter by a query (empty: everything); raises `QuerySyntaxError` and keeps the old filter."""
        tree = parse_notes_query(query) if query.strip() else None
        self.beginFilterChange()
        self._tree = tree
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._tree is None:
            return True
        note = self.sourceModel().index(source_row, 0, source_parent).data(NotesModel.NoteRole)
        return note is not None and matches(self._tree, note)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        return (a is not None, a) < (b is not None, b) if type(a) is type(b) else str(a) < str(b)
