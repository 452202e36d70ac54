"""The facet sidebar's model: groups (type, year, source, issuer, format, author) with their values and counts.

A value row is checkable: checked means the search is narrowed to it (one value per group).
Counts come from the search results (`SearchResults.facets`: documents over every match, the
same documents `total` counts).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt

from desktop.search.results_model import format_labels, type_labels
from desktop.search.tree_model import TwoLevelModel
from desktop.table_model import AnyIndex

#: Group keys in display order: the engine's facet names and its filter names.
GROUPS = ("doc_type", "year", "source", "issuer", "format", "author")
MAX_VALUES = 12


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet group with how many results have it."""

    group: str
    value: str
    count: int


class FacetModel(TwoLevelModel):
    """Two levels: the groups, and under each up to `MAX_VALUES` values, most frequent first."""

    FacetRole = Qt.ItemDataRole.UserRole + 1  # a `FacetValue` (value rows)
    GroupRole = Qt.ItemDataRole.UserRole + 2  # the group key (both levels)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._titles = {"doc_type": self.tr("类型"), "year": self.tr("年份"), "source": self.tr("来源"),
                        "issuer": self.tr("发文机关"), "format": self.tr("格式"), "author": self.tr("作者")}
        self._types = type_labels(self)
        self._formats = format_labels()
        self._values: dict[str, list[FacetValue]] = {g: [] for g in GROUPS}
        self.selected: dict[str, str] = {}

    def _top_count(self) -> int:
        return len(GROUPS)

    def _child_count(self, row: int) -> int:
        return len(self._values[GROUPS[row]])

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = GROUPS[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return self._titles[group]
            return group if role == self.GroupRole else None
        group = GROUPS[index.internalId() - 1]
        values = self._values[group]
        if index.row() >= len(values):
            return None
        value = values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.label(value)}（{value.count}）"
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole value where the sidebar cuts it short
            return self.tr("{label}：{count} 篇文档").format(label=self.label(value), count=value.count)
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = self.selected.get(group) == value.value
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == self.FacetRole:
            return value
        if role == self.GroupRole:
            return group
        return None

    def label(self, value: FacetValue) -> str:
        """A value as people read it (type names translated, unknown years named)."""
        if value.group == "doc_type":
            return self._types.get(value.value, value.value)
        if value.group == "format":
            return self._formats.get(value.value, value.value)
        if value.group == "year" and value.value == "unknown":
            return self.tr("年份不详")
        return value.value

    def group_title(self, group: str) -> str:
        """The heading of a group."""
        return self._titles[group]

    def set_counts(self, facets: dict[str, dict[str, int]], authors: dict[str, int]) -> None:
        """Show the counts of a new search; selected values stay listed even at zero."""
        self.beginResetModel()
        counts = {**facets, "author": authors}
        for group in GROUPS:
            items = sorted(counts.get(group, {}).items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_VALUES]
            values = [FacetValue(group, str(v), int(c)) for v, c in items]
            chosen = self.selected.get(group)
            if chosen is not None and all(v.value != chosen for v in values):
                values.insert(0, FacetValue(group, chosen, 0))
            self._values[group] = values
        self.endResetModel()

    def toggle(self, index: AnyIndex) -> bool:
        """Select the value at `index` in its group, or unselect it; True if it was a value row."""
        value = index.data(self.FacetRole) if index.isValid() else None
        if value is None:
            return False
        if self.selected.get(value.group) == value.value:
            del self.selected[value.group]
        else:
            self.selected[value.group] = value.value
        self._changed_checks(value.group)
        return True

    def clear_selection(self) -> None:
        """Unselect every value."""
        groups = list(self.selected)
        self.selected.clear()
        for group in groups:
            self._changed_checks(group)

    def clear(self) -> None:
        """No counts (no search yet)."""
        self.beginResetModel()
        self._values = {g: [] for g in GROUPS}
        self.endResetModel()

    def _changed_checks(self, group: str) -> None:
        row = GROUPS.index(group)
        count = len(self._values[group])
        if count:
            parent = self.index(row, 0)
            self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, 0, parent),
                                  [Qt.ItemDataRole.CheckStateRole])

