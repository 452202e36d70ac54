"""The one object the main window uses for notes: create, edit, delete (undoable), find, re-anchor.

All writes go through here so that every view hears of them by the same signals. Writes
are single-row SQLite commits of well under a millisecond, so they run in the GUI thread:
a save is on disk before the call returns, which is what "nothing typed is lost" needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.notes.commands import AddNoteCommand, DeleteNoteCommand, EditNoteCommand
from userdata.notes import anchor as anchoring
from userdata.notes import search as note_search
from userdata.notes.store import EDITABLE, Anchor, Note, NoteStore

_SELECTION_FIELDS = ("file_sha256", "page", "start", "end", "quote", "prefix", "suffix")


def anchor_of(selection) -> tuple[str, Anchor]:
    """(file_sha256, Anchor) of a reader selection: an object with the seven fields, or a 7-tuple."""
    if isinstance(selection, (tuple, list)):
        values = dict(zip(_SELECTION_FIELDS, selection, strict=True))
    else:
        values = {name: getattr(selection, name) for name in _SELECTION_FIELDS}
    return values["file_sha256"], Anchor(values["quote"], values["prefix"], values["suffix"],
                                         int(values["page"]), int(values["start"]), int(values["end"]))


class NotesController(QObject):
    """Notes of the current user; see `desktop.notes` for the API the main window uses."""

    note_added = Signal(object)  # Note (also when an undo brings one back)
    note_changed = Signal(object)  # Note, after an edit or re-anchoring
    note_deleted = Signal(object)  # Note, soft-deleted
    notes_changed = Signal(str)  # file_sha256 whose notes changed in any way
    edit_requested = Signal(str)  # note id the user wants to edit (a new note, a double-click)

    def __init__(self, store: NoteStore | None = None, *, folder: Path | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.store = store if store is not None else NoteStore(folder)
        self.undo_stack = QUndoStack(self)

    def close(self) -> None:
        """Close the database (the editor flushes itself before)."""
        self.store.close()

    # ------------------------------------------------------------------ reading

    def note(self, note_id: str) -> Note | None:
        """One note by id (deleted ones too)."""
        return self.store.get(note_id)

    def notes_for(self, file_sha256: str, page: int | None = None) -> list[Note]:
        """Live notes of a file in reading order; with `page`, those anchored there (not orphans)."""
        notes = self.store.notes(file_sha256)
        if page is None:
            return notes
        return [n for n in notes if n.anchor.page == page and not n.orphaned]

    def all_notes(self) -> list[Note]:
        """Every live note of the user."""
        return self.store.notes()

    def search(self, query: str) -> list[Note]:
        """Notes matching a query in the library's language; raises `QuerySyntaxError`."""
        return note_search.search(self.store.notes(), query)

    def stances(self) -> list[str]:
        """The stances offered (configurable through `store.set_stances`)."""
        return self.store.stances()

    def tags(self) -> list[str]:
        """Tags in use, most used first (for completion)."""
        return self.store.tags()

    # ------------------------------------------------------------------ writing (undoable)

    def add_note(self, selection, doc_title: str = "", *, body_html: str = "", body_text: str = "",
                 tags: Iterable[str] = (), stance: str = "") -> Note:
        """Create a note on a reader selection, save it, and ask for an editor (`edit_requested`)."""
        file_sha256, anchor = anchor_of(selection)
        note = self.store.add(file_sha256, anchor, doc_title=doc_title, body_html=body_html,
                              body_text=body_text, tags=tags, stance=stance)
        self.undo_stack.push(AddNoteCommand(self, note.id, self.tr("添加笔记")))
        self._announce(self.note_added, note)
        self.edit_requested.emit(note.id)
        return note

    def update_note(self, note_id: str, **fields) -> Note | None:
        """Change fields of a note as one undo step; None (and no step) when nothing changes."""
        note = self.store.get(note_id)
        if note is None:
            raise KeyError(note_id)
        if set(fields) - EDITABLE:
            raise ValueError(f"not editable: {sorted(set(fields) - EDITABLE)}")
        if "tags" in fields:
            fields["tags"] = tuple(fields["tags"])
        after = {k: v for k, v in fields.items() if getattr(note, k) != v}
        if not after:
            return None
        before = {k: getattr(note, k) for k in after}
        label = self.tr("编辑笔记") if set(after) & {"body_html", "body_text"} else self.tr("修改标签或立场")
        self.undo_stack.push(EditNoteCommand(self, note_id, before, after, label))
        return self.store.get(note_id)

    def delete_note(self, note_id: str) -> None:
        """Delete a note (softly: undo brings it back)."""
        if self.store.get(note_id) is not None:
            self.undo_stack.push(DeleteNoteCommand(self, note_id, self.tr("删除笔记")))

    def request_edit(self, note_id: str) -> None:
        """Ask whoever shows the editor to open this note."""
        self.edit_requested.emit(note_id)

    # ------------------------------------------------------------------ re-anchoring

    def reanchor(self, file_sha256: str, page_texts: Mapping[int, str]) -> dict[str, int]:
        """Re-attach the file's notes to its current page texts; counts per anchor status.

        Give every page of the file when you can. With only some pages (one document of a
        digest), a note whose page is not among them and whose quote is not found in them is
        left as it was (counted as ``unchecked``), never orphaned for lack of text.
        Not undoable (it is not a user edit); notes are never deleted, only marked orphaned.
        """
        counts = dict.fromkeys(("exact", "moved", "fuzzy", "orphan", "unchecked"), 0)
        changed = False
        for note in self.store.notes(file_sha256):
            found = anchoring.locate(note.anchor, page_texts)
            if found.status == "orphan" and note.anchor.page not in page_texts:
                counts["unchecked"] += 1
                continue
            counts[found.status] += 1
            moved = found.apply(note.anchor)
            if moved != note.anchor:
                self.note_changed.emit(self.store.set_anchor(note.id, moved))
                changed = True
        if changed:
            self.notes_changed.emit(file_sha256)
        return counts

    # ------------------------------------------------------------------ used by the commands

    def _apply_fields(self, note_id: str, fields: dict) -> None:
        self._announce(self.note_changed, self.store.update(note_id, **fields))

    def _apply_deleted(self, note_id: str, deleted: bool) -> None:
        if deleted:
            self._announce(self.note_deleted, self.store.delete(note_id))
        else:
            self._announce(self.note_added, self.store.restore(note_id))

    def _announce(self, signal, note: Note) -> None:
        signal.emit(note)
        self.notes_changed.emit(note.file_sha256)
