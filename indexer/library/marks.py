"""Classification marks (密级标识) on a library's documents, and their configurable order.

The librarian marks documents (公开, 内部, 秘密, 机密 … — an ordered list kept in the
catalogue's ``meta`` table under ``mark_levels``, lowest first). A digest quoting marked
documents must carry at least the highest of their marks (`userdata.digest.exporting`).

Marks live in the catalogue table ``doc_marks``, keyed by the document's content and place
in its file, ``(file_sha256, ordinal)`` — the same key its ``doc_id`` is made from — so:

- re-indexing an unchanged file (or rebuilding the index) keeps them: the rows are not
  touched when a content's documents are stored again;
- when the file at a path changes (new content, new document ids), `carry_marks` copies each
  mark onto the new content's document with the same title, else the same place in the file;
- a content that leaves the library keeps its rows, so the same bytes coming back are marked.

The table was added without a catalogue version change: older Hanlin ignores it, and the
readers here treat a catalogue without it (an older installed bundle) as having no marks.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from indexer.errors import MarkError
from indexer.library.pathcodec import from_db

DEFAULT_LEVELS: tuple[str, ...] = ("公开", "内部", "秘密", "机密")
LEVELS_META_KEY = "mark_levels"
TABLE = "doc_marks"

TABLE_SQL = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    file_sha256 TEXT NOT NULL, ordinal INTEGER NOT NULL, doc_id TEXT NOT NULL, title TEXT,
    mark TEXT NOT NULL, set_by TEXT, set_at REAL, PRIMARY KEY (file_sha256, ordinal)
);
CREATE INDEX IF NOT EXISTS doc_marks_doc ON {TABLE}(doc_id)
"""


@dataclass(frozen=True)
class DocMark:
    """A marked document: its id, title and shown file path, the mark, who set it and when (epoch s)."""

    doc_id: str
    file_sha256: str
    title: str
    path: str
    mark: str
    set_by: str = ""
    set_at: float = 0.0


@dataclass(frozen=True)
class MarkLevels:
    """The ordered marks of a library, lowest first; '' (no mark) ranks below all of them."""

    levels: tuple[str, ...] = DEFAULT_LEVELS

    def rank(self, mark: str) -> int:
        """0 for no mark, 1.. for the listed marks; a mark not in the list ranks above every listed one."""
        if not mark:
            return 0
        return self.levels.index(mark) + 1 if mark in self.levels else len(self.levels) + 1

    def highest(self, marks: Iterable[str]) -> str:
        """The highest of `marks` ('' when there is none)."""
        return max((m for m in marks if m), key=self.rank, default="")

    def covers(self, mark: str, needed: str) -> bool:
        """Whether something marked `mark` may hold something marked `needed`."""
        if not needed:
            return True
        if needed not in self.levels:  # an unknown mark is only covered by itself
            return mark == needed
        return self.rank(mark) >= self.rank(needed)

    def check(self, mark: str) -> str:
        """`mark` if it is in the list, else `MarkError` naming the allowed marks."""
        if mark not in self.levels:
            raise MarkError(f"密级“{mark}”不在本库的密级列表中：{'、'.join(self.levels)} "
                            f"(mark {mark!r} is not one of this library's marks: {', '.join(self.levels)})")
        return mark


def clean_levels(levels: Sequence[str]) -> tuple[str, ...]:
    """A new mark list stripped and checked: at least one mark, no blanks, no repeats, no '|' or newline."""
    cleaned = tuple(level.strip() for level in levels)
    if not cleaned or any(not level or re.search(r"[|\n\r\t]", level) for level in cleaned):
        raise MarkError("密级列表不能为空，也不能有空白项 (the mark list needs at least one mark and no blank ones)")
    if len(set(cleaned)) != len(cleaned):
        raise MarkError("密级列表有重复项 (the mark list repeats a mark)")
    return cleaned


# ---------------------------------------------------------------------------- reading


