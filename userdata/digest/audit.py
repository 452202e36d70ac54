"""The export audit log: one row per digest export, append-only.

Who (OS user), when (UTC), which digest and items, the format, the output path, the file's
SHA-256 and size, the cover mark and the app version. The table ``export_audit`` lives in
the user database (`userdata.db`); SQLite triggers abort any UPDATE or DELETE on
it, and this class offers only `append` and reading — there is no edit, from the GUI or
anywhere else.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from userdata.db import AUDIT_TABLE, now
from userdata.digest.model import AuditEntry
from userdata.errors import DigestError


class AuditLog:
    """The audit rows of one user database connection."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def append(self, *, user: str, digest_id: str, digest_title: str, item_ids: Iterable[str], format: str,
               path: str, sha256: str, size: int, mark: str = "", app_version: str = "",
               at: str | None = None) -> AuditEntry:
        """Record one export (committed before returning); returns the row as stored."""
        row = {"at": at or now(), "user": user, "digest_id": digest_id, "digest_title": digest_title,
               "item_ids": json.dumps(list(item_ids)), "format": format, "path": path, "sha256": sha256,
               "size": size, "mark": mark, "app_version": app_version}
        names = ", ".join(f'"{k}"' for k in row)
        try:
            with self.db.atomic():
                cursor = self.db.execute(f"INSERT INTO {AUDIT_TABLE} ({names}) VALUES ({', '.join('?' * len(row))})",
                                         list(row.values()))
        except sqlite3.DatabaseError as exc:
            raise DigestError(f"无法写入审计日志：{exc} (cannot write the export audit log)") from exc
        assert cursor.lastrowid is not None  # an INSERT into a rowid table sets it
        return self.entry(cursor.lastrowid)

    def entry(self, entry_id: int) -> AuditEntry:
        """One row by id; `KeyError` if there is none."""
        rows = list(self.db.query(f"SELECT * FROM {AUDIT_TABLE} WHERE id = ?", [entry_id]))
        if not rows:
            raise KeyError(entry_id)
        return _entry(rows[0])

    def entries(self, digest_id: str | None = None) -> list[AuditEntry]:
        """Every export in the order made (of one digest, if given)."""
        where, args = ("WHERE digest_id = ?", [digest_id]) if digest_id else ("", [])
        return [_entry(r) for r in self.db.query(f"SELECT * FROM {AUDIT_TABLE} {where} ORDER BY id", args)]


def _entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(row["id"], row["at"], row["user"], row["digest_id"], row["digest_title"],
                      tuple(json.loads(row["item_ids"] or "[]")), row["format"], row["path"], row["sha256"],
                      row["size"], row["mark"], row["app_version"])
