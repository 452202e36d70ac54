"""The page of an open library: a search box (not yet active) over the list of documents."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models import DocumentTableModel


class LibraryPage(QWidget):
    """Shows the documents of the open files; rows arrive while files are being read."""

    def __init__(self, model: DocumentTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("全文检索将随文档库功能一同推出"))
        self.search_box.setEnabled(False)
        self.heading = QLabel()
        self.heading.setObjectName("libraryHeading")

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(DocumentTableModel.SortRole)
        self.table = self._make_table()

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("documentTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep file order until the user sorts
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(DocumentTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        # The header sizes ResizeToContents columns from the first rows only; rows arrive one
        # file at a time, so the narrow columns are fitted again whenever rows come in.
        self.proxy.rowsInserted.connect(self._fit_narrow_columns)
        return table

    def _fit_narrow_columns(self) -> None:
        for column in (DocumentTableModel.TYPE, DocumentTableModel.PAGES, DocumentTableModel.FILE):
            self.table.resizeColumnToContents(column)

    def set_heading(self, text: str) -> None:
        """The name of what is open, shown above the list."""
        self.heading.setText(text)
