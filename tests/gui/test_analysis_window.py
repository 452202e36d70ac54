"""The 分析 window on the seed library: charts and tables filled off the GUI thread, a network term
searched, a timeline mark opened, figures and tables exported; its table model passes qtmodeltester."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from desktop.analysis.export import png_bytes, save_figure
from desktop.analysis.models import DOC_ID_ROLE, AnalysisTableModel
from indexer.insight.library import matching_documents
from tests.gui.conftest import SEARCH_TIMEOUT_MS


def test_the_table_model_passes_qtmodeltester(qtmodeltester):
    model = AnalysisTableModel(["作者", "文献数", "机构"])
    qtmodeltester.check(model, force_py=True)
    model.set_rows([["王旭", 1, "山西省科技情报与战略研究中心"], ["刘锐", 2, ""]], ["d1", "d2"])
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, 1).data() == "2"
    assert model.index(0, 0).data(DOC_ID_ROLE) == "d1"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) is not None


def _open(window, qtbot, search: bool):
    """Open the 分析 window from the main window's menu action; wait for its first analysis."""
    controller = window.analysis._window().controller
    action = window.analysis.search_action if search else window.analysis.library_action
    with qtbot.waitSignal(controller.ready, timeout=SEARCH_TIMEOUT_MS) as ready:
        action.trigger()
    return window.analysis.window, ready.args[0]


def test_the_whole_library_in_charts_and_tables(make_window, seed_library: Path, qtbot, tmp_path: Path):
    window = make_window()
    window.open_library(seed_library)
    qtbot.waitUntil(lambda: not window.pools.busy(), timeout=SEARCH_TIMEOUT_MS)
    analysis_window, outcome = _open(window, qtbot, search=False)
    with sqlite3.connect(seed_library / "catalog.db") as conn:
        documents = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert outcome.analysis.documents == documents
    assert sum(analysis_window.year_chart.values) == documents
    assert "翰林" not in analysis_window.summary.text() and str(documents) in analysis_window.summary.text()
    assert analysis_window.models["authors"].row_count() == len(outcome.analysis.authors) > 0
    assert analysis_window.network.nodes, "the seed papers' keywords make a network"

    # a click on a term searches it in the main window
    item = analysis_window.network.nodes["科技安全"]
    analysis_window.tabs.setCurrentIndex(3)
    view = analysis_window.network
    point = view.mapFromScene(item.scenePos())
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS):
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.search.request.query == "科技安全"

    # the co-author network: the seed paper's three authors linked, a click searches an author's documents
    analysis_window.network_kind.setCurrentIndex(1)
    analysis_window.network_kind.activated.emit(1)
    assert {"王旭", "刘锐", "何俊琦"} <= set(analysis_window.network.nodes)
    assert "作者合作网络" in analysis_window.network.title()
    with qtbot.waitSignal(analysis_window.search_requested) as asked:
        analysis_window.network.term_activated.emit("王旭")
    assert asked.args == ["作者:王旭"]
    analysis_window.network_kind.setCurrentIndex(0)
    analysis_window.network_kind.activated.emit(0)

    # figures and tables
    for suffix in ("png", "svg"):
        save_figure(analysis_window.current_tab().figure(), tmp_path / f"net.{suffix}", "关键词共现网络")
    assert (tmp_path / "net.png").read_bytes().startswith(b"\x89PNG")
    svg = (tmp_path / "net.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "关键词共现网络" in svg
    written = analysis_window.write_tables(str(tmp_path / "tables.xlsx"))
    assert written == [tmp_path / "tables.xlsx"] and written[0].stat().st_size > 1000
    analysis_window.tabs.setCurrentIndex(0)
    written = analysis_window.write_tables(str(tmp_path / "counts.csv"))
    assert [p.name for p in written] == ["counts_counts_year.csv", "counts_counts_doc_type.csv",
                                         "counts_counts_source.csv", "counts_counts_issuer.csv"]
    assert png_bytes(analysis_window.current_tab().figure()).startswith(b"\x89PNG")

    # 插入摘编: the overview's charts become a figure with its caption in the current digest
    analysis_window.digest_button.click()
    controller = window.digest.controller
    figure = controller.outline().items()[-1]
    assert figure.kind == "figure" and figure.body_text == "文献的年份、类型、来源与发文机关分布"
    assert figure.image.startswith(b"\x89PNG")


def test_a_search_s_documents_and_the_timeline(make_window, seed_library: Path, qtbot):
    window = make_window()
    window.open_library(seed_library)
    qtbot.waitUntil(lambda: not window.pools.busy(), timeout=SEARCH_TIMEOUT_MS)
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS):
        window.search.search("科技安全")
    analysis_window, outcome = _open(window, qtbot, search=True)
    assert outcome.request.query == "科技安全"
    assert outcome.analysis.documents == len(matching_documents(seed_library, "科技安全"))
    assert analysis_window.scope.currentIndex() == 1 and "科技安全" in analysis_window.scope.currentText()



def test_a_click_on_a_timeline_mark_opens_its_document(qtbot):
    from desktop.analysis.timeline_view import TimelineView
    from indexer.insight.timeline import TimelineEntry

    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.set_entries([TimelineEntry("a", "2012-12-12", ("国防部",), "国防部发〔2012〕21号", "国防部关于放假的通知"),
                      TimelineEntry("b", "2021-09-30", ("新竹縣政府",), "", "實施計畫"),
                      TimelineEntry("c", "", (), "", "undated")], "政策时间线")
    view.show()
    qtbot.waitExposed(view)
    assert view.lanes == ["国防部", "新竹縣政府"] and len(view.marks()) == 2
    (first, _), (second, entry) = sorted(view.marks(), key=lambda m: m[0].x())
    assert entry.doc_id == "b"
    assert first.x() < second.x() and first.y() < second.y()
    with qtbot.waitSignal(view.document_activated) as opened:
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=second.toPoint())
    assert opened.args == ["b"]
    assert view.entry_at(QPointF(5, 5)) is None
