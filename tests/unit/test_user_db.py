"""userdata.db: the user database shared by notes and digests, opened and migrated in one place."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from userdata import db as user_db
from userdata.errors import NotesError
from userdata.notes.store import NoteStore

SHA = "b" * 64


def _version_1_database(folder: Path) -> None:
    db = sqlite_utils.Database(folder / user_db.DB_NAME)
    user_db.MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db.table("notes").insert({"id": "n1", "file_sha256": SHA, "quote": "旧笔记", "deleted": 0})
    db.conn.commit()
    db.close()


def test_a_version_1_database_opens_migrated_with_its_notes(tmp_path: Path):
    _version_1_database(tmp_path)
    db = user_db.open_database(tmp_path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == user_db.SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert {"notes", "config", "digests", "digest_items", "export_audit"} <= set(db.table_names())
    finally:
        db.close()
    notes = NoteStore(tmp_path)
    try:
        assert [n.anchor.quote for n in notes.notes()] == ["旧笔记"]
    finally:
        notes.close()


def test_migrate_reports_the_old_version_and_runs_nothing_twice(tmp_path: Path):
    _version_1_database(tmp_path)
    db = sqlite_utils.Database(tmp_path / user_db.DB_NAME)
    try:
        assert user_db.migrate(db) == 1
        assert user_db.migrate(db) == user_db.SCHEMA_VERSION
    finally:
        db.close()


def test_a_newer_database_is_refused(tmp_path: Path):
    db = user_db.open_database(tmp_path)
    db.execute(f"PRAGMA user_version = {user_db.SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(NotesError, match="请升级"):
        user_db.open_database(tmp_path)
