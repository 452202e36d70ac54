"""The table of documents found in the open files, as a Qt item model.

Rows are plain `DocumentRow` values built from `indexer.model.ExtractResult`; nothing
from pdfplumber or the index reaches the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from indexer.model import ExtractResult

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


@dataclass(frozen=True)
class DocumentRow:
    """One document as the list shows it."""

    title: str
    doc_type: str
    first_page: int
    last_page: int
    file: str


def rows_from_result(result: ExtractResult) -> list[DocumentRow]:
    """One row per document found in an extracted file."""
    return [
        DocumentRow(d.title or Path(result.file).stem, d.doc_type, d.first_page, d.last_page, result.file)
        for d in result.documents
    ]


class DocumentTableModel(QAbstractTableModel):
    """Documents with columns title, type, pages and file; rows are appended as files finish."""

    TITLE, TYPE, PAGES, FILE = range(4)
    RowRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[DocumentRow] = []
        self._headers = [self.tr("标题"), self.tr("类型"), self.tr("页码"), self.tr("文件")]
        self._type_labels = {
            "policy": self.tr("政策文件"),
            "paper": self.tr("论文"),
            "news": self.tr("新闻"),
            "digest": self.tr("汇编文章"),
            "slides": self.tr("演示文稿"),
            "other": self.tr("其他"),
        }

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.RowRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, index.column(), role)
        if role == self.SortRole:
            return row.first_page if index.column() == self.PAGES else self._display(row, index.column(), role)
        return None

    def _display(self, row: DocumentRow, column: int, role: int) -> str:
        if column == self.TITLE:
            return row.title
        if column == self.TYPE:
            return self._type_labels.get(row.doc_type, row.doc_type)
        if column == self.PAGES:
            return str(row.first_page) if row.first_page == row.last_page else f"{row.first_page}–{row.last_page}"
        return row.file if role == Qt.ItemDataRole.ToolTipRole else Path(row.file).name

    def append_rows(self, rows: list[DocumentRow]) -> None:
        """Add rows at the end (a file has finished extracting)."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def clear(self) -> None:
        """Remove every row (another library is being opened)."""
        self.beginResetModel()
        self._rows.clear()
        self.endResetModel()

    def titles(self) -> list[str]:
        """The titles in model order."""
        return [r.title for r in self._rows]
