"""The digest store: digests, sections, items and item↔note links in the user database.

The same SQLite file as the notes (`userdata.db`: ``notes.db`` in `default_dir()`,
WAL, schema version in ``user_version``; the digest tables are its migration 2). Every
write is one committed transaction. Digests are soft-deleted; a removed section or item is
deleted for good but handed back whole, so `restore_section` / `restore_item` undo it.
Positions are 0-based and kept dense within a digest (sections) and a section (items).
No Qt here. Use a store from one thread.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TypedDict, Unpack

from userdata.db import DB_NAME, default_dir, now, open_database
from userdata.digest.audit import AuditLog
from userdata.digest.model import (
    ABSTRACT,
    COMMENTARY,
    DIGEST_FIELDS,
    FIGURE,
    ITEM_FIELDS,
    KINDS,
    QUOTE,
    CommentaryEdits,
    Digest,
    DigestCover,
    DigestEdits,
    DigestItem,
    DigestSection,
    Outline,
    RemovedItem,
    RemovedSection,
    SourceRef,
    SourceSnapshot,
)
from userdata.errors import DigestError, NotesError
from userdata.notes.store import Anchor


class DigestStore:
    """The digests of one user; `folder` defaults to the user database's `default_dir()`."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else default_dir()
        try:
            self.db = open_database(self.folder)
        except (OSError, sqlite3.DatabaseError) as exc:
            raise NotesError(f"无法打开用户数据库 {self.folder / DB_NAME}：{exc} "
                             f"(cannot open the user database)") from exc
        self.audit = AuditLog(self.db)

    @property
    def path(self) -> Path:
        """The database file (shared with the notes)."""
        return self.folder / DB_NAME

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # ------------------------------------------------------------------ digests

    def create_digest(self, title: str, **cover: Unpack[DigestCover]) -> Digest:
        """A new empty digest; `cover` may hold issue, compiler, organisation, date, mark."""
        _check_fields(cover, DIGEST_FIELDS)
        stamp = now()
        digest = Digest(uuid.uuid4().hex, title, **cover, created=stamp, updated=stamp)
        with self._tx():
            self.db.table("digests").insert(_digest_row(digest))
        return digest

    def digests(self, *, deleted: bool = False) -> list[Digest]:
        """Every digest, most recently changed first; soft-deleted ones only if asked."""
        sql = "SELECT * FROM digests" + ("" if deleted else " WHERE deleted = 0") + " ORDER BY updated DESC, rowid DESC"
        return [_digest(r) for r in self.db.query(sql)]

    def digest(self, digest_id: str) -> Digest | None:
        """One digest by id (deleted ones too), or None."""
        rows = list(self.db.query("SELECT * FROM digests WHERE id = ?", [digest_id]))
        return _digest(rows[0]) if rows else None

    def update_digest(self, digest_id: str, **fields: Unpack[DigestEdits]) -> Digest:
        """Change cover fields or the digest's own mark (see `DIGEST_FIELDS`); returns the digest."""
        _check_fields(fields, DIGEST_FIELDS)
        changed = replace(self.require_digest(digest_id), **fields, updated=now())
        with self._tx():
            self.db.table("digests").upsert(_digest_row(changed), pk="id")
        return changed

    def delete_digest(self, digest_id: str) -> Digest:
        """Soft-delete a digest (`restore_digest` undoes it; its rows stay)."""
        return self.update_digest_deleted(digest_id, True)

    def restore_digest(self, digest_id: str) -> Digest:
        """Undo `delete_digest`."""
        return self.update_digest_deleted(digest_id, False)

    def update_digest_deleted(self, digest_id: str, deleted: bool) -> Digest:
        """Set or clear a digest's deleted flag."""
        changed = replace(self.require_digest(digest_id), deleted=deleted, updated=now())
        with self._tx():
            self.db.table("digests").upsert(_digest_row(changed), pk="id")
        return changed

    def require_digest(self, digest_id: str) -> Digest:
        """The digest, or `DigestError` (exit status 6) when there is none with this id."""
        digest = self.digest(digest_id)
        if digest is None:
            raise DigestError(f"没有编号为 {digest_id} 的摘编 (no digest with id {digest_id})")
        return digest

    def outline(self, digest_id: str) -> Outline:
        """The digest with its sections and their items, in order."""
        digest = self.require_digest(digest_id)
        return Outline(digest, tuple((s, tuple(self.items(s.id))) for s in self.sections(digest_id)))

    # ------------------------------------------------------------------ sections

    def add_section(self, digest_id: str, heading: str, *, level: int = 1, position: int | None = None) -> DigestSection:
        """A new section at `position` (default: last)."""
        self.require_digest(digest_id)
        section = DigestSection(uuid.uuid4().hex, digest_id, heading, level, 0)
        with self._tx():
            self._insert_section(section, position)
        return self.section(section.id)

    def sections(self, digest_id: str) -> list[DigestSection]:
        """The sections of a digest in order."""
        rows = self.db.query("SELECT * FROM digest_sections WHERE digest_id = ? ORDER BY position", [digest_id])
        return [_section(r) for r in rows]

    def section(self, section_id: str) -> DigestSection:
        """One section; `KeyError` if unknown."""
        rows = list(self.db.query("SELECT * FROM digest_sections WHERE id = ?", [section_id]))
        if not rows:
            raise KeyError(section_id)
        return _section(rows[0])

    def update_section(self, section_id: str, *, heading: str | None = None, level: int | None = None) -> DigestSection:
        """Change a section's heading or level."""
        section = self.section(section_id)
        changed = replace(section, heading=section.heading if heading is None else heading,
                          level=section.level if level is None else level)
        with self._tx():
            self.db.table("digest_sections").update(section_id, {"heading": changed.heading,
                                                                 "level": changed.level})
            self._touch(section.digest_id)
        return changed

    def move_section(self, section_id: str, position: int) -> DigestSection:
        """Move a section (with its items) to `position` among the digest's sections."""
        section = self.section(section_id)
        with self._tx():
            order = [s.id for s in self.sections(section.digest_id) if s.id != section_id]
            order.insert(_clamp(position, len(order)), section_id)
            self._renumber("digest_sections", order)
            self._touch(section.digest_id)
        return self.section(section_id)

    def remove_section(self, section_id: str) -> RemovedSection:
        """Delete a section and its items; the returned value restores them (`restore_section`)."""
        section = self.section(section_id)
        items = tuple(self.items(section_id))
        with self._tx():
            for item in items:
                self._delete_item_rows(item.id)
            self.db.table("digest_sections").delete(section_id)
            self._renumber("digest_sections", [s.id for s in self.sections(section.digest_id)])
            self._touch(section.digest_id)
        return RemovedSection(section, items)

    def restore_section(self, removed: RemovedSection) -> DigestSection:
        """Put a removed section back where it was, with its items and their note links."""
        with self._tx():
            self._insert_section(removed.section, removed.section.position)
            for item in removed.items:
                self._insert_item(item, item.position)
        return self.section(removed.section.id)

    # ------------------------------------------------------------------ items

    def add_quote(self, section_id: str, ref: SourceRef, *, text: str, page: int, anchor: Anchor | None = None,
                  note_ids: Iterable[str] = (), position: int | None = None) -> DigestItem:
        """Quote a passage of `ref`'s document: its text and start page, the document's metadata and mark
        as they are now, and (when known) the text-quote anchor in the page's text (its quote is `text`)."""
        if not text.strip():
            raise DigestError("引文不能为空 (a quotation needs some text)")
        return self._add(section_id, QUOTE, position, text=text, page=page, file_sha256=ref.file_sha256,
                         doc_id=ref.doc_id, source=ref.source, mark=ref.mark, anchor=anchor, note_ids=tuple(note_ids))

    def add_abstract(self, section_id: str, ref: SourceRef, *, note_ids: Iterable[str] = (),
                     position: int | None = None) -> DigestItem:
        """Quote a document's abstract (`ref.source.abstract`, cited at its first page)."""
        if not ref.source.abstract.strip():
            raise DigestError(f"《{ref.source.title}》没有摘要 (the document has no abstract)")
        return self._add(section_id, ABSTRACT, position, text=ref.source.abstract, page=ref.source.first_page,
                         file_sha256=ref.file_sha256, doc_id=ref.doc_id, source=ref.source, mark=ref.mark,
                         note_ids=tuple(note_ids))

    def add_commentary(self, section_id: str, *, body_text: str, body_html: str = "",
                       position: int | None = None) -> DigestItem:
        """A free-text block by the compiler (按语, 编者按)."""
        return self._add(section_id, COMMENTARY, position, body_text=body_text, body_html=body_html)

    def add_figure(self, section_id: str, *, image: bytes, caption: str, position: int | None = None) -> DigestItem:
        """A figure: a PNG picture (a chart of the 分析 window) with its caption (图N is added when exported)."""
        if not image.startswith(b"\x89PNG\r\n\x1a\n"):
            raise DigestError("插图必须是 PNG 图片 (a figure must be a PNG picture)")
        return self._add(section_id, FIGURE, position, image=image, body_text=caption.strip())

    def item(self, item_id: str) -> DigestItem:
        """One item with its note links; `KeyError` if unknown."""
        rows = list(self.db.query("SELECT * FROM digest_items WHERE id = ?", [item_id]))
        if not rows:
            raise KeyError(item_id)
        return _item(rows[0], self._note_ids(item_id))

    def items(self, section_id: str) -> list[DigestItem]:
        """The items of a section in order."""
        rows = self.db.query("SELECT * FROM digest_items WHERE section_id = ? ORDER BY position", [section_id])
        return [_item(r, self._note_ids(r["id"])) for r in rows]

    def update_item(self, item_id: str, **fields: Unpack[CommentaryEdits]) -> DigestItem:
        """Change a commentary's body (`ITEM_FIELDS`); quotations are never edited (remove and re-add)."""
        _check_fields(fields, ITEM_FIELDS)
        item = self.item(item_id)
        if item.kind != COMMENTARY:
            raise ValueError("only commentary items are edited; a quotation stays as quoted")
        changed = replace(item, **fields, updated=now())
        with self._tx():
            self.db.table("digest_items").update(item_id, {**fields, "updated": changed.updated})
            self._touch(item.digest_id)
        return changed

    def move_item(self, item_id: str, position: int, section_id: str | None = None) -> DigestItem:
        """Move an item to `position` in its section, or in another section of the same digest."""
        item = self.item(item_id)
        target = self.section(section_id or item.section_id)
        if target.digest_id != item.digest_id:
            raise ValueError("an item moves only between sections of its own digest")
        with self._tx():
            self.db.table("digest_items").update(item_id, {"section_id": target.id})
            order = [i.id for i in self.items(target.id) if i.id != item_id]
            order.insert(_clamp(position, len(order)), item_id)
            self._renumber("digest_items", order)
            if target.id != item.section_id:
                self._renumber("digest_items", [i.id for i in self.items(item.section_id)])
            self._touch(item.digest_id)
        return self.item(item_id)

    def remove_item(self, item_id: str) -> RemovedItem:
        """Delete an item (and its note links); the returned value restores it (`restore_item`)."""
        item = self.item(item_id)
        with self._tx():
            self._delete_item_rows(item_id)
            self._renumber("digest_items", [i.id for i in self.items(item.section_id)])
            self._touch(item.digest_id)
        return RemovedItem(item)

    def restore_item(self, removed: RemovedItem) -> DigestItem:
        """Put a removed item back at its place, with its note links."""
        with self._tx():
            self._insert_item(removed.item, removed.item.position)
        return self.item(removed.item.id)

    # ------------------------------------------------------------------ notes on items

    def attach_notes(self, item_id: str, note_ids: Iterable[str]) -> DigestItem:
        """Show these notes with the item, after those it has (already attached ones stay where they are)."""
        item = self.item(item_id)
        with self._tx():
            self._link_notes(item_id, [*item.note_ids, *note_ids])
            self._touch(item.digest_id)
        return self.item(item_id)

    def detach_note(self, item_id: str, note_id: str) -> DigestItem:
        """Stop showing a note with the item (the note itself is untouched)."""
        item = self.item(item_id)
        with self._tx():
            self._link_notes(item_id, [n for n in item.note_ids if n != note_id])
            self._touch(item.digest_id)
        return self.item(item_id)

    def items_citing(self, file_sha256: str) -> list[DigestItem]:
        """Every item quoting a file (in any digest), e.g. to warn before it leaves the library."""
        rows = self.db.query("SELECT * FROM digest_items WHERE file_sha256 = ? ORDER BY digest_id, position",
                             [file_sha256])
        return [_item(r, self._note_ids(r["id"])) for r in rows]

    # ------------------------------------------------------------------ internals

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One committed transaction; storage errors become `DigestError`."""
        try:
            with self.db.atomic():  # sqlite-utils' own writes nest inside as savepoints
                yield
        except sqlite3.DatabaseError as exc:
            raise DigestError(f"无法写入用户数据库 {self.path}：{exc} (cannot write the user database)") from exc

    def _add(self, section_id: str, kind: str, position: int | None,
             **fields: Unpack[_ItemContent]) -> DigestItem:
        section = self.section(section_id)
        stamp = now()
        item = DigestItem(uuid.uuid4().hex, section.digest_id, section_id, kind, created=stamp, updated=stamp,
                          **fields)
        with self._tx():
            self._insert_item(item, position)
            self._touch(section.digest_id)
        return self.item(item.id)

    def _insert_section(self, section: DigestSection, position: int | None) -> None:
        order = [s.id for s in self.sections(section.digest_id)]
        self.db.table("digest_sections").insert({**section.__dict__, "position": len(order)})
        order.insert(_clamp(len(order) if position is None else position, len(order)), section.id)
        self._renumber("digest_sections", order)

    def _insert_item(self, item: DigestItem, position: int | None) -> None:
        if item.kind not in KINDS:
            raise ValueError(f"unknown item kind {item.kind!r}")
        order = [i.id for i in self.items(item.section_id)]
        self.db.table("digest_items").insert({**_item_row(item), "position": len(order)})
        order.insert(_clamp(len(order) if position is None else position, len(order)), item.id)
        self._renumber("digest_items", order)
        self._link_notes(item.id, item.note_ids)

    def _link_notes(self, item_id: str, note_ids: Iterable[str]) -> None:
        self.db.execute("DELETE FROM digest_item_notes WHERE item_id = ?", [item_id])
        for position, note_id in enumerate(dict.fromkeys(note_ids)):
            self.db.execute("INSERT INTO digest_item_notes(item_id, note_id, position) VALUES (?, ?, ?)",
                            [item_id, note_id, position])

    def _note_ids(self, item_id: str) -> tuple[str, ...]:
        rows = self.db.execute("SELECT note_id FROM digest_item_notes WHERE item_id = ? ORDER BY position",
                               [item_id])
        return tuple(r[0] for r in rows)

    def _delete_item_rows(self, item_id: str) -> None:
        self.db.execute("DELETE FROM digest_item_notes WHERE item_id = ?", [item_id])
        self.db.execute("DELETE FROM digest_items WHERE id = ?", [item_id])

    def _renumber(self, table: str, ids: list[str]) -> None:
        for position, row_id in enumerate(ids):
            self.db.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [position, row_id])

    def _touch(self, digest_id: str) -> None:
        self.db.execute("UPDATE digests SET updated = ? WHERE id = ?", [now(), digest_id])


# ---------------------------------------------------------------------------- rows

#: A row as sqlite-utils reads it: its values are checked where they become our dataclasses.
Row = dict[str, Any]


class _ItemContent(TypedDict, total=False):
    """What `DigestStore._add` passes on to a new `DigestItem` (see its fields)."""

    text: str
    page: int
    file_sha256: str
    doc_id: str
    source: SourceSnapshot
    mark: str
    anchor: Anchor | None
    note_ids: tuple[str, ...]
    body_html: str
    body_text: str
    image: bytes


def _check_fields(fields: Mapping[str, object], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")


def _clamp(position: int, length: int) -> int:
    return max(0, min(position, length))


def _digest_row(digest: Digest) -> dict[str, object]:
    return {**digest.__dict__, "deleted": int(digest.deleted)}


def _digest(row: Row) -> Digest:
    return Digest(row["id"], row["title"] or "", row["issue"] or "", row["compiler"] or "",
                  row["organisation"] or "", row["date"] or "", row["mark"] or "", row["created"] or "",
                  row["updated"] or "", bool(row["deleted"]))


def _section(row: Row) -> DigestSection:
    return DigestSection(row["id"], row["digest_id"], row["heading"] or "", row["level"], row["position"])


def _item_row(item: DigestItem) -> dict[str, object]:
    a = item.anchor
    return {
        "id": item.id, "digest_id": item.digest_id, "section_id": item.section_id, "kind": item.kind,
        "position": item.position, "text": item.text, "page": item.page, "file_sha256": item.file_sha256,
        "doc_id": item.doc_id, "source": json.dumps(item.source.to_json(), ensure_ascii=False), "mark": item.mark,
        "prefix": a.prefix if a else "", "suffix": a.suffix if a else "", "start": a.start if a else None,
        "end": a.end if a else None, "anchor_status": a.status if a else None,
        "body_html": item.body_html, "body_text": item.body_text, "created": item.created, "updated": item.updated,
        "image": item.image or None,
    }


def _item(row: Row, note_ids: tuple[str, ...]) -> DigestItem:
    anchor = None
    if row["anchor_status"] is not None:
        anchor = Anchor(row["text"] or "", row["prefix"] or "", row["suffix"] or "", row["page"] or 1,
                        row["start"] or 0, row["end"] or 0, row["anchor_status"])
    return DigestItem(row["id"], row["digest_id"], row["section_id"], row["kind"], row["position"],
                      row["text"] or "", row["page"] or 0, row["file_sha256"] or "", row["doc_id"] or "",
                      SourceSnapshot.from_json(json.loads(row["source"] or "{}")), row["mark"] or "", anchor,
                      row["body_html"] or "", row["body_text"] or "", note_ids, row["created"] or "",
                      row["updated"] or "", bytes(row.get("image") or b""))
