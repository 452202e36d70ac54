"""The notes store: the user's notes in the user database (`userdata.db`, ``notes.db``).

Notes are keyed by the sha256 of the PDF they annotate, so they follow a file across
libraries, renames and re-indexing. Each write is its own committed transaction in WAL
mode: a note saved is on disk even if the app is killed right after (not a power cut,
``synchronous=NORMAL``). Deleting only sets ``deleted`` (undo restores it).

The database is opened and migrated by `userdata.db.open_database`.
No Qt here: the GUI reaches the store through `desktop.notes.controller`.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypedDict, Unpack

from indexer.fs import os_user
from userdata.db import DB_NAME, default_dir, now, open_database
from userdata.errors import NotesError

DEFAULT_STANCES = ("支持", "关注", "风险", "待核实")
ANCHOR_VERSION = 1
ANCHOR_STATUSES = ("exact", "moved", "fuzzy", "orphan")


@dataclass(frozen=True)
class Anchor:
    """A text-quote selector: the quoted text, ~32 characters around it, and where it was last found.

    `page`, `start`, `end` are offsets into the page's normalised text; `status` says how the
    last re-anchoring found the quote (``orphan``: not found; offsets are the last known ones).
    """

    quote: str
    prefix: str = ""
    suffix: str = ""
    page: int = 1
    start: int = 0
    end: int = 0
    status: str = "exact"
    version: int = ANCHOR_VERSION


@dataclass(frozen=True)
class Note:
    """One note on a passage of a file."""

    id: str
    file_sha256: str
    doc_title: str
    anchor: Anchor
    body_html: str = ""
    body_text: str = ""
    tags: tuple[str, ...] = ()
    stance: str = ""
    author: str = ""
    created: str = ""
    updated: str = ""
    deleted: bool = False

    @property
    def orphaned(self) -> bool:
        """True when the quote was not found in the file's current text."""
        return self.anchor.status == "orphan"


#: Fields `NoteStore.update` may change (the anchor changes through `set_anchor`).
EDITABLE = frozenset({"body_html", "body_text", "tags", "stance", "author", "doc_title"})


class NoteTextEdits(TypedDict, total=False):
    """The text fields among `EDITABLE`: stored as given."""

    body_html: str
    body_text: str
    stance: str
    author: str
    doc_title: str


class NoteEdits(NoteTextEdits, total=False):
    """The keyword arguments of `NoteStore.update` (`EDITABLE`); `tags` are cleaned (`clean_tags`)."""

    tags: Iterable[str]


# ---------------------------------------------------------------------------- rows

#: A value as SQLite stores it (what `_to_row` writes).
SqlValue = str | int | float | None
#: A row as sqlite-utils reads it: its values are checked where they become a `Note`.
Row = dict[str, Any]


def _to_row(note: Note) -> dict[str, SqlValue]:
    a = note.anchor
    return {
        "id": note.id, "file_sha256": note.file_sha256, "doc_title": note.doc_title,
        "quote": a.quote, "prefix": a.prefix, "suffix": a.suffix, "page": a.page, "start": a.start,
        "end": a.end, "anchor_status": a.status, "anchor_version": a.version,
        "body_html": note.body_html, "body_text": note.body_text,
        "tags": json.dumps(list(note.tags), ensure_ascii=False), "stance": note.stance,
        "author": note.author, "created": note.created, "updated": note.updated,
        "deleted": int(note.deleted),
    }


