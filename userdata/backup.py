"""Rolling backups of the user database, and putting the newest good one back after damage.

The notes and digests are the user's own work and exist nowhere else, so the desktop app calls
`backup_if_due` at start: at most once a day it copies ``notes.db`` with SQLite's online backup
API into ``backups/notes-YYYYMMDDTHHMMSSZ.db`` beside it, checks the copy (``PRAGMA
quick_check``) before giving it its name, and keeps the newest `KEEP` copies.

When `userdata.db.open_database` finds the database damaged (`DatabaseDamaged`), `restore_newest`
moves the damaged file (with its ``-wal`` and ``-shm``) aside as ``notes.db.damaged-STAMP`` —
never deleting it — and copies the newest backup that passes the check into its place.

No Qt here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from indexer import fs
from userdata.db import BACKUP_DIR, DB_NAME, default_dir
from userdata.errors import NotesError

#: How many backups are kept (the oldest go first).
KEEP = 7
#: A new backup is made at start when the newest is older than this.
EVERY = dt.timedelta(days=1)
_NAME = re.compile(r"^notes-(\d{8}T\d{6}Z)\.db$")
_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Restored:
    """What `restore_newest` did: the backup put in place and where the damaged file went."""

    backup: Path
    damaged: Path


def backup_dir(folder: Path | None = None) -> Path:
    """The backups' folder beside the user database in `folder` (default: `default_dir()`)."""
    return (folder or default_dir()) / BACKUP_DIR


def backups(folder: Path | None = None) -> list[Path]:
    """The backups of the user database in `folder`, newest first (by the time in their names)."""
    try:
        found = [p for p in backup_dir(folder).iterdir() if _NAME.match(p.name) and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def backup_if_due(folder: Path | None = None, *, keep: int = KEEP, every: dt.timedelta = EVERY,
                  now: dt.datetime | None = None) -> Path | None:
    """A checked copy of the user database when the newest backup is older than `every`, else None.

    Keeps the newest `keep` backups. Raises `OSError` / `sqlite3.Error` for the caller to report;
    nothing is changed in the database itself.
    """
    folder = folder or default_dir()
    source = folder / DB_NAME
    now = now or dt.datetime.now(dt.UTC)
    newest = backups(folder)
    if not source.is_file() or (newest and now - _taken(newest[0]) < every):
        return None
    target = backup_dir(folder) / f"notes-{now.strftime(_STAMP)}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    with fs.replacing(target) as tmp:
        _copy(source, tmp)
        if not intact(tmp):
            raise sqlite3.DatabaseError(f"the backup copy of {source} does not pass PRAGMA quick_check")
    for old in backups(folder)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def restore_newest(folder: Path | None = None, *, now: dt.datetime | None = None) -> Restored:
    """Move the damaged user database aside and put the newest good backup in its place.

    Raises `NotesError` (nothing moved) when no backup passes the check, `OSError` if a move or
    the copy fails.
    """
    folder = folder or default_dir()
    good = next((b for b in backups(folder) if intact(b)), None)
    if good is None:
        raise NotesError(f"没有可用的备份（{backup_dir(folder)}）；损坏的笔记数据库保持原样 "
                         f"(no good backup in {backup_dir(folder)}; the damaged database was left as it was)")
    stamp = (now or dt.datetime.now(dt.UTC)).strftime(_STAMP)
    source = folder / DB_NAME
    damaged = folder / f"{DB_NAME}.damaged-{stamp}"
    for suffix in ("", "-wal", "-shm"):  # a stale WAL must never be replayed into the restored copy
        part = Path(f"{source}{suffix}")
        if part.exists():
            os.replace(part, Path(f"{damaged}{suffix}"))
    with fs.replacing(source) as tmp:
        shutil.copyfile(good, tmp)
    return Restored(good, damaged)


def intact(path: Path) -> bool:
    """Whether the SQLite file at `path` opens read-only and passes ``PRAGMA quick_check``."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _copy(source: Path, target: Path) -> None:
    """`source` copied to `target` with SQLite's online backup (consistent even while it is written)."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _taken(path: Path) -> dt.datetime:
    match = _NAME.match(path.name)
    assert match is not None  # `backups` lists only matching names
    return dt.datetime.strptime(match.group(1), _STAMP).replace(tzinfo=dt.UTC)
