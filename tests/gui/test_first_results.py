"""First results first: what happens between a search's answer and its first rows on screen."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop.main_window import MainWindow
from desktop.search.controller import SearchController
from desktop.search.facets_model import GROUPS
from desktop.search.page import SearchPage
from desktop.search.results_model import ResultsModel
from desktop.search.results_view import ResultsView
from desktop.session import SearchOutcome
from desktop.tasks import Pools
from indexer.meta import DocumentMeta
from indexer.search.results import Hit, SearchResults
from tests.gui.conftest import SEARCH_TIMEOUT_MS
from tests.gui.test_app import search


def results(count: int, snippet: str = "加强<b>科技安全</b>治理") -> SearchResults:
    hits = [Hit(f"d{n}-p0", f"d{n}", DocumentMeta(title=f"文档{n}", authors=("张三",), doc_type=""), "/x.pdf", 2,
                "正文", snippet, 1.0,
                more=[{"passage_id": f"d{n}-p1", "page": 3, "score": 0.5, "highlight": "另一段"}])
            for n in range(count)]
    return SearchResults("科技安全", count, {"doc_type": {"policy": count}}, hits)


class FakeSession:
    """Answers every search with `answer`, once `release` is set."""

    def __init__(self, answer: SearchResults):
        self.answer = answer
        self.release = threading.Event()
        self.release.set()

    def search(self, request) -> SearchOutcome:
        self.release.wait(30)
        return SearchOutcome(request, self.answer, {"张三": len(self.answer.hits)})


@pytest.fixture
def pools():
    pools = Pools()
    yield pools
    pools.wait(30_000)


def test_results_paint_before_the_facets_and_the_summary_change(qtbot, make_window, seed_library: Path):
    window: MainWindow = make_window()
    window.open_library(seed_library)
    qtbot.waitUntil(lambda: window.search.session is not None and not window.pools.busy(), timeout=SEARCH_TIMEOUT_MS)
    order: list[str] = []
    window.search.answered.connect(lambda _: order.append("answered"))
    window.search_page.results_view.first_rows_painted.connect(lambda: order.append("painted"))
    window.search.facets.modelReset.connect(lambda: order.append("facets"))
    outcome = search(qtbot, window)
    assert outcome.results.hits
    assert order == ["answered", "painted", "facets"]
    assert "篇文档相符" in window.search_page.summary.text()


def test_rows_stream_in_as_soon_as_the_first_ones_are_painted(qtbot, monkeypatch):
    monkeypatch.setattr(ResultsModel, "FIRST_DELAY_MS", 600_000)  # only the paint can start the stream
    model = ResultsModel()
    view = ResultsView(model)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    with qtbot.waitSignal(view.first_rows_painted, timeout=5000):
        model.show(results(25))
    assert model.rowCount() == ResultsModel.FIRST_ROWS
    with qtbot.waitSignal(model.streaming_finished, timeout=5000):
        pass
    assert model.rowCount() == 25


def test_new_rows_are_laid_out_anew(qtbot):
    model = ResultsModel()
    view = ResultsView(model)
    qtbot.addWidget(view)
    view.resize(300, 600)
    view.show()
    passage = lambda: model.index(0, 0, model.index(0, 0))
    with qtbot.waitSignal(view.first_rows_painted, timeout=5000):
        model.show(results(1, "加强<b>科技安全</b>治理" * 12))
    tall = view.visualRect(passage()).height()
    with qtbot.waitSignal(view.first_rows_painted, timeout=5000):
        model.show(results(1, "短"))
    qtbot.waitUntil(lambda: 0 < view.visualRect(passage()).height() < tall)


def test_busy_text_only_when_the_search_is_slow(qtbot, pools):
    controller = SearchController(pools)
    page = SearchPage(controller)
    qtbot.addWidget(page)
    page.show()
    session = FakeSession(results(0))
    controller.set_session(session)
    with qtbot.waitSignal(controller.finished, timeout=SEARCH_TIMEOUT_MS):
        controller.search("快")
    assert "正在检索" not in page.summary.text() and not page._busy.isActive()
    session.release.clear()
    controller.search("慢")
    qtbot.waitUntil(lambda: "正在检索“慢”" in page.summary.text(), timeout=5000)
    with qtbot.waitSignal(controller.finished, timeout=SEARCH_TIMEOUT_MS):
        session.release.set()
    assert "没有找到“科技安全”" in page.summary.text()


def test_facets_follow_even_when_no_view_paints_the_results(qtbot, pools):
    controller = SearchController(pools)
    controller.set_session(FakeSession(results(3)))
    with qtbot.waitSignal(controller.finished, timeout=SEARCH_TIMEOUT_MS) as finished:
        controller.search("科技安全")
    assert finished.args[0].results.total == 3
    facets = controller.facets
    assert facets.rowCount(facets.index(0, 0)) == 1 and facets.rowCount(facets.index(GROUPS.index("author"), 0)) == 1
