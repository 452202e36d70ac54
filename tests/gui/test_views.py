"""Thin views on their own: the results list, the welcome page."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.search.results_model import ResultsModel
from desktop.search.results_view import ResultsView
from desktop.welcome import WelcomePage
from indexer.meta import DocumentMeta
from indexer.search.results import Hit, SearchResults


def results(count: int) -> SearchResults:
    hits = [Hit(f"d{n}-p0", f"d{n}", DocumentMeta(title=f"文档{n}", doc_type=""), "/x.pdf", 2, "正文", "加强<b>科技安全</b>治理" * 8, 1.0,
                more=[{"passage_id": f"d{n}-p1", "page": 3, "score": 0.5, "highlight": "另一段"}])
            for n in range(count)]
    return SearchResults("科技安全", count, {}, hits)


def test_results_view_paints_expanded_wrapped_rows_and_opens_passages(qtbot):
    model = ResultsModel()
    view = ResultsView(model)
    qtbot.addWidget(view)
    view.resize(400, 600)
    view.show()
    with qtbot.waitSignal(view.first_rows_painted, timeout=5000):
        model.show(results(3))
    doc = model.index(0, 0)
    assert view.isExpanded(doc)
    passage = model.index(0, 0, doc)
    assert view.visualRect(passage).height() > view.fontMetrics().height() * 2  # wrapped snippet
    with qtbot.waitSignal(view.passage_activated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(1, 0, doc)).center())
    hit, ref = blocker.args
    assert (hit.doc_id, ref.passage_id, ref.page) == ("d0", "d0-p1", 3)
    with qtbot.waitSignal(view.passage_activated) as blocker:
        view.activated.emit(doc)  # a document row opens its best passage
    assert blocker.args[1].passage_id == "d0-p0"


def test_narrower_view_makes_taller_rows(qtbot):
    model = ResultsModel()
    view = ResultsView(model)
    qtbot.addWidget(view)
    view.resize(600, 600)
    view.show()
    model.show(results(1))
    passage = model.index(0, 0, model.index(0, 0))
    qtbot.waitUntil(lambda: view.visualRect(passage).height() > 0)
    wide = view.visualRect(passage).height()
    view.resize(250, 600)
    qtbot.waitUntil(lambda: view.visualRect(passage).height() > wide)


def test_welcome_page_buttons(qtbot):
    page = WelcomePage()
    qtbot.addWidget(page)
    for button, signal in ((page.demo_button, page.demo_requested), (page.folder_button, page.folder_requested),
                           (page.library_button, page.library_requested)):
        with qtbot.waitSignal(signal, timeout=1000):
            button.click()
