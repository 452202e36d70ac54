"""The export audit log, read only: who exported which digest, when, in which format, to which file.

The rows come from `DigestStore.audit.entries()`; the model offers no editing (and the
database refuses any change to the table anyway).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.table_model import AnyIndex, HeaderedTableModel
from desktop.timefmt import local_time
from userdata.digest.model import AuditEntry


def size_text(size: int) -> str:
    """Bytes as B, KB or MB."""
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class AuditModel(HeaderedTableModel):
    """Audit rows, newest first; read only."""

    TIME, USER, DIGEST, FORMAT, MARK, PATH, SIZE, SHA256 = range(8)
    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, entries: list[AuditEntry], parent: QObject | None = None):
        super().__init__(parent)
        self._entries = list(reversed(entries))
        self._headers = [self.tr("时间"), self.tr("用户"), self.tr("摘编"), self.tr("格式"), self.tr("密级"),
                         self.tr("文件"), self.tr("大小"), self.tr("SHA-256")]

    def row_count(self) -> int:
        return len(self._entries)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == self.EntryRole:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (self.PATH, self.SHA256):
            return entry.path if index.column() == self.PATH else entry.sha256
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (local_time(entry.at, unreadable=""), entry.user, entry.digest_title, entry.format.upper(), entry.mark or "—",
                entry.path, size_text(entry.size), entry.sha256[:16] + "…")[index.column()]


class AuditDialog(QDialog):
    """Lists the export audit log; nothing in it can be changed."""

    def __init__(self, entries: list[AuditEntry], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("摘编导出记录"))
        self.model = AuditModel(entries, self)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AuditModel.PATH, QHeaderView.ResizeMode.Stretch)
        note = QLabel(self.tr("每次导出自动记录（用户、时间、摘编、格式、文件及其 SHA-256），记录不能修改或删除。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 360)
