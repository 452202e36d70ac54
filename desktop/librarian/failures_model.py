"""Files the library could not read, with the reason, as a table model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt

from desktop.paths import display_path
from desktop.table_model import AnyIndex, HeaderedTableModel


@dataclass(frozen=True)
class FailedFile:
    """A file that failed, its stable reason code and the library's bilingual message."""

    path: str
    reason: str
    message: str


class FailuresModel(HeaderedTableModel):
    """Columns: file name, reason, message; the full path in the tooltip."""

    FILE, REASON, MESSAGE = range(3)
    FailureRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[FailedFile] = []
        self._headers = [self.tr("文件"), self.tr("原因"), self.tr("说明")]
        self._reasons = {
            "missing": self.tr("文件不存在"), "unreadable": self.tr("无法读取"), "empty": self.tr("空文件"),
            "not_pdf": self.tr("不是 PDF"), "encrypted": self.tr("已加密"), "corrupt": self.tr("文件已损坏"),
            "timeout": self.tr("处理超时"), "memory": self.tr("内存不足"), "crashed": self.tr("处理崩溃"),
            "internal": self.tr("内部错误"),
        }

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.FailureRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{display_path(row.path)}\n{row.message}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == self.FILE:
            return display_path(Path(row.path).name)
        if index.column() == self.REASON:
            return self._reasons.get(row.reason, row.reason)
        return row.message

    def set_failures(self, failures: list[FailedFile]) -> None:
        """Replace the list."""
        self.beginResetModel()
        self._rows = list(failures)
        self.endResetModel()

    def failures(self) -> list[FailedFile]:
        """The files listed."""
        return list(self._rows)
