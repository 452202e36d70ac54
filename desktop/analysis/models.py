"""Table models of an analysis's parts (each passes qtmodeltester): a flat table of rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from desktop.table_model import AnyIndex, HeaderedTableModel

#: The ``doc_id`` of a row that stands for one document (the timeline's rows).
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: A cell's value for sorting (numbers as numbers).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class AnalysisTableModel(HeaderedTableModel):
    """Rows of plain values under fixed headers; `doc_ids` (one per row) when rows are documents."""

    def __init__(self, headers: list[str], parent: QObject | None = None):
        super().__init__(parent)
        self._headers = headers
        self.rows: list[list[Any]] = []
        self.doc_ids: list[str] = []

    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: list[list[Any]], doc_ids: list[str] | None = None) -> None:
        """Replace the rows (and their documents)."""
        self.beginResetModel()
        self.rows = [list(r) for r in rows]
        self.doc_ids = list(doc_ids or [])
        self.endResetModel()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if not 0 <= index.column() < len(row):
            return None
        value = row[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return value if isinstance(value, str) else str(value)
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DOC_ID_ROLE and index.row() < len(self.doc_ids):
            return self.doc_ids[index.row()]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
