"""The user database: ``notes.db``, one SQLite file per user holding the notes and the digests.

It lives in `default_dir()`, apart from any library. `open_database` opens it in WAL mode
(``synchronous=NORMAL``: a committed write survives the app being killed, not a power cut)
and migrates it. The schema version is SQLite's ``user_version``; `MIGRATIONS[n]` brings a
database from version n to n + 1, each in its own transaction. A database newer than this
code is refused, never rewritten. The notes (`userdata.notes.store`) and the digests
(`userdata.digest.store`) both open it here; neither owns it.

The audit log is append-only in the database itself: triggers abort any UPDATE or DELETE
on ``export_audit``, whoever the writer is.

No Qt here.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import platformdirs
import sqlite_utils

from userdata.errors import DatabaseDamaged, NotesError

#: SQLite's primary result codes of a file that is damaged or not a database at all.
_DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})

#: Set to keep the user database somewhere else (tests, screenshots, a shared folder).
USER_DIR_ENV = "HANLIN_USER_DIR"
#: The whole app's data-folder override (`desktop.resources`); the user database follows it when set.
APP_DATA_ENV = "HANLIN_DATA_DIR"
DB_NAME = "notes.db"
#: The folder beside the database holding its rolling backups (`userdata.backup`).
BACKUP_DIR = "backups"


def default_dir() -> Path:
    """Where the user database lives: `$HANLIN_USER_DIR`, else `$HANLIN_DATA_DIR`, else the user data folder."""
    for name in (USER_DIR_ENV, APP_DATA_ENV):
        if os.environ.get(name):
            return Path(os.environ[name])
    return Path(platformdirs.user_data_dir("Hanlin", "Hanlin"))  # the app's own folder (desktop.resources)


def now() -> str:
    """The current time as ISO 8601 in UTC, to the millisecond (how the user database stamps rows)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def open_database(folder: Path) -> sqlite_utils.Database:
    """The user database in `folder` (created if needed), in WAL mode and migrated.

    Shared by the notes and the digests; raises `DatabaseDamaged` when the file fails SQLite's
    check or is not a database, `NotesError` for a database newer than this code, and
    `OSError` / `sqlite3.DatabaseError` otherwise for the caller to turn into its own message.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DB_NAME
    try:
        db = sqlite_utils.Database(path)
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) if _is_damage(exc) else exc
    try:
        check_intact(db)
        db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA busy_timeout = 5000")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        if _is_damage(exc):
            raise _damaged(path, exc) from exc
        raise
    except BaseException:
        db.close()
        raise
    return db


def check_intact(db: sqlite_utils.Database) -> None:
    """Raise `DatabaseDamaged` unless `PRAGMA quick_check` finds the database whole.

    quick_check reads every page (milliseconds for a user's notes): a damaged page found at start
    is a message, not a crash in the middle of some later query.
    """
    rows = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        path = Path(db.conn.execute("PRAGMA database_list").fetchone()[2])
        raise DatabaseDamaged(path, "; ".join(map(str, rows[:3])), path.parent / BACKUP_DIR)


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _DAMAGED


def _damaged(path: Path, exc: sqlite3.DatabaseError) -> DatabaseDamaged:
    damaged = DatabaseDamaged(path, str(exc), path.parent / BACKUP_DIR)
    damaged.__cause__ = exc
    return damaged


def migrate(db: sqlite_utils.Database) -> int:
    """Bring `db` to `SCHEMA_VERSION`, one migration per transaction; returns the old version."""
    old: int = db.execute("PRAGMA user_version").fetchone()[0]
    if old > SCHEMA_VERSION:
        raise NotesError(f"笔记数据库版本 {old} 比本程序支持的 {SCHEMA_VERSION} 新，请升级翰林 "
                         f"(the notes database is version {old}, from a newer Hanlin; this one reads up to "
                         f"version {SCHEMA_VERSION}: please upgrade Hanlin)")
    for version in range(old, SCHEMA_VERSION):
        with db.conn:
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
    return old


# ---------------------------------------------------------------------------- migrations


def _v1(db: sqlite_utils.Database) -> None:
    """The notes and the notes' settings."""
    db.table("notes").create({
        "id": str, "file_sha256": str, "doc_title": str,
        "quote": str, "prefix": str, "suffix": str, "page": int, "start": int, "end": int,
        "anchor_status": str, "anchor_version": int,
        "body_html": str, "body_text": str, "tags": str, "stance": str, "author": str,
        "created": str, "updated": str, "deleted": int,
    }, pk="id", not_null={"file_sha256", "quote"}, defaults={"deleted": 0, "anchor_status": "exact"})
    db.table("notes").create_index(["file_sha256", "page", "start"], index_name="notes_by_file")
    db.table("config").create({"key": str, "value": str}, pk="key")


AUDIT_TABLE = "export_audit"
APPEND_ONLY = "审计日志只能追加，不能修改或删除 (the audit log is append-only)"

_SQL = f"""
CREATE TABLE IF NOT EXISTS digests (
    id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', issue TEXT DEFAULT '', compiler TEXT DEFAULT '',
    organisation TEXT DEFAULT '', date TEXT DEFAULT '', mark TEXT DEFAULT '',
    created TEXT, updated TEXT, deleted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS digest_sections (
    id TEXT PRIMARY KEY, digest_id TEXT NOT NULL REFERENCES digests(id), heading TEXT NOT NULL DEFAULT '',
    level INTEGER NOT NULL DEFAULT 1, position INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS digest_sections_by_digest ON digest_sections(digest_id, position);
CREATE TABLE IF NOT EXISTS digest_items (
    id TEXT PRIMARY KEY, digest_id TEXT NOT NULL REFERENCES digests(id),
    section_id TEXT NOT NULL REFERENCES digest_sections(id), kind TEXT NOT NULL, position INTEGER NOT NULL,
    text TEXT DEFAULT '', page INTEGER DEFAULT 0, file_sha256 TEXT DEFAULT '', doc_id TEXT DEFAULT '',
    source TEXT DEFAULT '{{}}', mark TEXT DEFAULT '',
    prefix TEXT DEFAULT '', suffix TEXT DEFAULT '', start INTEGER, "end" INTEGER, anchor_status TEXT,
    body_html TEXT DEFAULT '', body_text TEXT DEFAULT '', created TEXT, updated TEXT
);
CREATE INDEX IF NOT EXISTS digest_items_by_section ON digest_items(section_id, position);
CREATE INDEX IF NOT EXISTS digest_items_by_file ON digest_items(file_sha256);
CREATE TABLE IF NOT EXISTS digest_item_notes (
    item_id TEXT NOT NULL REFERENCES digest_items(id), note_id TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (item_id, note_id)
);
CREATE TABLE IF NOT EXISTS {AUDIT_TABLE} (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL DEFAULT '',
    digest_id TEXT NOT NULL, digest_title TEXT NOT NULL DEFAULT '', item_ids TEXT NOT NULL DEFAULT '[]',
    format TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL DEFAULT 0,
    mark TEXT NOT NULL DEFAULT '', app_version TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER IF NOT EXISTS export_audit_no_update BEFORE UPDATE ON {AUDIT_TABLE}
BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END;
CREATE TRIGGER IF NOT EXISTS export_audit_no_delete BEFORE DELETE ON {AUDIT_TABLE}
BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END
"""


def _v2(db: sqlite_utils.Database) -> None:
    """Digests, sections, items, item↔note links and the export audit log.

    Every statement is ``IF NOT EXISTS``, so a migration interrupted half-way simply runs again.
    """
    for statement in _split(_SQL):
        db.execute(statement)


def _split(sql: str) -> list[str]:
    """Statements of `sql`; a trigger's body keeps its inner ';' (each trigger ends with END;)."""
    statements: list[str] = []
    current: list[str] = []
    for part in sql.split(";"):
        current.append(part)
        text = ";".join(current).strip()
        if text.upper().startswith("CREATE TRIGGER") and not text.upper().endswith("END"):
            continue
        if text:
            statements.append(text)
        current = []
    return statements


def _v3(db: sqlite_utils.Database) -> None:
    """Figures in digests: an item's picture (PNG bytes), NULL for every other kind of item."""
    if "image" not in db["digest_items"].columns_dict:
        db.execute("ALTER TABLE digest_items ADD COLUMN image BLOB")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)
