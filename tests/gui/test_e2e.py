"""End to end through the GUI: index the seed PDFs, search, read the hit on its page, restart, re-index.

The notes steps of the acceptance test (add a note on a selection, find it after a restart,
find it still attached after a re-index) join this test when `desktop/notes` lands.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.app import build_parser, create_window
from desktop.main_window import MainWindow
from desktop.results_model import ResultsModel
from indexer.locate import span_rects
from tests.gui.conftest import INDEX_TIMEOUT_MS, SEARCH_TIMEOUT_MS

QUERY = "科技安全 风险"


def search(qtbot, window: MainWindow, query: str):
    window.find_action.trigger()
    window.search_page.box.setText(query)
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS) as blocker:
        qtbot.keyClick(window.search_page.box, Qt.Key.Key_Return)
    return blocker.args[0].results


def test_index_search_read_restart_reindex(qtbot, make_window, seed_copy: Path, data_dir: Path):
    window = make_window()
    assert window.pages.currentWidget() is window.welcome
    with qtbot.waitSignal(window.librarian.finished, timeout=INDEX_TIMEOUT_MS) as blocker:
        window.add_paths([str(seed_copy)])
    summary = blocker.args[0]
    assert len(summary.indexed) == len(list(seed_copy.glob("*.pdf"))) and not summary.failed

    results = search(qtbot, window, QUERY)
    assert results.total > 0
    first = results.hits[0]
    model = window.search.results
    view = window.search_page.results_view
    with qtbot.waitSignal(window.reader.page_ready, timeout=SEARCH_TIMEOUT_MS) as page:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(model.index(0, 0, model.index(0, 0))).center())
    reader = window.reader
    assert page.args == [first.page] and reader.pdf.page == first.page
    assert reader.current.passage_id == first.passage_id
    # The rectangles painted are those of the passage's characters on the rendered page.
    expected = span_rects(reader.page_text.boxes, first.start,
                          first.end if first.end_page == first.page else len(reader.page_text.text))
    assert reader.pdf.canvas.highlights == expected and expected
    visible = reader.pdf.scroll.viewport().rect().translated(reader.pdf.scroll.horizontalScrollBar().value(),
                                                             reader.pdf.scroll.verticalScrollBar().value())
    assert visible.intersects(reader.pdf.canvas.to_pixels(expected[0]).toRect())
    assert first.text.replace("\n", "")[:40] in reader.text.highlighted_text().replace("\u2029", "")
    assert model.index(0, 0).data(ResultsModel.HitRole).doc_id == first.doc_id

    settings = window.settings
    window.close()
    again = create_window(build_parser().parse_args([]), settings)  # as `hanlin-desktop` starts
    qtbot.addWidget(again)
    again.show()
    assert again.pages.currentWidget() is again.workspace
    assert again.session.root == data_dir / "library"
    assert QUERY in again.search_page.box.words.stringList()  # history
    with qtbot.waitSignal(again.librarian.finished, timeout=INDEX_TIMEOUT_MS) as blocker:
        again.reindex_action.trigger()
    assert blocker.args[0].indexed == [] and blocker.args[0].skipped == len(list(seed_copy.glob("*.pdf")))
    results = search(qtbot, again, QUERY)
    assert results.hits[0].passage_id == first.passage_id
    again.close()
