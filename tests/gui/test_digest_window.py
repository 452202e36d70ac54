"""Digests in the main window over the seed library: add from a hit, a selection, a note; marks; read-only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from desktop.librarian.views import MarkDialog
from desktop.main_window import MainWindow
from desktop.search.results_model import ResultsModel
from desktop.session import LibraryAccess
from indexer.library.library import Library
from tests.gui.conftest import SEARCH_TIMEOUT_MS
from tests.gui.test_app import open_first_hit, search
from userdata.digest.excerpt import matched_terms, strip_reference_marks


@pytest.fixture
def window(make_window, seed_library: Path) -> MainWindow:
    win = make_window()
    win.open_library(seed_library)
    return win


@pytest.fixture
def own_library(seed_library: Path, tmp_path: Path) -> Path:
    """A copy of the seed library this test may mark (the PDFs stay where they are)."""
    copy = tmp_path / "library"
    shutil.copytree(seed_library, copy)
    return copy


def added(qtbot, window: MainWindow, trigger) -> object:
    with qtbot.waitSignal(window.digest.controller.item_added, timeout=SEARCH_TIMEOUT_MS) as blocker:
        trigger()
    return blocker.args[0]


def test_digest_tab_sits_beside_the_notes(window: MainWindow):
    tabs = [window.left.tabText(i) for i in range(window.left.count())]
    assert tabs == ["检索", "笔记", "摘编"]
    window.digest.panel_action.trigger()
    assert window.left.currentWidget() is window.digest.panel


def test_add_the_current_hit_creates_a_digest_with_the_passage(qtbot, window: MainWindow):
    search(qtbot, window)
    model = window.search.results
    doc = model.index(0, 0)
    passage = model.index(0, 0, doc)
    window.search_page.results_view.setCurrentIndex(passage)
    item = added(qtbot, window, window.digest.hit_action.trigger)
    hit, ref = passage.data(ResultsModel.HitRole), passage.data(ResultsModel.PassageRole)
    assert item.doc_id == hit.doc_id and item.page == ref.page and item.kind == "quote"
    assert item.source.title == hit.doc_title and item.text.strip()
    assert item.anchor is not None and strip_reference_marks(item.anchor.quote) == item.text
    controller = window.digest.controller
    assert controller.current().title == "新建摘编" and controller.store.section(item.section_id).heading == "新章节"
    assert "已加入摘编" in window.statusBar().currentMessage()
    # a document row adds its best passage; the abstract action quotes the abstract
    window.search_page.results_view.setCurrentIndex(doc)
    assert added(qtbot, window, window.digest.add_current_hit).doc_id == hit.doc_id
    abstract = added(qtbot, window, window.digest._add_current_abstract)
    assert abstract.kind == "abstract" and abstract.text
    assert len(controller.outline().items()) == 3


def test_a_hit_quotes_its_sentences_and_the_whole_passage_on_request(qtbot, window: MainWindow):
    search(qtbot, window, "科技情报 耳目")
    passage = window.search.results.index(0, 0, window.search.results.index(0, 0))
    view = window.search_page.results_view
    view.setCurrentIndex(passage)
    hit = passage.data(ResultsModel.HitRole)
    sentence = added(qtbot, window, window.digest.add_current_hit)
    view.customContextMenuRequested.emit(view.visualRect(passage).center())
    menu = view.findChild(QMenu, "resultsMenu")
    whole_action = next(a for a in menu.actions() if a.text() == "加入摘编（整段）")
    whole = added(qtbot, window, whole_action.trigger)
    assert len(sentence.text) < len(whole.text) and sentence.text in whole.text
    assert "耳目" in sentence.text and all(t in sentence.text.replace(" ", "") for t in matched_terms(hit.highlight))
    assert sentence.text.endswith("。") and "关键词" not in sentence.text
    for item in (sentence, whole):
        assert item.anchor is not None and item.anchor.start < item.anchor.end
        assert "[" not in item.text and "［" not in item.text
    assert whole.anchor.start <= sentence.anchor.start and sentence.anchor.end <= whole.anchor.end


def test_ctrl_d_adds_the_selection_with_the_notes_on_it(qtbot, window: MainWindow):
    search(qtbot, window)
    open_first_hit(qtbot, window)
    reader = window.reader
    passage = reader.current
    reader.text.select_span(passage.page, passage.start, passage.start + 8)
    note = window.notes.add_note(reader.selection, reader.view.doc.title, body_text="值得摘编")
    reader.text.select_span(passage.page, passage.start, passage.start + 20)  # a longer quote holding the note's
    item = added(qtbot, window, window.digest.selection_action.trigger)
    assert item.text == reader.selection.quote and item.page == passage.page
    assert item.anchor.start == passage.start and item.anchor.end == passage.start + 20
    assert item.note_ids == (note.id,)
    panel = window.digest.panel
    note_row = panel.model.index_of(note.id)
    assert note_row.isValid() and note_row.data() == "【解读】值得摘编"
    assert panel.outline.currentIndex().data(panel.model.IdRole) == item.id  # the new item is selected


def test_ctrl_d_without_a_selection_says_what_to_do(qtbot, window: MainWindow):
    with qtbot.assertNotEmitted(window.reader.digest_requested):
        window.digest.selection_action.trigger()
    assert "选中" in window.statusBar().currentMessage()


def test_a_note_from_the_notes_view_brings_its_quote_and_itself(qtbot, window: MainWindow):
    search(qtbot, window)
    open_first_hit(qtbot, window)
    reader = window.reader
    passage = reader.current
    reader.text.select_span(passage.page, passage.start, passage.start + 12)
    note = window.notes.add_note(reader.selection, reader.view.doc.title, body_text="笔记正文")
    window.notes_view.select_note(note.id)
    item = added(qtbot, window, window.digest.note_action.trigger)
    assert item.text == note.anchor.quote and item.note_ids == (note.id,)
    assert item.doc_id == reader.view.doc.doc_id


def test_double_click_on_a_quotation_reads_it_in_the_source(qtbot, window: MainWindow):
    search(qtbot, window)
    doc = window.search.results.index(0, 0)
    window.search_page.results_view.setCurrentIndex(window.search.results.index(0, 0, doc))
    item = added(qtbot, window, window.digest.add_current_hit)
    with qtbot.waitSignal(window.reader.page_ready, timeout=SEARCH_TIMEOUT_MS):
        window.digest.panel.outline.open_requested.emit(item)
    assert window.reader.view.doc.doc_id == item.doc_id and window.reader.pdf.page == item.page
    assert window.reader.selection.quote == item.text


def test_the_librarian_marks_the_open_document(qtbot, make_window, own_library: Path):
    window = make_window()
    window.open_library(own_library)
    search(qtbot, window)
    hit = open_first_hit(qtbot, window)
    assert window.mark_action.isVisible()
    window.mark_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(MarkDialog) is not None, timeout=SEARCH_TIMEOUT_MS)
    dialog = window.findChild(MarkDialog)
    assert [dialog.combo.itemText(i) for i in range(dialog.combo.count())] == ["（无密级）", "公开", "内部", "秘密", "机密"]
    dialog.combo.setCurrentIndex(dialog.combo.findData("秘密"))
    dialog.accept()
    qtbot.waitUntil(lambda: "【秘密】" in window.reader.title.text(), timeout=SEARCH_TIMEOUT_MS)
    with Library.open(own_library) as library:
        assert library.marks([hit.doc_id]) == {hit.doc_id: "秘密"}
    # a digest quoting it now needs 秘密: the cover says so once the preview has the library's marks
    window.search_page.results_view.setCurrentIndex(window.search.results.index(0, 0))
    added(qtbot, window, window.digest.add_current_hit)
    cover = window.digest.panel.cover
    qtbot.waitUntil(lambda: cover.required == "秘密", timeout=SEARCH_TIMEOUT_MS)
    assert cover.needs_mark() and "秘密" in cover.warning.text()
    assert window.digest.panel.model.index(0, 0, window.digest.panel.model.index(0, 0)).data().startswith("【秘密】")


def test_read_only_library_hides_the_mark_action(qtbot, window: MainWindow):
    qtbot.waitUntil(lambda: window.access is not None, timeout=SEARCH_TIMEOUT_MS)  # the library's own, first
    window._set_access(LibraryAccess(read_only=True, bundle={}))
    assert not window.mark_action.isVisible() and not window.mark_action.isEnabled()
    search(qtbot, window)
    view = window.search_page.results_view
    rect = view.visualRect(window.search.results.index(0, 0))
    view.customContextMenuRequested.emit(rect.center())
    menu = view.findChild(QMenu, "resultsMenu")
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["加入摘编", "加入摘编（整段）", "加入摘编（摘要）", "用系统阅读器打开", "在文件夹中显示",
                     "复制文件路径", "复制引文（GB/T 7714）"]  # no 设置密级…
    menu.close()
    window.digest.set_mark_of("anything")
    assert "只读" in window.last_error


def test_writable_library_offers_the_mark_in_the_results_menu(qtbot, window: MainWindow):
    search(qtbot, window)
    view = window.search_page.results_view
    view.customContextMenuRequested.emit(view.visualRect(window.search.results.index(0, 0)).center())
    menu = view.findChild(QMenu, "resultsMenu")
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "加入摘编", "加入摘编（整段）", "加入摘编（摘要）", "用系统阅读器打开", "在文件夹中显示", "复制文件路径",
        "复制引文（GB/T 7714）", "设置密级…"]
    menu.close()


def test_digest_menu_and_shortcuts(window: MainWindow):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "摘编(&D)")
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:6] == ["将选中文字加入摘编", "将当前检索结果加入摘编", "将当前笔记加入摘编", "摘编视图", "导出摘编…",
                         "导出记录…"]
    assert window.digest.selection_action.shortcut().toString() == "Ctrl+D"
    assert window.digest.selection_action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
