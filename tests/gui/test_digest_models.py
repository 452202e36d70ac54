"""Digest controller and outline model: qtmodeltester, rows following edits, drag-reorder, undo/redo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.digest.controller import DigestController
from desktop.digest.jobs import PendingQuote
from desktop.digest.outline_model import MIME, OutlineModel
from desktop.notes.controller import NotesController
from indexer.meta import DocumentMeta
from userdata.digest.model import SourceRef, SourceSnapshot
from userdata.notes.store import Anchor, NoteStore

SHA = "c" * 64
PAGE = "国家统筹发展和安全，坚持以数据开发利用和产业发展促进数据安全，以数据安全保障数据开发利用和产业发展。"
REF = SourceRef("doc-1", SHA, SourceSnapshot(DocumentMeta(title="数据安全法"), first_page=1, last_page=3), "内部")


@pytest.fixture
def notes(tmp_path: Path) -> NotesController:
    controller = NotesController(NoteStore(tmp_path / "user", author="王芳"))
    yield controller
    controller.close()


@pytest.fixture
def digests(notes: NotesController, tmp_path: Path) -> DigestController:
    controller = DigestController(notes=notes, folder=tmp_path / "user")
    yield controller
    controller.close()


def quote(text: str, page: int = 1) -> PendingQuote:
    start = PAGE.index(text)
    anchor = Anchor(text, PAGE[max(0, start - 32):start], PAGE[start + len(text):][:32], page, start,
                    start + len(text))
    return PendingQuote(REF, text, page, anchor)


def note_on(notes: NotesController, text: str, body: str, stance: str = "") -> str:
    start = PAGE.index(text)
    selection = (SHA, 1, start, start + len(text), text, PAGE[max(0, start - 32):start], "")
    return notes.add_note(selection, "数据安全法", body_text=body, stance=stance).id


def fill(digests: DigestController, notes: NotesController) -> None:
    """Two sections: 一 with two quotations (the first with a note) and a commentary, 二 with one quotation."""
    note_on(notes, "统筹发展和安全", "总体要求", "支持")
    digests.create_digest("科技安全专题摘编", issue="2025年第8期")
    digests.add_section("总体形势")
    digests.add_pending(quote("统筹发展和安全"))
    digests.add_pending(quote("促进数据安全"))
    first = digests.store.sections(digests.current_id)[0]
    digests.add_commentary(first.id, "编者按：两句互为条件。")
    second = digests.add_section("产业发展")
    digests.target_section_id = second.id
    digests.add_pending(quote("保障数据开发利用"))


def rows(model: OutlineModel, parent: QModelIndex | None = None) -> list:
    """The tree as nested (kind, text, children) for comparisons."""
    parent = parent if parent is not None else QModelIndex()
    out = []
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        kind = index.data(OutlineModel.KindRole)
        label = index.data(Qt.ItemDataRole.EditRole) if kind in ("section", "commentary", "note") else \
            index.data(OutlineModel.ItemRole).text
        out.append((kind, label, rows(model, index)))
    return out


def headings(model: OutlineModel) -> list[str]:
    return [model.index(r, 0).data(Qt.ItemDataRole.EditRole) for r in range(model.rowCount())]


def item_texts(model: OutlineModel, section_row: int) -> list[str]:
    parent = model.index(section_row, 0)
    return [model.index(r, 0, parent).data(OutlineModel.ItemRole).text or
            model.index(r, 0, parent).data(Qt.ItemDataRole.EditRole) for r in range(model.rowCount(parent))]


def test_outline_model_passes_qtmodeltester_and_follows_changes(qtmodeltester, digests, notes):
    model = OutlineModel(digests)
    qtmodeltester.check(model, force_py=True)  # empty
    fill(digests, notes)  # every change below is checked by the tester as it happens
    qtmodeltester.check(model, force_py=True)
    assert rows(model) == [
        ("section", "总体形势", [
            ("quote", "统筹发展和安全", [("note", "总体要求", [])]),
            ("quote", "促进数据安全", []),
            ("commentary", "编者按：两句互为条件。", [])]),
        ("section", "产业发展", [("quote", "保障数据开发利用", [])]),
    ]
    first = model.index(0, 0)
    assert first.data() == "总体形势（3 条）"
    quote_row = model.index(0, 0, first)
    assert quote_row.data().startswith("【内部】“统筹发展和安全”") and "《数据安全法》第1页" in quote_row.data()
    assert model.index(0, 0, quote_row).data() == "【解读·支持】总体要求"
    assert not model.flags(quote_row) & Qt.ItemFlag.ItemIsEditable  # a quotation is never edited
    assert model.flags(model.index(2, 0, first)) & Qt.ItemFlag.ItemIsEditable


def test_notes_on_the_quotation_are_attached_when_added(digests, notes):
    fill(digests, notes)
    items = digests.outline().items()
    assert [len(i.note_ids) for i in items] == [1, 0, 0, 0]


def test_inline_edits_go_through_the_controllers(qtbot, digests, notes):
    fill(digests, notes)
    model = OutlineModel(digests)
    section = model.index(0, 0)
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(section, "一、总体形势与判断")
    assert digests.store.sections(digests.current_id)[0].heading == "一、总体形势与判断"
    commentary = model.index(2, 0, section)
    assert model.setData(commentary, "编者按：改写。")
    assert digests.outline().items()[2].body_text == "编者按：改写。"
    note_row = model.index(0, 0, model.index(0, 0, section))
    note_id = note_row.data(OutlineModel.IdRole)
    with qtbot.waitSignal(notes.note_changed):
        assert model.setData(note_row, "总体要求，须对照执行")
    assert notes.note(note_id).body_text == "总体要求，须对照执行"  # the note itself changed
    assert model.index(0, 0, model.index(0, 0, section)).data() == "【解读·支持】总体要求，须对照执行"
    assert not model.setData(section, "  ")  # a heading is never blank
    digests.undo_stack.undo()  # the commentary
    assert digests.outline().items()[2].body_text == "编者按：两句互为条件。"
    notes.undo_stack.undo()
    assert notes.note(note_id).body_text == "总体要求"


def drop(model: OutlineModel, source: QModelIndex, row: int, parent: QModelIndex) -> bool:
    data = model.mimeData([source])
    assert data.hasFormat(MIME)
    if not model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent):
        return False
    return model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)


def test_drag_reorders_items_within_and_across_sections_and_sections(qtmodeltester, digests, notes):
    fill(digests, notes)
    model = OutlineModel(digests)
    qtmodeltester.check(model, force_py=True)
    first = model.index(0, 0)
    # the first quotation dropped below the commentary (row 3 counts the dragged row itself)
    assert drop(model, model.index(0, 0, first), 3, first)
    assert item_texts(model, 0) == ["促进数据安全", "编者按：两句互为条件。", "统筹发展和安全"]
    # the commentary dropped at the top of the second section
    assert drop(model, model.index(1, 0, model.index(0, 0)), 0, model.index(1, 0))
    assert item_texts(model, 0) == ["促进数据安全", "统筹发展和安全"]
    assert item_texts(model, 1) == ["编者按：两句互为条件。", "保障数据开发利用"]
    # the second section dropped above the first; then an item dropped on a section goes last
    assert drop(model, model.index(1, 0), 0, QModelIndex())
    assert headings(model) == ["产业发展", "总体形势"]
    assert drop(model, model.index(0, 0, model.index(1, 0)), -1, model.index(0, 0))
    assert item_texts(model, 0) == ["编者按：两句互为条件。", "保障数据开发利用", "促进数据安全"]
    stored = [[i.text or i.body_text for i in items] for _s, items in digests.outline().sections]
    assert stored == [item_texts(model, 0), item_texts(model, 1)]
    # not allowed: an item at the top level, a section inside a section's items, a note anywhere
    assert not drop(model, model.index(0, 0, model.index(0, 0)), 0, QModelIndex())
    assert not drop(model, model.index(1, 0), 0, model.index(0, 0))
    note_parent = model.index(0, 0, model.index(1, 0))
    assert note_parent.data(OutlineModel.NoteRole) is None and model.rowCount(note_parent) == 1
    assert not model.flags(model.index(0, 0, note_parent)) & Qt.ItemFlag.ItemIsDragEnabled
    # every move is one undo step
    for _ in range(4):
        digests.undo_stack.undo()
    assert rows(model)[0][1] == "总体形势"
    assert item_texts(model, 0) == ["统筹发展和安全", "促进数据安全", "编者按：两句互为条件。"]


def test_dropping_a_section_on_another_takes_its_place(digests, notes):
    fill(digests, notes)
    digests.add_section("国际动态")
    model = OutlineModel(digests)
    assert drop(model, model.index(0, 0), -1, model.index(2, 0))
    assert headings(model) == ["产业发展", "国际动态", "总体形势"]
    assert drop(model, model.index(2, 0), -1, model.index(0, 0))
    assert headings(model) == ["总体形势", "产业发展", "国际动态"]


def test_remove_undo_redo_keeps_items_notes_and_places(qtmodeltester, digests, notes):
    fill(digests, notes)
    model = OutlineModel(digests)
    qtmodeltester.check(model, force_py=True)
    before = rows(model)
    first_item = model.index(0, 0, model.index(0, 0)).data(OutlineModel.IdRole)
    digests.remove_item(first_item)
    assert item_texts(model, 0) == ["促进数据安全", "编者按：两句互为条件。"]
    digests.remove_section(model.index(1, 0).data(OutlineModel.IdRole))
    assert headings(model) == ["总体形势"]
    digests.undo_stack.undo()
    digests.undo_stack.undo()
    assert rows(model) == before  # the note link came back with the quotation
    digests.undo_stack.redo()
    assert item_texts(model, 0) == ["促进数据安全", "编者按：两句互为条件。"]
    note_row = model.index(0, 0, model.index(0, 0, model.index(0, 0)))
    assert note_row.isValid() is False


def test_detaching_a_note_is_undoable_and_leaves_the_note(digests, notes):
    fill(digests, notes)
    item = digests.outline().items()[0]
    note_id = item.note_ids[0]
    digests.detach_note(item.id, note_id)
    assert digests.store.item(item.id).note_ids == ()
    assert notes.note(note_id) is not None and not notes.note(note_id).deleted
    digests.undo_stack.undo()
    assert digests.store.item(item.id).note_ids == (note_id,)


def test_several_digests_create_switch_delete_with_undo(qtbot, digests, notes):
    fill(digests, notes)
    first = digests.current_id
    model = OutlineModel(digests)
    with qtbot.waitSignal(digests.current_changed):
        second = digests.create_digest("半导体专题").id
    assert model.rowCount() == 0 and {d.title for d in digests.digests()} == {"科技安全专题摘编", "半导体专题"}
    digests.add_pending(quote("数据开发利用"))  # a section is made for it
    assert headings(model) == ["新章节"]
    digests.set_current(first)
    assert headings(model) == ["总体形势", "产业发展"]
    digests.delete_digest(first)
    assert digests.current_id == second and [d.id for d in digests.digests()] == [second]
    digests.undo_stack.undo()
    assert digests.current_id == first and len(digests.digests()) == 2
    digests.update_cover(first, title="科技安全摘编", mark="秘密")
    assert digests.store.digest(first).mark == "秘密"
    assert digests.undo_stack.undoText() == "修改封面"
    digests.undo_stack.undo()
    assert digests.store.digest(first).title == "科技安全专题摘编" and digests.store.digest(first).mark == ""


def test_adding_without_a_digest_creates_one_in_one_undo_step(digests):
    assert digests.current() is None
    item = digests.add_pending(quote("促进数据安全"))
    assert digests.current() is not None and digests.current().date  # dated today
    assert digests.store.item(item.id).kind == "quote"
    assert digests.undo_stack.count() == 1
    digests.undo_stack.undo()
    assert digests.current() is None and digests.digests() == []
    digests.undo_stack.redo()
    assert [i.text for i in digests.outline().items()] == ["促进数据安全"]
