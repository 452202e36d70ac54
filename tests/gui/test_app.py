"""The main window over a real library: search, facets, sort, reader, selection, restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from desktop.app import app_icon, build_parser, create_window
from desktop.main_window import MainWindow
from desktop.search.facets_model import GROUPS
from desktop.search.results_model import ResultsModel
from tests.gui.conftest import SEARCH_TIMEOUT_MS

QUERY = "科技安全 风险"


def search(qtbot, window: MainWindow, query: str = QUERY):
    box = window.search_page.box
    box.setText(query)
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS) as blocker:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    return blocker.args[0]


def open_first_hit(qtbot, window: MainWindow):
    model = window.search.results
    doc = model.index(0, 0)
    view = window.search_page.results_view
    with qtbot.waitSignal(window.reader.page_ready, timeout=SEARCH_TIMEOUT_MS):
        view.activated.emit(model.index(0, 0, doc))
    return doc.data(ResultsModel.HitRole)


@pytest.fixture
def window(make_window, seed_library: Path) -> MainWindow:
    win = make_window()
    win.open_library(seed_library)
    return win


def test_window_starts_on_the_welcome_page(make_window):
    win = make_window()
    assert win.windowTitle() == "翰林 Hanlin"
    assert win.pages.currentWidget() is win.welcome
    assert win.welcome.demo_button.text() == "使用内置示例库"
    assert win.welcome.folder_button.text() == "添加文件夹…"


def test_the_window_has_the_app_icon_at_every_size(qtbot, settings):
    win = create_window(build_parser().parse_args([]), settings)
    qtbot.addWidget(win)
    icon = win.windowIcon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 24, 32, 48, 64, 128, 256} <= sizes
    assert icon.cacheKey() == win.windowIcon().cacheKey()
    assert not app_icon().pixmap(16, 16).isNull()


def test_open_library_shows_its_counts(qtbot, window: MainWindow):
    qtbot.waitUntil(lambda: "篇文档" in window.library_label.text(), timeout=SEARCH_TIMEOUT_MS)
    assert "段" in window.library_label.text() and "个文件" in window.library_label.text()


def test_ctrl_f_focuses_the_search_box(qtbot, window: MainWindow):
    window.reader.text.setFocus()
    window.find_action.trigger()
    qtbot.waitUntil(lambda: window.search_page.box.hasFocus())


def test_search_shows_documents_passages_count_and_facets(qtbot, window: MainWindow):
    outcome = search(qtbot, window)
    assert outcome.results.hits
    qtbot.waitUntil(lambda: not window.search.results.is_streaming())
    model = window.search.results
    assert model.rowCount() == len(outcome.results.hits)
    assert model.rowCount(model.index(0, 0)) >= 1
    summary = window.search_page.summary.text()
    assert "篇文档相符" in summary and "毫秒" in summary
    facets = window.search.facets
    assert facets.rowCount(facets.index(0, 0)) >= 1  # types
    assert facets.rowCount(facets.index(GROUPS.index("author"), 0)) >= 1
    assert window.settings.history[0] == QUERY
    assert QUERY in window.search_page.box.words.stringList()


def test_facet_groups_without_values_are_not_shown(qtbot, window: MainWindow):
    search(qtbot, window)
    facets, view = window.search.facets, window.search_page.facet_view
    shown = {GROUPS[row] for row in range(facets.rowCount()) if not view.isRowHidden(row, QModelIndex())}
    filled = {GROUPS[row] for row in range(facets.rowCount()) if facets.rowCount(facets.index(row, 0))}
    assert shown == filled
    assert "doc_type" in shown and "issuer" not in shown  # the seeds name no 发文机关


def test_another_library_shows_nothing_of_the_last_one(qtbot, window: MainWindow, tmp_path: Path):
    search(qtbot, window)
    qtbot.waitUntil(lambda: "篇文档" in window.library_label.text(), timeout=SEARCH_TIMEOUT_MS)
    window.open_library(tmp_path / "new-library")
    assert window.search_page.summary.text() == ""
    facets = window.search.facets
    assert window.search.results.rowCount() == 0
    assert all(facets.rowCount(facets.index(g, 0)) == 0 for g in range(facets.rowCount()))
    assert window.library_label.text().startswith("0 篇文档")


def test_typing_a_new_query_clears_not_found(qtbot, window: MainWindow):
    search(qtbot, window, "无此词语甲乙丙")
    assert "没有找到" in window.search_page.summary.text()
    qtbot.keyClicks(window.search_page.box, "k")  # (keyClicks only knows ASCII keys)
    assert window.search_page.summary.text() == ""


def test_right_click_on_a_result_also_opens_it_in_the_reader(qtbot, window: MainWindow):
    search(qtbot, window)
    open_first_hit(qtbot, window)
    model, view = window.search.results, window.search_page.results_view
    second = model.index(1, 0)
    view.scrollTo(second)
    with qtbot.waitSignal(window.reader.document_loaded, timeout=SEARCH_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=view.visualRect(second).center())
    assert view.currentIndex() == second
    assert blocker.args[0].doc.doc_id == second.data(ResultsModel.HitRole).doc_id
    for menu in view.findChildren(QMenu):
        menu.close()


def test_a_new_search_starts_at_the_top(qtbot, window: MainWindow):
    search(qtbot, window)
    bar = window.search_page.results_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=SEARCH_TIMEOUT_MS)
    bar.setValue(bar.maximum())
    search(qtbot, window, "科技")
    assert bar.value() == 0


def test_clicking_a_facet_narrows_the_search(qtbot, window: MainWindow):
    search(qtbot, window)
    facets = window.search.facets
    news = next(facets.index(r, 0, facets.index(0, 0)) for r in range(facets.rowCount(facets.index(0, 0)))
                if facets.index(r, 0, facets.index(0, 0)).data(facets.FacetRole).value == "news")
    view = window.search_page.facet_view
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(news).center())
    hits = blocker.args[0].results.hits
    assert hits and {h.doc_type for h in hits} == {"news"}
    assert "筛选" in window.search_page.filters.text()
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS) as blocker:
        window.search_page.clear_filters.click()
    assert {h.doc_type for h in blocker.args[0].results.hits} != {"news"}


def test_sort_by_date_puts_newest_first(qtbot, window: MainWindow):
    search(qtbot, window)
    combo = window.search_page.sort
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS) as blocker:
        combo.setCurrentIndex(combo.findData("date"))
    years = [h.year or 0 for h in blocker.args[0].results.hits if h.match == "all"]
    assert years == sorted(years, reverse=True)
    assert window.settings.sort == "date"


@pytest.mark.parametrize("query, says", [('"未闭合', "引号不成对"), ("科技 " * 400, "最多 1000 字"),
                                         ("(" * 50 + "科技" + ")" * 50, "嵌套过深")])
def test_bad_query_is_explained_without_a_dialog(qtbot, window: MainWindow, query: str, says: str):
    window.search_page.box.setText(query)
    with qtbot.waitSignal(window.search.failed, timeout=SEARCH_TIMEOUT_MS):
        qtbot.keyClick(window.search_page.box, Qt.Key.Key_Return)
    assert "检索出错" in window.search_page.summary.text()
    assert says in window.search_page.summary.text()
    assert window.last_error == ""


def test_opening_a_hit_shows_its_page_with_the_passage_highlighted(qtbot, window: MainWindow):
    search(qtbot, window)
    hit = open_first_hit(qtbot, window)
    reader = window.reader
    assert reader.pdf.page == hit.page
    assert reader.pdf.canvas.highlights, "no highlight rectangles on the page"
    assert not reader.pdf.canvas.image.isNull()
    shown = reader.text.highlighted_text().replace("\u2029", "\n")
    assert reader.current.text.replace("\n", "") in shown.replace("\n", "")
    assert reader.title.text().count(hit.doc_title) == 1
    assert reader.hit_index() >= 0


def test_next_and_previous_hit(qtbot, window: MainWindow):
    search(qtbot, window)
    open_first_hit(qtbot, window)
    reader = window.reader
    if len(reader.view.hits) < 2:
        pytest.skip("the first document has one hit")
    first = reader.hit_index()
    reader.next_hit_()
    assert reader.hit_index() == (first + 1) % len(reader.view.hits)
    reader.previous_hit()
    assert reader.hit_index() == first


def test_zoom_changes_the_rendered_size(qtbot, window: MainWindow):
    search(qtbot, window)
    open_first_hit(qtbot, window)
    canvas = window.reader.pdf.canvas
    before = canvas.width()
    window.reader.step_zoom(1)
    assert canvas.width() > before
    assert not window.reader.fit_button.isChecked()


def test_ctrl_equals_zooms_in_as_the_hint_says(qtbot, window: MainWindow):
    search(qtbot, window)
    open_first_hit(qtbot, window)
    before = window.reader.pdf.zoom
    qtbot.keyClick(window.search_page.results_view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.pdf.zoom > before
    qtbot.keyClick(window.search_page.results_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.pdf.zoom == pytest.approx(before, abs=0.26)


def test_the_saved_zoom_comes_back(qtbot, make_window, seed_library: Path, settings):
    first = make_window()
    first.open_library(seed_library)
    search(qtbot, first)
    open_first_hit(qtbot, first)
    first.reader.set_zoom(1.25)
    first.save_layout()
    first.close()
    again = make_window()
    again.open_library(seed_library)
    search(qtbot, again)
    open_first_hit(qtbot, again)
    assert again.reader.pdf.zoom == 1.25 and not again.reader.fit_button.isChecked()
    assert again.reader.zoom_label.text() == "125%"


def test_selection_on_the_page_and_ctrl_n_emit_the_note_payload(qtbot, window: MainWindow):
    search(qtbot, window)
    hit = open_first_hit(qtbot, window)
    reader = window.reader
    rects = reader.pdf.canvas.highlights
    canvas = reader.pdf.canvas
    start = canvas.to_pixels(rects[0]).topLeft().toPoint() + QPoint(2, 4)
    end = start + QPoint(60, 0)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    selection = reader.selection
    assert selection is not None and selection.page == hit.page
    page_text = reader.view.pages[hit.page]
    assert page_text[selection.start:selection.end] == selection.quote
    assert selection.file_sha256 == hit.file_sha256
    assert page_text[:selection.start].endswith(selection.prefix)
    with qtbot.waitSignal(reader.note_requested) as blocker:
        window.note_action.trigger()
    assert blocker.args[0] == selection
    reader.copy_selection()
    assert QApplication.clipboard().text() == selection.quote


def test_selection_in_the_text_view_gives_the_same_offsets(qtbot, window: MainWindow):
    search(qtbot, window)
    hit = open_first_hit(qtbot, window)
    reader = window.reader
    passage = reader.current
    reader.text.select_span(passage.page, passage.start, passage.start + 6)
    selection = reader.selection
    assert (selection.page, selection.start, selection.end) == (passage.page, passage.start, passage.start + 6)
    assert selection.quote == passage.text[:6]
    assert selection.file_sha256 == hit.file_sha256


def test_ctrl_n_without_a_selection_says_what_to_do(qtbot, window: MainWindow):
    with qtbot.assertNotEmitted(window.reader.note_requested):
        window.note_action.trigger()
    assert "选中" in window.statusBar().currentMessage()


def test_page_without_text_shows_a_notice(qtbot, make_window, make_pdf, tmp_path: Path):
    make_pdf([["# 关于科技安全的通知", "加强科技安全风险防范，健全风险监测预警体系。" * 6], []], name="two.pdf")
    win = make_window()
    with qtbot.waitSignal(win.librarian.finished, timeout=240_000):
        win.add_paths([str(tmp_path / "two.pdf")])
    search(qtbot, win, "科技安全")
    open_first_hit(qtbot, win)
    assert win.reader.pdf.notice.isHidden()
    with qtbot.waitSignal(win.reader.page_ready, timeout=SEARCH_TIMEOUT_MS):
        win.reader.go_to_page(2)
    assert win.reader.pdf.notice.isVisible() and "没有文字层" in win.reader.pdf.notice.text()


def test_restart_reopens_the_last_library_and_layout(qtbot, settings, seed_library: Path):
    first = create_window(build_parser().parse_args(["--library", str(seed_library)]), settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 520)  # within the offscreen screen (800×600)
    first.close()
    again = create_window(build_parser().parse_args([]), settings)
    qtbot.addWidget(again)
    again.show()
    assert again.pages.currentWidget() is again.workspace
    assert again.session.root == seed_library
    assert again.size().width() == 720
    again.close()


def test_language_choice_is_stored_for_the_next_start(window: MainWindow):
    window.set_language("en")
    assert window.settings.language == "en"
    assert "重新启动" in window.statusBar().currentMessage()


def test_closing_waits_for_background_work(qtbot, window: MainWindow):
    window.search_page.box.setText(QUERY)
    window.search.search(QUERY)
    window.close()
    assert not window.pools.busy()
    assert QApplication.instance() is not None


def test_searching_a_library_without_an_index_says_why(qtbot, make_window, tmp_path: Path):
    """A new library nothing was added to: the search says so in the results pane, no error box."""
    win = make_window()
    win.open_library(tmp_path / "new-library")
    win.search_page.box.setText(QUERY)
    with qtbot.waitSignal(win.search.finished, timeout=SEARCH_TIMEOUT_MS):
        qtbot.keyClick(win.search_page.box, Qt.Key.Key_Return)
    assert "还没有文献" in win.search_page.summary.text() and "添加文件夹" in win.search_page.summary.text()
    assert win.last_error == "" and win.findChild(QMessageBox, "errorBox") is None


def test_fit_width_follows_the_pane(qtbot, window: MainWindow):
    search(qtbot, window)
    open_first_hit(qtbot, window)
    reader = window.reader
    assert reader.fit_button.isChecked()
    before = reader.pdf.canvas.width()
    sizes = reader.splitter.sizes()
    reader.splitter.setSizes([sizes[0] + 150, max(50, sizes[1] - 150)])
    qtbot.waitUntil(lambda: reader.pdf.canvas.width() > before, timeout=5000)


def test_notes_show_beside_the_document_and_on_the_page(qtbot, window: MainWindow):
    search(qtbot, window)
    hit = open_first_hit(qtbot, window)
    reader = window.reader
    reader.text.select_span(hit.page, hit.start, hit.start + 8)
    with qtbot.waitSignal(window.notes.notes_changed):
        window.note_action.trigger()
    assert window.left.currentWidget() is window.notes_view  # the editor opens on the new note
    assert len(reader.notes_panel.notes()) == 1
    assert reader.pdf.canvas.note_rects, "the note's quote is not marked on the page"
    note = reader.notes_panel.notes()[0]
    reader.text.select_span(hit.page, hit.start + 20, hit.start + 30)  # select something else
    view = reader.notes_panel.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(0, 0)).center())
    assert reader.selection.quote == note.anchor.quote
    window.focus_search()
    assert window.left.currentWidget() is window.search_page


def test_help_about_names_the_version_the_library_and_the_licences(qtbot, window: MainWindow):
    from desktop.main_window import COMPONENT_LICENCES
    from indexer import __version__

    assert window.about_action.text() == "关于翰林…"
    window.about_action.trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and box.isVisible()
    text = box.text()
    assert __version__ in text and str(window.session.root) in text
    assert all(licence in text for licence in COMPONENT_LICENCES) and "不联网" in text
    box.close()
