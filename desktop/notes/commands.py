"""Undoable note operations for the controller's `QUndoStack`: add, edit, delete.

Each command writes through the controller (which saves to the store and emits the
change signals), so undo and redo look to every view exactly like the original action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from desktop.notes.controller import NotesController


class AddNoteCommand(QUndoCommand):
    """A note just created: undo deletes it (softly), redo brings it back."""

    def __init__(self, controller: NotesController, note_id: str, text: str):
        super().__init__(text)
        self.controller, self.note_id = controller, note_id
        self._first = True

    def redo(self) -> None:
        if self._first:  # the note was saved when created
            self._first = False
            return
        self.controller._apply_deleted(self.note_id, False)

    def undo(self) -> None:
        self.controller._apply_deleted(self.note_id, True)


class EditNoteCommand(QUndoCommand):
    """A change of some fields of a note: `before` and `after` hold the old and new values."""

    def __init__(self, controller: NotesController, note_id: str, before: dict, after: dict, text: str):
        super().__init__(text)
        self.controller, self.note_id = controller, note_id
        self.before, self.after = before, after

    def redo(self) -> None:
        self.controller._apply_fields(self.note_id, self.after)

    def undo(self) -> None:
        self.controller._apply_fields(self.note_id, self.before)


class DeleteNoteCommand(QUndoCommand):
    """A delete (soft): undo restores the note."""

    def __init__(self, controller: NotesController, note_id: str, text: str):
        super().__init__(text)
        self.controller, self.note_id = controller, note_id

    def redo(self) -> None:
        self.controller._apply_deleted(self.note_id, True)

    def undo(self) -> None:
        self.controller._apply_deleted(self.note_id, False)
