"""Exception types raised by the user's own data: the user database, notes and digests.

They are `indexer.errors.HanlinError`s, so the CLI and the GUI turn them into messages and exit
codes like any other Hanlin error.
"""

from __future__ import annotations

from pathlib import Path

from indexer.errors import HanlinError


class NotesError(HanlinError):
    """The user database (notes and digests) cannot be opened, or is newer than this version of Hanlin."""

    exit_code = 8


class DatabaseDamaged(NotesError):
    """The user database fails SQLite's check (`PRAGMA quick_check`) or is not a database at all.

    `path` is the damaged file, left as it is; `backups` the folder of its backups (`userdata.backup`).
    """

    def __init__(self, path: Path, detail: str, backups: Path):
        super().__init__(
            f"用户数据库 {path} 已损坏（{detail}），文件保持原样未改动；请在翰林桌面程序中选择“笔记 → 恢复…”，"
            f"从最近的完好备份（{backups}）恢复 (the user database is damaged; the file was left as it was. "
            f"In the Hanlin desktop app choose 笔记 → 恢复… to restore the newest good backup from {backups})")
        self.path = path
        self.detail = detail
        self.backups = backups


class DigestError(HanlinError):
    """A digest that does not exist, or a digest file that cannot be written (full disk, no permission)."""

    exit_code = 6


class ExportRefused(DigestError):
    """A digest export refused because the digest's mark is missing or below its items' highest mark.

    `needed` is the mark the digest must carry (at least).
    """

    exit_code = 7

    def __init__(self, message: str, needed: str = ""):
        super().__init__(message)
        self.needed = needed
