"""Policy-interpretation notes (政策解读): store, anchoring, search, models, editor and view.

The main window talks to one `NotesController`; everything else hangs off it::

    from desktop.notes import NotesController, NoteEditor, NotesView, DocumentNotesModel

    notes = NotesController(parent=window)            # opens the user's notes database
    reader.note_requested.connect(window.add_note_on)   # a slot calling notes.add_note(sel, title)
    notes.edit_requested.connect(editor.open_note)

(Connect bound methods, not lambdas that capture a widget: PySide6 6.12 then deletes the
widget twice at teardown — "shared QObject was deleted directly" and an abort.)

    notes.notes_for(file_sha256)                # list[Note] of one file (orphans included)
    notes.notes_for(file_sha256, page=3)        # list[Note] anchored on page 3 (no orphans)
    notes.reanchor(file_sha256, {1: text, ...}) # after a re-index or opening a document
    notes.search("标签:数据安全 -立场:风险")      # list[Note]; QuerySyntaxError on bad syntax

Controller API (`desktop.notes.controller.NotesController`, a QObject):

* ``add_note(selection, doc_title, *, body_html="", tags=(), stance="") -> Note`` —
  `selection` is the reader's `Selection` (or any object / 7-tuple with ``file_sha256, page,
  start, end, quote, prefix, suffix`` in page-text offsets). The note is saved at once, the
  add is undoable, and ``edit_requested(note_id)`` is emitted so an editor can open it.
* ``notes_for(file_sha256, page=None) -> list[Note]`` sorted by (page, start).
* ``reanchor(file_sha256, page_texts: Mapping[int, str]) -> dict[str, int]`` — re-attach the
  file's notes to the current page texts (page number → normalised page text, the same text
  `indexer.extract.locate.page_text` / the catalogue gives); returns counts per anchor status
  (``exact, moved, fuzzy, orphan, unchecked``). Pass every page of the file when you can: a
  note on a page you did not pass, whose quote is not in the pages you did, stays unchecked.
* ``update_note(note_id, **fields)``, ``delete_note(note_id)`` (soft, undoable),
  ``note(note_id)``, ``all_notes()``, ``search(query)``, ``undo_stack`` (a `QUndoStack`),
  ``stances()`` (the configurable stance list), ``close()``.
* Signals: ``note_added(Note)``, ``note_changed(Note)``, ``note_deleted(Note)``,
  ``notes_changed(str file_sha256)`` (after any of those and after `reanchor`: repaint the
  notes beside that file's passages), ``edit_requested(str note_id)``.

`Note` (`userdata.notes.store.Note`, a frozen dataclass): ``id, file_sha256, doc_title,
anchor: Anchor, body_html, body_text, tags: tuple[str, ...], stance, author, created,
updated, deleted``; ``note.orphaned`` is True when its quote could not be found the last time
it was re-anchored (show ``anchor.quote``; it is never deleted). `Anchor`: ``quote, prefix,
suffix, page, start, end, status ('exact' | 'moved' | 'fuzzy' | 'orphan'), version``.

Widgets and models: `NoteEditor(controller)` (``open_note(id)``, ``flush()``, ``saved``
signal), `NotesView(controller)` (the library-wide list with a query box; ``open_requested(Note)``
when the user wants the passage), `DocumentNotesModel(controller, file_sha256)`,
`LibraryNotesModel(controller)` and `NotesFilterProxy` (role constants on `NotesModel`).

`store`, `anchor` and `search` import no Qt; this package loads the Qt parts lazily, so
``import userdata.notes.store`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module

_LAZY = {
    "NotesController": "desktop.notes.controller",
    "NoteEditor": "desktop.notes.editor",
    "NotesView": "desktop.notes.view",
    "NotesModel": "desktop.notes.model",
    "DocumentNotesModel": "desktop.notes.model",
    "LibraryNotesModel": "desktop.notes.model",
    "NotesFilterProxy": "desktop.notes.model",
    "NoteStore": "userdata.notes.store",
    "Note": "userdata.notes.store",
    "Anchor": "userdata.notes.store",
}

__all__ = ["Anchor", "DocumentNotesModel", "LibraryNotesModel", "Note", "NoteEditor", "NoteStore",
           "NotesController", "NotesFilterProxy", "NotesModel", "NotesView"]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'desktop.notes' has no attribute {name!r}")
    return getattr(import_module(module), name)