def _from_row(row: Row) -> Note:
    anchor = Anchor(row["quote"], row["prefix"] or "", row["suffix"] or "", row["page"], row["start"],
                    row["end"], row["anchor_status"] or "exact", row["anchor_version"] or ANCHOR_VERSION)
    return Note(row["id"], row["file_sha256"], row["doc_title"] or "", anchor, row["body_html"] or "",
                row["body_text"] or "", tuple(json.loads(row["tags"] or "[]")), row["stance"] or "",
                row["author"] or "", row["created"] or "", row["updated"] or "", bool(row["deleted"]))


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped, empty ones dropped, duplicates removed (first kept)."""
    return tuple(dict.fromkeys(t.strip() for t in tags if t and t.strip()))


# ---------------------------------------------------------------------------- store


@dataclass
class NoteStore:
    """The notes of one user. `folder` defaults to `default_dir()`; use from one thread.

    Every method that writes commits before it returns.
    """

    folder: Path | None = None
    author: str = field(default_factory=os_user)

    def __post_init__(self) -> None:
        self.folder = Path(self.folder) if self.folder is not None else default_dir()
        try:
            self.db = open_database(self.folder)
        except (OSError, sqlite3.DatabaseError) as exc:
            raise NotesError(f"无法打开笔记数据库 {self.folder / DB_NAME}：{exc} "
                             f"(cannot open the notes database)") from exc

    @property
    def path(self) -> Path:
        """The database file."""
        assert self.folder is not None  # __post_init__ set it
        return self.folder / DB_NAME

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite)."""
        self.db.close()

    # ------------------------------------------------------------------ reading

    def get(self, note_id: str) -> Note | None:
        """One note by id (deleted ones too), or None."""
        rows = list(self.db.query("SELECT * FROM notes WHERE id = ?", [note_id]))
        return _from_row(rows[0]) if rows else None

    def notes(self, file_sha256: str | None = None, *, deleted: bool = False) -> list[Note]:
        """Notes of one file (or all), in file and reading order; deleted ones only if asked."""
        where, args = [], []
        if file_sha256 is not None:
            where.append("file_sha256 = ?")
            args.append(file_sha256)
        if not deleted:
            where.append("deleted = 0")
        sql = "SELECT * FROM notes" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY file_sha256, page, start, created"
        return [_from_row(r) for r in self.db.query(sql, args)]

    def tags(self) -> list[str]:
        """Every tag in use, most used first."""
        counts: dict[str, int] = {}
        for note in self.notes():
            for tag in note.tags:
                counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts, key=lambda t: (-counts[t], t))

    # ------------------------------------------------------------------ writing

    def add(self, file_sha256: str, anchor: Anchor, *, doc_title: str = "", body_html: str = "",
            body_text: str = "", tags: Iterable[str] = (), stance: str = "", author: str | None = None) -> Note:
        """Create and save a note; returns it."""
        stamp = now()
        note = Note(uuid.uuid4().hex, file_sha256, doc_title, anchor, body_html, body_text, clean_tags(tags),
                    stance, self.author if author is None else author, stamp, stamp)
        with self.db.conn:
            self.db.table("notes").insert(_to_row(note))
        return note

    def update(self, note_id: str, **fields: Unpack[NoteEdits]) -> Note:
        """Change editable fields of a note (see `EDITABLE`) and its `updated` time; returns it."""
        unknown = set(fields) - EDITABLE
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        note = self._require(note_id)
        tags = clean_tags(fields.pop("tags")) if "tags" in fields else note.tags
        text: NoteTextEdits = fields  # what is left once the tags are out
        changed = replace(note, **text, tags=tags, updated=now())
        self._write(changed)
        return changed

    def set_anchor(self, note_id: str, anchor: Anchor) -> Note:
        """Store where the note's quote is now (re-anchoring); `updated` is left alone."""
        changed = replace(self._require(note_id), anchor=anchor)
        self._write(changed)
        return changed

    def delete(self, note_id: str) -> Note:
        """Soft-delete a note (it stays in the database until `purge`)."""
        return self._set_deleted(note_id, True)

    def restore(self, note_id: str) -> Note:
        """Undo a delete."""
        return self._set_deleted(note_id, False)

    def purge(self, note_id: str) -> None:
        """Remove a note for good."""
        with self.db.conn:
            self.db.table("notes").delete_where("id = ?", [note_id])

    def _set_deleted(self, note_id: str, deleted: bool) -> Note:
        changed = replace(self._require(note_id), deleted=deleted, updated=now())
        self._write(changed)
        return changed

    def _write(self, note: Note) -> None:
        with self.db.conn:
            self.db.table("notes").upsert(_to_row(note), pk="id")

    def _require(self, note_id: str) -> Note:
        note = self.get(note_id)
        if note is None:
            raise KeyError(note_id)
        return note

    # ------------------------------------------------------------------ settings

    def stances(self) -> list[str]:
        """The stance list offered in the editor (configurable; `DEFAULT_STANCES` until set)."""
        rows = list(self.db.query("SELECT value FROM config WHERE key = 'stances'"))
        return json.loads(rows[0]["value"]) if rows else list(DEFAULT_STANCES)

    def set_stances(self, stances: Iterable[str]) -> None:
        """Replace the stance list (notes keep the stance they have)."""
        value = json.dumps(list(clean_tags(stances)), ensure_ascii=False)
        with self.db.conn:
            self.db.table("config").upsert({"key": "stances", "value": value}, pk="key")
