"""Undoable digest operations for the controller's `QUndoStack`.

Every command writes through the controller (`DigestController._write`), which saves to the
store and emits the change signals, so undo and redo look to every view like the original
action. Adds are saved before their command is pushed (the new id is needed at once): their
first `redo` does nothing. A removal keeps what the store handed back (`RemovedItem`,
`RemovedSection`) and gives it to the matching restore; a move remembers where it came from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from desktop.digest.controller import DigestController


class _Command(QUndoCommand):
    def __init__(self, controller: DigestController, digest_id: str, text: str):
        super().__init__(text)
        self.controller, self.digest_id = controller, digest_id

    def write(self, fn, *args, **kwargs):
        """Run a store method and announce the change of this command's digest."""
        return self.controller._write(self.digest_id, fn, *args, **kwargs)


class CreateDigestCommand(_Command):
    """A digest just created: undo deletes it (softly), redo brings it back."""

    def __init__(self, controller: DigestController, digest_id: str, text: str):
        super().__init__(controller, digest_id, text)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.controller._set_deleted(self.digest_id, False)

    def undo(self) -> None:
        self.controller._set_deleted(self.digest_id, True)


class DeleteDigestCommand(_Command):
    """A digest deleted (softly): undo restores it."""

    def redo(self) -> None:
        self.controller._set_deleted(self.digest_id, True)

    def undo(self) -> None:
        self.controller._set_deleted(self.digest_id, False)


class EditDigestCommand(_Command):
    """Cover fields or the digest's own mark changed: `before` and `after` hold the values."""

    def __init__(self, controller: DigestController, digest_id: str, before: dict, after: dict, text: str):
        super().__init__(controller, digest_id, text)
        self.before, self.after = before, after

    def redo(self) -> None:
        self.write(self.controller.store.update_digest, self.digest_id, **self.after)

    def undo(self) -> None:
        self.write(self.controller.store.update_digest, self.digest_id, **self.before)


class AddSectionCommand(_Command):
    """A section just added: undo removes it, redo puts it back."""

    def __init__(self, controller: DigestController, digest_id: str, section_id: str, text: str):
        super().__init__(controller, digest_id, text)
        self.section_id, self.removed, self._first = section_id, None, True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.write(self.controller.store.restore_section, self.removed)

    def undo(self) -> None:
        self.removed = self.write(self.controller.store.remove_section, self.section_id)


class RemoveSectionCommand(_Command):
    """A section and its items removed: undo puts them back where they were."""

    def __init__(self, controller: DigestController, digest_id: str, section_id: str, text: str):
        super().__init__(controller, digest_id, text)
        self.section_id, self.removed = section_id, None

    def redo(self) -> None:
        self.removed = self.write(self.controller.store.remove_section, self.section_id)

    def undo(self) -> None:
        self.write(self.controller.store.restore_section, self.removed)


class EditSectionCommand(_Command):
    """A section's heading changed."""

    def __init__(self, controller: DigestController, digest_id: str, section_id: str, before: str, after: str,
                 text: str):
        super().__init__(controller, digest_id, text)
        self.section_id, self.before, self.after = section_id, before, after

    def redo(self) -> None:
        self.write(self.controller.store.update_section, self.section_id, heading=self.after)

    def undo(self) -> None:
        self.write(self.controller.store.update_section, self.section_id, heading=self.before)


class MoveSectionCommand(_Command):
    """A section moved from position `before` to `after`."""

    def __init__(self, controller: DigestController, digest_id: str, section_id: str, before: int, after: int,
                 text: str):
        super().__init__(controller, digest_id, text)
        self.section_id, self.before, self.after = section_id, before, after

    def redo(self) -> None:
        self.write(self.controller.store.move_section, self.section_id, self.after)

    def undo(self) -> None:
        self.write(self.controller.store.move_section, self.section_id, self.before)


class AddItemCommand(_Command):
    """An item just added: undo removes it (with its note links), redo restores it."""

    def __init__(self, controller: DigestController, digest_id: str, item_id: str, text: str):
        super().__init__(controller, digest_id, text)
        self.item_id, self.removed, self._first = item_id, None, True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.write(self.controller.store.restore_item, self.removed)

    def undo(self) -> None:
        self.removed = self.write(self.controller.store.remove_item, self.item_id)


class RemoveItemCommand(_Command):
    """An item removed: undo puts it back at its place with its note links."""

    def __init__(self, controller: DigestController, digest_id: str, item_id: str, text: str):
        super().__init__(controller, digest_id, text)
        self.item_id, self.removed = item_id, None

    def redo(self) -> None:
        self.removed = self.write(self.controller.store.remove_item, self.item_id)

    def undo(self) -> None:
        self.write(self.controller.store.restore_item, self.removed)


class MoveItemCommand(_Command):
    """An item moved: `before` and `after` are (section id, position)."""

    def __init__(self, controller: DigestController, digest_id: str, item_id: str, before: tuple[str, int],
                 after: tuple[str, int], text: str):
        super().__init__(controller, digest_id, text)
        self.item_id, self.before, self.after = item_id, before, after

    def redo(self) -> None:
        section_id, position = self.after
        self.write(self.controller.store.move_item, self.item_id, position, section_id)

    def undo(self) -> None:
        section_id, position = self.before
        self.write(self.controller.store.move_item, self.item_id, position, section_id)


class EditItemCommand(_Command):
    """A commentary's body changed: `before` and `after` hold body_text and body_html."""

    def __init__(self, controller: DigestController, digest_id: str, item_id: str, before: dict, after: dict,
                 text: str):
        super().__init__(controller, digest_id, text)
        self.item_id, self.before, self.after = item_id, before, after

    def redo(self) -> None:
        self.write(self.controller.store.update_item, self.item_id, **self.after)

    def undo(self) -> None:
        self.write(self.controller.store.update_item, self.item_id, **self.before)


class DetachNoteCommand(_Command):
    """A note no longer shown with an item (the note itself is untouched): undo shows it again in its place."""

    def __init__(self, controller: DigestController, digest_id: str, item_id: str, note_id: str,
                 before: tuple[str, ...], text: str):
        super().__init__(controller, digest_id, text)
        self.item_id, self.note_id, self.before = item_id, note_id, before

    def redo(self) -> None:
        self.write(self.controller.store.detach_note, self.item_id, self.note_id)

    def undo(self) -> None:
        self.write(self.controller._relink_notes, self.item_id, self.before)
