"""A one-column item model of two levels (groups and their rows), shared by results and facets.

Top-level rows carry internal id 0; a child of top row r carries r + 1, which is all
`parent()` needs. Subclasses say how many top rows there are and how many children each has.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex

from desktop.table_model import ROOT, AnyIndex


class TwoLevelModel(QAbstractItemModel):
    """`index`, `parent`, `rowCount` and `columnCount` of a two-level, one-column tree."""

    def _top_count(self) -> int:
        raise NotImplementedError

    def _child_count(self, row: int) -> int:
        raise NotImplementedError

    def index(self, row: int, column: int, parent: AnyIndex = ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < self._top_count() else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= self._top_count():
            return QModelIndex()
        if row >= self._child_count(parent.row()):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: AnyIndex = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        if not parent.isValid():
            return self._top_count()
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < self._top_count():
            return self._child_count(parent.row())
        return 0

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 1
