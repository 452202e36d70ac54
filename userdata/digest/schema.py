"""The digest and audit tables in the user database (the notes database, `userdata.notes.store`).

`digest_tables` is migration 2 of that database (`userdata.notes.store.MIGRATIONS[1]`): it
runs once, the first time a newer Hanlin opens the notes database; every statement is
``IF NOT EXISTS``, so a migration interrupted half-way simply runs again.

The audit log is append-only in the database itself: triggers abort any UPDATE or DELETE
on ``export_audit``, whoever the writer is.
"""

from __future__ import annotations

import sqlite_utils

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


def digest_tables(db: sqlite_utils.Database) -> None:
    """Migration 2 of the user database: digests, sections, items, item↔note links, the audit log."""
    for statement in _split(_SQL):
        db.execute(statement)


def _split(sql: str) -> list[str]:
    """Statements of `sql`; a trigger's body keeps its inner ';' (each trigger ends with END;)."""
    statements, current = [], []
    for part in sql.split(";"):
        current.append(part)
        text = ";".join(current).strip()
        if text.upper().startswith("CREATE TRIGGER") and not text.upper().endswith("END"):
            continue
        if text:
            statements.append(text)
        current = []
    return statements
