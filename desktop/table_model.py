"""What the app's flat item models share: the index types, and a table with fixed column headers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

#: Any model index a view may pass (Qt gives persistent ones to delegates and proxies).
AnyIndex = QModelIndex | QPersistentModelIndex
#: The invisible root: the parent of top-level rows.
ROOT = QModelIndex()


class HeaderedTableModel(QAbstractTableModel):
    """A flat table: subclasses set `_headers` (one per column, after ``super().__init__``, so that
    ``self.tr`` works) and count their rows in `row_count`."""

    _headers: list[str]

    def row_count(self) -> int:
        """The number of rows (subclasses say)."""
        raise NotImplementedError

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None
