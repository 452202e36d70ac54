"""The user's digests as a list (for the chooser): title and issue, most recently changed first."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QObject, Qt

from desktop.digest.controller import DigestController
from desktop.table_model import ROOT, AnyIndex
from userdata.digest.model import Digest


class DigestListModel(QAbstractListModel):
    """One row per live digest; reloaded (reset) when the controller says the list changed."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    DigestRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, controller: DigestController, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self._digests: list[Digest] = []
        controller.digests_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        """Read the list again."""
        self.beginResetModel()
        self._digests = self.controller.digests()
        self.endResetModel()

    def row_of(self, digest_id: str) -> int:
        """The row of a digest, or -1."""
        return next((r for r, d in enumerate(self._digests) if d.id == digest_id), -1)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._digests)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._digests) or index.column() != 0:
            return None
        digest = self._digests[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{digest.title}　{digest.issue}".strip() if digest.issue else digest.title
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [digest.title, digest.issue, digest.compiler, digest.organisation, digest.date, digest.mark]
            return " · ".join(p for p in parts if p)
        if role == self.IdRole:
            return digest.id
        if role == self.DigestRole:
            return digest
        return None