def read_levels(conn: sqlite3.Connection) -> MarkLevels:
    """The library's mark order (`DEFAULT_LEVELS` until the librarian sets one)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [LEVELS_META_KEY]).fetchone()
    return MarkLevels(tuple(json.loads(row[0]))) if row and row[0] else MarkLevels()


def read_marks(conn: sqlite3.Connection, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
    """doc_id → mark of the marked documents among `doc_ids` (all marked documents when None).

    Only documents the catalogue holds now: the kept marks of contents gone from it are not listed.
    """
    if not has_table(conn):
        return {}
    select = f"SELECT m.doc_id, m.mark FROM {TABLE} m JOIN documents d ON d.doc_id = m.doc_id"
    if doc_ids is None:
        return dict(conn.execute(select).fetchall())
    ids = list(dict.fromkeys(doc_ids))
    found: dict[str, str] = {}
    for begin in range(0, len(ids), 500):
        chunk = ids[begin:begin + 500]
        marks = ",".join("?" * len(chunk))
        found.update(conn.execute(f"{select} WHERE m.doc_id IN ({marks})", chunk))
    return found


def list_marks(conn: sqlite3.Connection) -> list[DocMark]:
    """Every marked document the catalogue holds now, by path then place in the file."""
    if not has_table(conn):
        return []
    rows = conn.execute(
        f"SELECT d.doc_id, d.file_sha256, COALESCE(d.title, ''), f.path, m.mark, COALESCE(m.set_by, ''), "
        f"COALESCE(m.set_at, 0) FROM {TABLE} m JOIN documents d ON d.doc_id = m.doc_id "
        "JOIN files f ON f.sha256 = d.file_sha256 ORDER BY f.path, d.ordinal")
    return [DocMark(doc_id, sha256, title, from_db(path), mark, set_by, set_at)
            for doc_id, sha256, title, path, mark, set_by, set_at in rows]


def has_table(conn: sqlite3.Connection) -> bool:
    """Whether the catalogue has the marks table (one from before marks existed has not)."""
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [TABLE]).fetchone()
    return row is not None


# ---------------------------------------------------------------------------- writing (inside a transaction)


def write_marks(conn: sqlite3.Connection, doc_ids: Iterable[str], mark: str, set_by: str) -> list[str]:
    """Mark documents (replacing any mark they had); returns the ids marked. Unknown ids: `MarkError`."""
    done, now = [], time.time()
    for doc_id in doc_ids:
        row = conn.execute("SELECT file_sha256, ordinal, title FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        if row is None:
            raise unknown_document(doc_id)
        conn.execute(f"INSERT OR REPLACE INTO {TABLE} (file_sha256, ordinal, doc_id, title, mark, set_by, set_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", [row[0], row[1], doc_id, row[2], mark, set_by, now])
        done.append(doc_id)
    return done


def delete_marks(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> list[str]:
    """Remove the marks of documents; returns the ids that had one."""
    cleared = []
    for doc_id in doc_ids:
        if conn.execute(f"DELETE FROM {TABLE} WHERE doc_id = ?", [doc_id]).rowcount:
            cleared.append(doc_id)
    return cleared


def marks_in_use(conn: sqlite3.Connection) -> set[str]:
    """Every mark some row carries (documents gone from the library included)."""
    if not has_table(conn):
        return set()
    return {row[0] for row in conn.execute(f"SELECT DISTINCT mark FROM {TABLE}")}


def carry_marks(conn: sqlite3.Connection, old_sha: str, new_sha: str) -> int:
    """The file at a path changed from `old_sha` to `new_sha`: mark the new content's documents.

    Each marked old document's mark goes to the new document with the same title (spaces
    ignored), else to the one at the same place in the file; a new document already marked
    keeps its own mark. Returns how many marks were carried.
    """
    old = conn.execute(f"SELECT ordinal, title, mark, set_by FROM {TABLE} WHERE file_sha256 = ? ORDER BY ordinal",
                       [old_sha]).fetchall()
    if not old:
        return 0
    new = conn.execute("SELECT doc_id, ordinal, title FROM documents WHERE file_sha256 = ? ORDER BY ordinal",
                       [new_sha]).fetchall()
    by_title = {_plain(title): (doc_id, ordinal, title) for doc_id, ordinal, title in reversed(new)}
    by_ordinal = {ordinal: (doc_id, ordinal, title) for doc_id, ordinal, title in new}
    carried = 0
    for ordinal, title, mark, set_by in old:
        target = by_title.get(_plain(title)) or by_ordinal.get(ordinal)
        if target is None:
            continue
        cursor = conn.execute(
            f"INSERT OR IGNORE INTO {TABLE} (file_sha256, ordinal, doc_id, title, mark, set_by, set_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", [new_sha, target[1], target[0], target[2], mark, set_by, time.time()])
        carried += cursor.rowcount
    return carried


def unknown_document(doc_id: str) -> MarkError:
    """The refusal to mark a document the catalogue does not hold."""
    return MarkError(f"{doc_id}: 文献库中没有此文档或文件 (no such document or file in the library)")


def _plain(title: str | None) -> str:
    return re.sub(r"\s+", "", title or "")
