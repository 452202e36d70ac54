"""The current digest as a tree: sections, their items, and under each quotation the notes shown with it.

One column. Rows follow the controller: after every change the model compares the stored
outline with what it shows and inserts, removes, moves and updates single rows (no resets
but for another digest), so selection, expansion and scrolling survive an edit or an undo.

Editing in place (`setData` with EditRole) goes back through the controllers: a section's
heading and a commentary's text through the `DigestController`, a note's text through the
`NotesController` (the note itself changes, everywhere it is shown). Quotations are never
edited. Sections and items are dragged with the MIME type `MIME` (their ids as JSON);
`dropMimeData` moves an item within or across sections and a section among sections, as
undoable moves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.digest.controller import DigestController, plain_html
from desktop.table_model import ROOT, AnyIndex
from userdata.digest.model import ABSTRACT, COMMENTARY, FIGURE, DigestItem, DigestSection
from userdata.notes.store import Note

MIME = "application/x-hanlin-digest-outline"
SECTION, NOTE = "section", "note"
NOTE_COLOUR = QColor("#1e3a8a")
COMMENTARY_COLOUR = QColor("#374151")


def one_line(text: str, limit: int = 90) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


@dataclass(eq=False)
class _Node:
    key: int
    kind: str  # section | quote | abstract | commentary | note
    id: str
    value: DigestSection | DigestItem | Note | None  # None for the root only
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)


class OutlineModel(QAbstractItemModel):
    """Sections (top level) → items → notes of the controller's current digest."""

    KindRole = Qt.ItemDataRole.UserRole + 1  # "section", "quote", "abstract", "commentary" or "note"
    IdRole = Qt.ItemDataRole.UserRole + 2  # the section's, item's or note's id
    SectionRole = Qt.ItemDataRole.UserRole + 3  # DigestSection (section rows)
    ItemRole = Qt.ItemDataRole.UserRole + 4  # DigestItem (item rows; note rows: the item they are shown with)
    NoteRole = Qt.ItemDataRole.UserRole + 5  # Note (note rows)
    MarkRole = Qt.ItemDataRole.UserRole + 6  # the mark a quotation carried when added ('' = none)

    def __init__(self, controller: DigestController, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self._root = _Node(0, "root", "", None)
        self._nodes: dict[int, _Node] = {}
        self._next_key = 1
        self.digest_id = ""
        controller.current_changed.connect(self.reload)
        controller.digest_changed.connect(self._digest_changed)
        if controller.notes is not None:
            controller.notes.note_changed.connect(self._note_changed)
            controller.notes.note_deleted.connect(self._note_changed)
            controller.notes.note_added.connect(self._note_changed)
        self.reload()

    # ------------------------------------------------------------------ loading

    def reload(self, *_args) -> None:
        """Show the controller's current digest from scratch."""
        self.beginResetModel()
        self._root.children.clear()
        self._nodes.clear()
        self.digest_id = self.controller.current_id
        self._sync(self._root, ROOT, self._targets(), announce=False)
        self.endResetModel()

    def refresh(self) -> None:
        """Bring the rows up to date with the store, row by row."""
        if self.digest_id != self.controller.current_id:
            self.reload()
        else:
            self._sync(self._root, ROOT, self._targets(), announce=True)

    def _digest_changed(self, digest_id: str) -> None:
        if digest_id == self.digest_id or self.controller.current_id != self.digest_id:
            self.refresh()

    def _note_changed(self, _note: Note) -> None:
        if self.digest_id:  # a note edited, deleted or restored anywhere may be one shown here
            self.refresh()

    def _targets(self) -> list[tuple]:
        """(kind, id, value, children) for the rows the current digest should show."""
        outline = self.controller.outline(self.digest_id) if self.digest_id else None
        if outline is None:
            return []
        return [(SECTION, s.id, s, [(i.kind, i.id, i, self._note_targets(i)) for i in items])
                for s, items in outline.sections]

    def _note_targets(self, item: DigestItem) -> list[tuple]:
        notes = [self.controller.note(note_id) for note_id in item.note_ids]
        return [(NOTE, n.id, n, []) for n in notes if n is not None]

    def _sync(self, parent: _Node, parent_index: QModelIndex, targets: list[tuple], announce: bool) -> None:
        """Make `parent`'s children match `targets` with single-row removes, moves and inserts."""
        wanted = {t[1] for t in targets}
        for row in reversed(range(len(parent.children))):
            if parent.children[row].id not in wanted:
                self._remove(parent, parent_index, row, announce)
        for row, (kind, node_id, value, children) in enumerate(targets):
            ids = [c.id for c in parent.children]
            if row < len(ids) and ids[row] == node_id:
                node = parent.children[row]
                if announce and node.value != value:
                    node.value = value
                    index = self.createIndex(row, 0, node.key)
                    self.dataChanged.emit(index, index)
                node.value = value
            elif node_id in ids:
                old = ids.index(node_id)
                if announce:
                    self.beginMoveRows(parent_index, old, old, parent_index, row)
                node = parent.children.pop(old)
                parent.children.insert(row, node)
                node.value = value
                if announce:
                    self.endMoveRows()
                    index = self.createIndex(row, 0, node.key)
                    self.dataChanged.emit(index, index)
            else:
                node = _Node(self._next_key, kind, node_id, value, parent)
                self._next_key += 1
                if announce:
                    self.beginInsertRows(parent_index, row, row)
                self._nodes[node.key] = node
                parent.children.insert(row, node)
                if announce:
                    self.endInsertRows()
            index = self.createIndex(row, 0, node.key)
            count = len(node.children)
            self._sync(node, index, children, announce)
            if announce and node.kind == SECTION and len(node.children) != count:
                self.dataChanged.emit(index, index)  # its label counts the items

    def _remove(self, parent: _Node, parent_index: QModelIndex, row: int, announce: bool) -> None:
        if announce:
            self.beginRemoveRows(parent_index, row, row)
        node = parent.children.pop(row)
        stack = [node]
        while stack:
            gone = stack.pop()
            self._nodes.pop(gone.key, None)
            stack.extend(gone.children)
        if announce:
            self.endRemoveRows()

    # ------------------------------------------------------------------ structure

    def _node(self, index: AnyIndex) -> _Node:
        if not index.isValid():
            return self._root
        return self._nodes.get(index.internalId(), self._root)

    def index(self, row: int, column: int, parent: AnyIndex = ROOT) -> QModelIndex:
        if column != 0 or row < 0 or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        node = self._node(parent)
        if parent.isValid() and node is self._root:
            return QModelIndex()
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row].key)

    def parent(self, index: AnyIndex = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._nodes.get(index.internalId())
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        up = node.parent
        grand = up.parent if up.parent is not None else self._root
        return self.createIndex(grand.children.index(up), 0, up.key)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        if parent.isValid() and (parent.column() != 0 or parent.internalId() not in self._nodes):
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 1

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        node = self._node(index)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node.kind != NOTE:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if node.kind == SECTION:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        if node.kind in (SECTION, COMMENTARY, NOTE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # ------------------------------------------------------------------ data

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.internalId() not in self._nodes:
            return None
        node = self._nodes[index.internalId()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.FontRole and node.kind in (SECTION, NOTE):
            font = QFont()
            font.setBold(node.kind == SECTION)
            font.setItalic(node.kind == NOTE)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.kind in (NOTE, COMMENTARY):
            return QBrush(NOTE_COLOUR if node.kind == NOTE else COMMENTARY_COLOUR)
        return self._role(node, role)

    def _role(self, node: _Node, role: int):
        if role == self.KindRole:
            return node.kind
        if role == self.IdRole:
            return node.id
        if role == self.SectionRole:
            return node.value if node.kind == SECTION else None
        if role == self.ItemRole:
            if node.kind == NOTE:
                return node.parent.value if node.parent is not None else None
            return node.value if node.kind != SECTION else None
        if role == self.NoteRole:
            return node.value if node.kind == NOTE else None
        if role == self.MarkRole:
            return node.value.mark if isinstance(node.value, DigestItem) else ""
        return None

    def _display(self, node: _Node) -> str:
        value = node.value
        if isinstance(value, DigestSection):
            count = len(node.children)
            return self.tr("{heading}（{count} 条）").format(heading=value.heading, count=count)
        if isinstance(value, Note):
            label = self.tr("【解读·{stance}】").format(stance=value.stance) if value.stance else self.tr("【解读】")
            return label + one_line(value.body_text or self.tr("（空笔记）"))
        if value is None:  # the root, never shown
            return ""
        if node.kind == COMMENTARY:
            return self.tr("【编者按】") + one_line(value.body_text)
        if node.kind == FIGURE:
            return self.tr("【图】") + one_line(value.body_text)
        mark = f"【{value.mark}】" if value.mark else ""
        label = self.tr("【摘要】") if node.kind == ABSTRACT else ""
        where = self.tr("《{title}》第{page}页").format(title=value.source.title, page=value.source.page_label(value.page))
        return f"{mark}{label}“{one_line(value.text, 60)}”　{where}"

    def _edit_text(self, node: _Node) -> str:
        value = node.value
        if isinstance(value, DigestSection):
            return value.heading
        if isinstance(value, Note) or (isinstance(value, DigestItem) and node.kind == COMMENTARY):
            return value.body_text
        return self._display(node)

    def _tooltip(self, node: _Node) -> str:
        value = node.value
        if isinstance(value, DigestSection):
            return value.heading
        if isinstance(value, Note):
            return value.body_text
        if value is None:  # the root, never shown
            return ""
        if node.kind in (COMMENTARY, FIGURE):
            return value.body_text
        return f"{value.text}\n—— {value.source.title}"

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.internalId() not in self._nodes:
            return False
        node = self._nodes[index.internalId()]
        text = str(value)
        if node.kind == SECTION:
            if not text.strip():
                return False
            self.controller.rename_section(node.id, text.strip())
        elif node.kind == COMMENTARY:
            self.controller.edit_commentary(node.id, text)
        elif isinstance(node.value, Note) and self.controller.notes is not None:
            if text != node.value.body_text:
                self.controller.notes.update_note(node.id, body_text=text, body_html=plain_html(text))
        else:
            return False
        return True

    # ------------------------------------------------------------------ dragging

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        rows = [self._nodes[i.internalId()] for i in indexes if i.isValid() and i.internalId() in self._nodes]
        payload = [{"digest": self.digest_id, "kind": SECTION if n.kind == SECTION else "item", "id": n.id}
                   for n in rows if n.kind != NOTE]
        data = QMimeData()
        data.setData(MIME, json.dumps(payload[:1]).encode())
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: AnyIndex) -> bool:
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        target = self._drop_target(data, row, parent)
        if target is None:
            return False
        kind, node_id, section_id, position = target
        if kind == SECTION:
            self.controller.move_section(node_id, position)
        else:
            self.controller.move_item(node_id, position, section_id)
        return True

    def removeRows(self, row: int, count: int, parent: AnyIndex = ROOT) -> bool:
        """Rows leave only through the controller (a drag's move is done by `dropMimeData`)."""
        return False

    @staticmethod
    def dragged(data: QMimeData | None) -> dict:
        """What a drag carries: {"digest", "kind" ("section" or "item"), "id"}, or {} if it is not ours."""
        if data is None or not data.hasFormat(MIME):
            return {}
        try:
            payload = json.loads(bytes(data.data(MIME).data()).decode())[0]
        except (ValueError, IndexError, KeyError, TypeError):
            return {}
        return payload if isinstance(payload, dict) else {}

    def _drop_target(self, data: QMimeData, row: int, parent: AnyIndex) -> tuple[str, str, str, int] | None:
        """(kind, id, section id, position without the dragged row) for a drop, or None if not allowed."""
        payload = self.dragged(data)
        if not payload or payload.get("digest") != self.digest_id:
            return None
        over = self._node(parent) if parent.isValid() else self._root
        if parent.isValid() and over is self._root:
            return None
        if payload.get("kind") == SECTION:
            return self._section_drop(payload["id"], row, over)
        return self._item_drop(payload.get("id", ""), row, over)

    def _section_drop(self, section_id: str, row: int, over: _Node):
        order = [c.id for c in self._root.children]
        if section_id not in order:
            return None
        if over is self._root:
            position = len(order) if row < 0 else row
        elif over.kind == SECTION and row < 0:  # dropped on a section: take its place
            position = order.index(over.id)
            position += 1 if order.index(section_id) < position else 0
        else:
            return None
        if order.index(section_id) < position:
            position -= 1
        return SECTION, section_id, "", position

    def _item_drop(self, item_id: str, row: int, over: _Node):
        if over.kind != SECTION:
            return None
        source = next((n for n in self._nodes.values() if n.id == item_id and n.kind not in (SECTION, NOTE)), None)
        if source is None:
            return None
        position = len(over.children) if row < 0 else row
        if source.parent is over and over.children.index(source) < position:
            position -= 1
        return "item", item_id, over.id, position

    # ------------------------------------------------------------------ lookup

    def index_of(self, node_id: str, kind: str | None = None) -> QModelIndex:
        """The row showing a section, item or note (the first one for a note), or an invalid index."""
        for node in self._nodes.values():
            if node.id == node_id and (kind is None or node.kind == kind):
                siblings = node.parent.children if node.parent is not None else []
                return self.createIndex(siblings.index(node), 0, node.key)
        return QModelIndex()

    def section_of(self, index: AnyIndex) -> DigestSection | None:
        """The section a row belongs to (itself for a section row)."""
        node: _Node | None = self._node(index)
        while node is not None and not isinstance(node.value, DigestSection):
            node = node.parent
        return node.value if node is not None and isinstance(node.value, DigestSection) else None
