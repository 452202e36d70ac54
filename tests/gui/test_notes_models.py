"""Notes models: qtmodeltester on each, rows following adds, edits, deletes, undo and re-anchoring."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.notes.controller import NotesController
from desktop.notes.model import DocumentNotesModel, LibraryNotesModel, NotesFilterProxy, NotesModel
from desktop.reader.data import Selection
from indexer.errors import QuerySyntaxError
from userdata.notes.store import NoteStore

A, B = "a" * 64, "b" * 64
PAGE = "国家统筹发展和安全，坚持以数据开发利用和产业发展促进数据安全，以数据安全保障数据开发利用和产业发展。"


@pytest.fixture
def controller(tmp_path: Path) -> NotesController:
    c = NotesController(NoteStore(tmp_path / "notes", author="王芳"))
    yield c
    c.close()


def select(sha: str, quote: str, page: int = 1, text: str = PAGE) -> Selection:
    start = text.index(quote)
    return Selection(sha, page, start, start + len(quote), quote, text[max(0, start - 32):start],
                     text[start + len(quote):start + len(quote) + 32])


def fill(controller: NotesController):
    controller.add_note(select(A, "数据安全", 2), "数据安全法", body_text="第二页", tags=["数据"], stance="关注")
    controller.add_note(select(A, "统筹发展和安全", 1), "数据安全法", body_text="第一页", stance="支持")
    controller.add_note(select(B, "产业发展", 1), "产业政策汇编", body_text="另一个文件", tags=["产业"], stance="风险")


def test_models_pass_qtmodeltester(qtmodeltester, controller):
    fill(controller)
    library = LibraryNotesModel(controller)
    document = DocumentNotesModel(controller, A)
    proxy = NotesFilterProxy()
    proxy.setSourceModel(library)
    for model in (library, document, proxy):
        qtmodeltester.check(model, force_py=True)
    proxy.set_query("立场:风险 OR 标签:数据")
    qtmodeltester.check(proxy, force_py=True)


def test_document_model_in_reading_order_and_live(qtbot, controller):
    fill(controller)
    model = DocumentNotesModel(controller, A)
    assert [model.index(r, 0).data(NotesModel.PageRole) for r in range(model.rowCount())] == [1, 2]
    assert model.index(0, NotesModel.BODY).data() == "第一页"

    with qtbot.waitSignal(model.rowsInserted):
        controller.add_note(select(A, "产业发展", 1), "数据安全法", body_text="插在中间")
    assert model.rowCount() == 3
    note_id = model.index(1, 0).data(NotesModel.IdRole)
    with qtbot.waitSignal(model.dataChanged):
        controller.update_note(note_id, body_text="改过了")
    assert model.index(1, NotesModel.BODY).data() == "改过了"
    with qtbot.waitSignal(model.rowsRemoved):
        controller.delete_note(note_id)
    assert model.rowCount() == 2
    with qtbot.waitSignal(model.rowsInserted):
        controller.undo_stack.undo()  # the delete
    assert model.rowCount() == 3


def test_library_model_columns_and_roles(controller):
    fill(controller)
    model = LibraryNotesModel(controller)
    assert model.rowCount() == 3 and model.columnCount() == 8
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers == ["引文", "笔记", "标签", "立场", "文档", "页码", "作者", "更新时间"]
    row = next(r for r in range(3) if model.index(r, 0).data(NotesModel.FileRole) == B)
    assert model.index(row, NotesModel.QUOTE).data() == "产业发展"
    assert model.index(row, NotesModel.STANCE).data() == "风险"
    assert model.index(row, NotesModel.AUTHOR).data() == "王芳"
    assert model.index(row, 0).data(NotesModel.NoteRole).doc_title == "产业政策汇编"


def test_orphans_are_marked_with_their_quote(controller):
    fill(controller)
    model = DocumentNotesModel(controller, A)
    controller.reanchor(A, {1: "内容全部改写了。", 2: "第二页也不同了。"})
    assert model.rowCount() == 2
    quote = model.index(0, NotesModel.QUOTE)
    assert quote.data(NotesModel.OrphanRole)
    assert quote.data() == "【未定位】统筹发展和安全"
    assert "找不到" in quote.data(Qt.ItemDataRole.ToolTipRole)
    assert quote.data(Qt.ItemDataRole.ForegroundRole) is not None


def test_reanchoring_moves_rows_into_reading_order(qtbot, controller):
    fill(controller)
    model = DocumentNotesModel(controller, A)
    first = model.index(0, 0).data(NotesModel.IdRole)  # 统筹发展和安全 on page 1
    with qtbot.waitSignal(model.rowsMoved):
        counts = controller.reanchor(A, {1: "目录", 2: "前言", 3: PAGE})
    assert counts["moved"] == 2
    assert model.index(0, 0).data(NotesModel.IdRole) == first  # page 1 → 3, still before the other
    assert [model.index(r, 0).data(NotesModel.PageRole) for r in range(2)] == [3, 3]


def test_proxy_filters_by_query_and_reports_errors(controller):
    fill(controller)
    proxy = NotesFilterProxy()
    proxy.setSourceModel(LibraryNotesModel(controller))
    proxy.set_query("立场:风险 OR 第一页")
    assert sorted(proxy.index(r, NotesModel.BODY).data() for r in range(proxy.rowCount())) == ["另一个文件", "第一页"]
    with pytest.raises(QuerySyntaxError):
        proxy.set_query("(未闭合")
    assert proxy.rowCount() == 2  # the previous filter stays
    proxy.set_query("")
    assert proxy.rowCount() == 3


def test_proxy_sorts_chinese_by_pinyin(controller):
    fill(controller)
    proxy = NotesFilterProxy()
    proxy.setSourceModel(LibraryNotesModel(controller))
    proxy.sort(NotesModel.STANCE, Qt.SortOrder.AscendingOrder)
    # 风险 (feng), 关注 (guan), 支持 (zhi)
    assert [proxy.index(r, NotesModel.STANCE).data() for r in range(3)] == ["风险", "关注", "支持"]


def test_reanchoring_with_some_pages_leaves_the_others_alone(controller):
    fill(controller)  # notes of A: 统筹发展和安全 on page 1, 数据安全 on page 2
    counts = controller.reanchor(A, {2: "以数据安全保障发展。"})  # only page 2 known (one document of a digest)
    assert counts == {"exact": 0, "moved": 1, "fuzzy": 0, "orphan": 0, "unchecked": 1}
    assert not any(n.orphaned for n in controller.notes_for(A))
    counts = controller.reanchor(A, {2: "页面已改写"})
    assert counts == {"exact": 0, "moved": 0, "fuzzy": 0, "orphan": 1, "unchecked": 1}
    assert [n.orphaned for n in controller.notes_for(A)] == [False, True]
