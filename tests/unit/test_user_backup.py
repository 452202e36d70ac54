"""A damaged user database is found at open, never rewritten; rolling backups; restoring the newest good one."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from userdata import backup
from userdata.db import DB_NAME, open_database
from userdata.digest.store import DigestStore
from userdata.errors import DatabaseDamaged, NotesError
from userdata.notes.store import Anchor, NoteStore

SHA = "c" * 64
DAY = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
HANLIN = Path(sys.executable).with_name("hanlin")


def notes_database(folder: Path, count: int = 40) -> None:
    """A user database with `count` notes (several pages) and one digest, closed and checkpointed."""
    store = NoteStore(folder)
    try:
        for i in range(count):
            store.add(SHA, Anchor(f"引文{i}" * 20, page=1 + i), body_text="笔记正文" * 30, doc_title="文献")
    finally:
        store.close()
    DigestStore(folder).close()


def damage(path: Path) -> None:
    """Overwrite a page in the middle of the file (as a failing disk or a bad copy would)."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek((size // 4096 // 2) * 4096)
        handle.write(b"\xde\xad\xbe\xef" * 1024)


def test_a_damaged_database_is_refused_at_open_and_left_byte_for_byte(tmp_path: Path):
    notes_database(tmp_path)
    damage(tmp_path / DB_NAME)
    before = (tmp_path / DB_NAME).read_bytes()
    for opener in (open_database, NoteStore, DigestStore):
        with pytest.raises(DatabaseDamaged) as caught:
            opener(tmp_path)
        assert "已损坏" in str(caught.value) and "damaged" in str(caught.value)
        assert caught.value.exit_code == 8
    assert (tmp_path / DB_NAME).read_bytes() == before


def test_a_file_that_is_not_a_database_is_damaged_too(tmp_path: Path):
    (tmp_path / DB_NAME).write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(DatabaseDamaged, match="not a database"):
        open_database(tmp_path)


@pytest.mark.parametrize("args", [["digest", "list"], ["digest", "list", "--json"], ["audit"],
                                  ["digest", "export", "abcd", "--format", "md", "-o", "{out}"]])
def test_the_cli_says_the_database_is_damaged_with_exit_8(tmp_path: Path, args: list[str]):
    notes_database(tmp_path)
    damage(tmp_path / DB_NAME)
    argv = [a.replace("{out}", str(tmp_path / "x.md")) for a in args]
    done = subprocess.run([str(HANLIN), *argv, "--user-dir", str(tmp_path)], capture_output=True, text=True,
                          encoding="utf-8", check=False, timeout=120)
    assert done.returncode == 8, done.stderr
    assert "Traceback" not in done.stderr and "已损坏" in done.stderr and "恢复" in done.stderr
    assert not (tmp_path / "x.md").exists()


def test_a_newer_database_names_its_version_and_asks_for_an_upgrade(tmp_path: Path):
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    done = subprocess.run([str(HANLIN), "digest", "list", "--user-dir", str(tmp_path)], capture_output=True,
                          text=True, encoding="utf-8", check=False, timeout=120)
    assert done.returncode == 8
    assert "99" in done.stderr and "请升级翰林" in done.stderr and "upgrade Hanlin" in done.stderr


def test_a_backup_is_made_at_most_once_a_day_checked_and_the_newest_kept(tmp_path: Path):
    notes_database(tmp_path, count=3)
    first = backup.backup_if_due(tmp_path, now=DAY)
    assert first is not None and backup.intact(first)
    assert backup.backup_if_due(tmp_path, now=DAY + dt.timedelta(hours=20)) is None
    for day in range(1, 10):
        assert backup.backup_if_due(tmp_path, keep=3, now=DAY + dt.timedelta(days=day)) is not None
    kept = backup.backups(tmp_path)
    assert [p.name for p in kept] == [f"notes-202603{d:02d}T080000Z.db" for d in (10, 9, 8)]
    copy = sqlite3.connect(kept[0])
    assert copy.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 3
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    copy.close()


def test_no_backup_of_a_user_without_a_database(tmp_path: Path):
    assert backup.backup_if_due(tmp_path) is None and not (tmp_path / "backups").exists()


def test_restore_moves_the_damaged_file_aside_and_puts_the_newest_good_backup_back(tmp_path: Path):
    notes_database(tmp_path, count=5)
    good = backup.backup_if_due(tmp_path, now=DAY)
    newer = backup.backup_if_due(tmp_path, now=DAY + dt.timedelta(days=1))
    assert good is not None and newer is not None
    damage(newer)  # the newest backup is bad too: the one before is used
    notes_database(tmp_path, count=40)
    damage(tmp_path / DB_NAME)
    (tmp_path / f"{DB_NAME}-wal").write_bytes(b"stale wal")
    damaged_bytes = (tmp_path / DB_NAME).read_bytes()
    restored = backup.restore_newest(tmp_path, now=DAY + dt.timedelta(days=2))
    assert restored.backup == good
    assert restored.damaged.read_bytes() == damaged_bytes  # never deleted
    assert Path(f"{restored.damaged}-wal").read_bytes() == b"stale wal"
    store = NoteStore(tmp_path)
    try:
        assert len(store.notes()) == 5
    finally:
        store.close()


def test_restore_without_a_good_backup_moves_nothing(tmp_path: Path):
    notes_database(tmp_path, count=5)
    damage(tmp_path / DB_NAME)
    with pytest.raises(NotesError, match="no good backup"):
        backup.restore_newest(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]
