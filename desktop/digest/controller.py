"""The one object the GUI uses for digests: several digests, the current one, undoable edits.

Every write goes through here, so every view hears of it by the same signals, and every
user action is one step of `undo_stack` (a `QUndoStack`, as the notes controller keeps).
Writes are single SQLite commits in the user database, well under a millisecond, so they
run in the GUI thread like the notes' writes; reading the library (what a hit or a
selection quotes) and exporting run in workers (`desktop.digest.jobs`).

Signals: ``digests_changed()`` (a digest was created, deleted, restored or its cover
changed: the chooser lists them again), ``digest_changed(str id)`` (its cover, sections or
items changed), ``current_changed(str id)`` ('' when there is none), ``item_added(DigestItem)``.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.digest import undo
from desktop.digest.jobs import PendingQuote
from userdata.digest.model import COMMENTARY, Digest, DigestItem, DigestSection, Outline
from userdata.digest.sources import notes_on
from userdata.digest.store import DigestStore
from userdata.notes.store import Note


def plain_html(text: str) -> str:
    """Plain text as the limited HTML notes and commentary keep: one <p> per line."""
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


class DigestController(QObject):
    """The digests of the current user; `notes` is the `NotesController` (None without notes)."""

    digests_changed = Signal()
    digest_changed = Signal(str)
    current_changed = Signal(str)
    item_added = Signal(object)  # DigestItem

    def __init__(self, store: DigestStore | None = None, *, notes=None, folder: Path | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.store = store if store is not None else DigestStore(folder)
        self.notes = notes
        self.undo_stack = QUndoStack(self)
        self.current_id = ""
        #: Where quotations are added: the section chosen in the outline ('' = the last one).
        self.target_section_id = ""

    @property
    def folder(self) -> Path:
        """The user database's folder (workers open their own connections there)."""
        return self.store.folder

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    # ------------------------------------------------------------------ reading

    def digests(self) -> list[Digest]:
        """Every live digest, most recently changed first."""
        return self.store.digests()

    def current(self) -> Digest | None:
        """The digest shown, or None."""
        digest = self.store.digest(self.current_id) if self.current_id else None
        return digest if digest is not None and not digest.deleted else None

    def outline(self, digest_id: str | None = None) -> Outline | None:
        """The sections and items of a digest (the current one by default), or None."""
        digest_id = digest_id or self.current_id
        digest = self.store.digest(digest_id) if digest_id else None
        return self.store.outline(digest_id) if digest is not None and not digest.deleted else None

    def note(self, note_id: str) -> Note | None:
        """A note shown with an item (None without notes, or when it is deleted)."""
        note = self.notes.note(note_id) if self.notes is not None else None
        return note if note is not None and not note.deleted else None

    def set_current(self, digest_id: str) -> None:
        """Show another digest ('' for none)."""
        if digest_id == self.current_id:
            return
        self.current_id = digest_id
        self.target_section_id = ""
        self.current_changed.emit(digest_id)

    def choose(self, preferred: str = "") -> None:
        """Make `preferred` current if it is a live digest, else the most recently changed one."""
        live = [d.id for d in self.digests()]
        self.set_current(preferred if preferred in live else (live[0] if live else ""))

    # ------------------------------------------------------------------ digests

    def create_digest(self, title: str = "", **cover) -> Digest:
        """A new digest (dated today unless `cover` says otherwise), made current; undoable."""
        cover.setdefault("date", dt.date.today().isoformat())
        digest = self.store.create_digest(title.strip() or self.tr("新建摘编"), **cover)
        self.undo_stack.push(undo.CreateDigestCommand(self, digest.id, self.tr("新建摘编")))
        self.digests_changed.emit()
        self.set_current(digest.id)
        return digest

    def update_cover(self, digest_id: str, **fields) -> Digest | None:
        """Change cover fields or the mark as one undo step; None (no step) when nothing changes."""
        digest = self.store.require_digest(digest_id)
        after = {k: v for k, v in fields.items() if getattr(digest, k) != v}
        if not after:
            return None
        before = {k: getattr(digest, k) for k in after}
        label = (self.tr("设置摘编密级") if set(after) == {"mark"} else
                 self.tr("重命名摘编") if set(after) == {"title"} else self.tr("修改封面"))
        self.undo_stack.push(undo.EditDigestCommand(self, digest_id, before, after, label))
        return self.store.digest(digest_id)

    def delete_digest(self, digest_id: str) -> None:
        """Delete a digest (softly: undo brings it back)."""
        if self.store.digest(digest_id) is not None:
            self.undo_stack.push(undo.DeleteDigestCommand(self, digest_id, self.tr("删除摘编")))

    # ------------------------------------------------------------------ sections

    def add_section(self, heading: str = "", *, digest_id: str | None = None,
                    position: int | None = None) -> DigestSection:
        """A new section of a digest (the current one by default); undoable."""
        digest_id = digest_id or self.current_id
        section = self.store.add_section(digest_id, heading.strip() or self.tr("新章节"), position=position)
        self.undo_stack.push(undo.AddSectionCommand(self, digest_id, section.id, self.tr("添加章节")))
        self._announce(digest_id)
        return section

    def rename_section(self, section_id: str, heading: str) -> None:
        """Change a section's heading (undoable); blank headings are refused silently."""
        section = self.store.section(section_id)
        if heading.strip() and heading != section.heading:
            self.undo_stack.push(undo.EditSectionCommand(self, section.digest_id, section_id, section.heading,
                                                         heading, self.tr("修改章节标题")))

    def move_section(self, section_id: str, position: int) -> None:
        """Move a section (with its items) among the digest's sections; undoable."""
        section = self.store.section(section_id)
        count = len(self.store.sections(section.digest_id))
        position = max(0, min(position, count - 1))
        if position != section.position:
            self.undo_stack.push(undo.MoveSectionCommand(self, section.digest_id, section_id, section.position,
                                                         position, self.tr("移动章节")))

    def remove_section(self, section_id: str) -> None:
        """Remove a section and its items; undo puts them back."""
        section = self.store.section(section_id)
        self.undo_stack.push(undo.RemoveSectionCommand(self, section.digest_id, section_id, self.tr("删除章节")))

    # ------------------------------------------------------------------ items

    def add_commentary(self, section_id: str, body_text: str = "", *, position: int | None = None) -> DigestItem:
        """A commentary (编者按) in a section; undoable."""
        text = body_text.strip() or self.tr("编者按：")
        item = self.store.add_commentary(section_id, body_text=text, body_html=plain_html(text), position=position)
        self.undo_stack.push(undo.AddItemCommand(self, item.digest_id, item.id, self.tr("添加编者按")))
        self._announce(item.digest_id)
        self.item_added.emit(item)
        return item

    def edit_commentary(self, item_id: str, body_text: str) -> None:
        """Change a commentary's text (undoable); a quotation is never edited."""
        item = self.store.item(item_id)
        if item.kind != COMMENTARY or body_text == item.body_text:
            return
        before = {"body_text": item.body_text, "body_html": item.body_html}
        after = {"body_text": body_text, "body_html": plain_html(body_text)}
        self.undo_stack.push(undo.EditItemCommand(self, item.digest_id, item_id, before, after,
                                                  self.tr("编辑编者按")))

    def move_item(self, item_id: str, position: int, section_id: str | None = None) -> None:
        """Move an item within its section or to another section of its digest; undoable."""
        item = self.store.item(item_id)
        target = section_id or item.section_id
        count = len(self.store.items(target)) - (1 if target == item.section_id else 0)
        position = max(0, min(position, count))
        if (target, position) != (item.section_id, item.position):
            self.undo_stack.push(undo.MoveItemCommand(self, item.digest_id, item_id, (item.section_id, item.position),
                                                      (target, position), self.tr("移动条目")))

    def remove_item(self, item_id: str) -> None:
        """Remove an item from its digest; undo puts it back."""
        item = self.store.item(item_id)
        self.undo_stack.push(undo.RemoveItemCommand(self, item.digest_id, item_id, self.tr("移除条目")))

    def detach_note(self, item_id: str, note_id: str) -> None:
        """Stop showing a note with an item (the note stays in the Notes view); undoable."""
        item = self.store.item(item_id)
        if note_id in item.note_ids:
            self.undo_stack.push(undo.DetachNoteCommand(self, item.digest_id, item_id, note_id, item.note_ids,
                                                        self.tr("移除笔记")))

    def add_pending(self, pending: PendingQuote) -> DigestItem:
        """Add a quotation to the current digest's chosen section, with the notes written on it.

        Without a digest one is created, without a section one is added: all one undo step.
        """
        self.undo_stack.beginMacro(self.tr("加入摘编"))
        try:
            if self.current() is None:
                self.create_digest()
            section_id = self._target_section()
            note_ids = pending.note_ids or tuple(n.id for n in self._notes_on(pending))
            if pending.abstract:
                item = self.store.add_abstract(section_id, pending.ref, note_ids=note_ids)
            else:
                item = self.store.add_quote(section_id, pending.ref, text=pending.text, page=pending.page,
                                            anchor=pending.anchor, note_ids=note_ids)
            self.undo_stack.push(undo.AddItemCommand(self, item.digest_id, item.id, self.tr("加入摘编")))
        finally:
            self.undo_stack.endMacro()
        self._announce(item.digest_id)
        self.item_added.emit(item)
        return item

    def add_figure(self, image: bytes, caption: str) -> DigestItem:
        """Add a figure (PNG, with its caption) to the current digest's chosen section; one undo step.

        Without a digest one is created, without a section one is added.
        """
        self.undo_stack.beginMacro(self.tr("插入图表"))
        try:
            if self.current() is None:
                self.create_digest()
            item = self.store.add_figure(self._target_section(), image=image, caption=caption)
            self.undo_stack.push(undo.AddItemCommand(self, item.digest_id, item.id, self.tr("插入图表")))
        finally:
            self.undo_stack.endMacro()
        self._announce(item.digest_id)
        self.item_added.emit(item)
        return item

    def _target_section(self) -> str:
        sections = self.store.sections(self.current_id)
        if any(s.id == self.target_section_id for s in sections):
            return self.target_section_id
        if sections:
            return sections[-1].id
        return self.add_section().id

    def _notes_on(self, pending: PendingQuote) -> list[Note]:
        if self.notes is None:
            return []
        return notes_on(pending.provisional_item(), self.notes.notes_for(pending.ref.file_sha256))

    # ------------------------------------------------------------------ used by the commands

    def _write(self, digest_id: str, fn, *args, **kwargs):
        result = fn(*args, **kwargs)
        if fn == self.store.update_digest:
            self.digests_changed.emit()
        self._announce(digest_id)
        return result

    def _announce(self, digest_id: str) -> None:
        """A digest changed: show it (an undo may touch one not shown) and tell the views."""
        digest = self.store.digest(digest_id)
        if digest is not None and not digest.deleted:
            self.set_current(digest_id)
        self.digest_changed.emit(digest_id)

    def _set_deleted(self, digest_id: str, deleted: bool) -> None:
        self.store.update_digest_deleted(digest_id, deleted)
        self.digests_changed.emit()
        if deleted:
            if self.current_id == digest_id:
                self.choose()
        else:
            self.set_current(digest_id)
        self.digest_changed.emit(digest_id)

    def _relink_notes(self, item_id: str, note_ids: tuple[str, ...]) -> DigestItem:
        for note_id in self.store.item(item_id).note_ids:
            self.store.detach_note(item_id, note_id)
        return self.store.attach_notes(item_id, note_ids)
