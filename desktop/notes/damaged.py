"""What the window shows when the user database is damaged: a page instead of the notes and the
digests, saying so, with 恢复… to put the newest good backup back (`userdata.backup`).

The damaged file is moved aside, never deleted; the restored notes open at the next start.
Also the daily backup made at start (`backup_at_start`), whose failure is a status message only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from userdata import backup
from userdata.errors import DatabaseDamaged, NotesError


class DamagedDatabasePage(QWidget):
    """Stands in for the Notes view and the digest panel: the message and a 恢复… button."""

    restore_requested = Signal()

    def __init__(self, damage: DatabaseDamaged, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("damagedDatabasePage")
        self.label = QLabel(self.tr("笔记数据库已损坏，笔记和摘编暂不可用。损坏的文件保持原样，未作任何改动。\n\n"
                                    "文件：%1\n备份：%2\n\n“恢复…”会把损坏的文件改名保存在原处，"
                                    "再从最近的完好备份恢复。").replace("%1", str(damage.path))
                            .replace("%2", str(damage.backups)))
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("恢复…"))
        self.button.setObjectName("restoreButton")
        self.button.clicked.connect(self.restore_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def set_restored(self, text: str) -> None:
        """After a restore: say what happened; nothing more to do until the app restarts."""
        self.label.setText(text)
        self.button.setEnabled(False)


class NotesRecovery(QObject):
    """The restore flow of one window: ask, move the damaged file aside, copy the backup back, tell.

    `window` parents the questions; `pages` are the stand-in pages to update; `show_error` is the
    window's error message.
    """

    def __init__(self, damage: DatabaseDamaged, show_error: Callable[[BaseException | str], None],
                 window: QWidget):
        super().__init__(window)
        self.window = window
        self.damage = damage
        self.show_error = show_error
        self.pages: list[DamagedDatabasePage] = []

    def page(self) -> DamagedDatabasePage:
        """A new stand-in page wired to `restore`."""
        page = DamagedDatabasePage(self.damage)
        page.restore_requested.connect(self.restore)
        self.pages.append(page)
        return page

    def restore(self) -> backup.Restored | None:
        """Ask, then restore the newest good backup; returns what was done, None if cancelled or failed."""
        window = self.window
        answer = QMessageBox.question(
            window, self.tr("恢复笔记数据库"),
            self.tr("把损坏的笔记数据库改名保存在原处（不删除），并从最近的完好备份恢复？"))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            restored = backup.restore_newest(self.damage.path.parent)
        except (NotesError, OSError) as exc:
            self.show_error(exc)
            return None
        text = (self.tr("已从备份 %1 恢复；损坏的文件保存为 %2。请重新启动翰林以打开恢复的笔记和摘编。")
                .replace("%1", restored.backup.name).replace("%2", str(restored.damaged)))
        for page in self.pages:
            page.set_restored(text)
        QMessageBox.information(window, self.tr("恢复笔记数据库"), text)
        return restored


def backup_at_start(folder: Path, report: Callable[[str], None]) -> Path | None:
    """The daily backup of the user database in `folder`; a failure is reported, never raised."""
    try:
        return backup.backup_if_due(folder)
    except (OSError, sqlite3.Error) as exc:
        report(QCoreApplication.translate("NotesRecovery", "无法备份笔记数据库：%1").replace("%1", str(exc)))
        return None
