"""Item models: results (streamed, two levels), facets (checkable values), failed files."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.librarian.failures_model import FailedFile, FailuresModel
from desktop.search.facets_model import FacetModel
from desktop.search.results_model import PassageRef, ResultsModel, marked, plain
from indexer.meta import DocumentMeta
from indexer.search.results import MATCH_ANY, Hit, SearchResults


def hit(n: int, more: int = 1, **extra) -> Hit:
    others = [{"passage_id": f"d{n}-p{k}", "page": k + 2, "score": 0.5, "highlight": f"其他<b>段落</b>{k}"}
              for k in range(more)]
    meta = DocumentMeta(title=f"文档{n}", authors=("张三",), source="科技部", year=2024, doc_type="policy")
    return Hit(f"d{n}-p0", f"d{n}", meta, f"/lib/{n}.pdf", 1, "正文", "加强<b>科技安全</b>治理", 1.0,
               more=others, **extra)


def results(count: int) -> SearchResults:
    return SearchResults("科技安全", count, {}, [hit(n) for n in range(count)])


def test_results_model_is_valid_while_streaming_and_after(qtmodeltester, qtbot):
    model = ResultsModel()
    model.show(results(25))
    assert model.rowCount() == ResultsModel.FIRST_ROWS and model.is_streaming()
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.streaming_finished, timeout=5000):
        pass
    assert model.rowCount() == 25
    qtmodeltester.check(model)


def test_results_rows_and_roles():
    model = ResultsModel()
    model.show(SearchResults("q", 1, {}, [hit(0, more=2, match=MATCH_ANY)]))
    doc = model.index(0, 0)
    assert doc.data() == "文档0" and doc.data(ResultsModel.IsDocumentRole) is True
    assert "政策文件" in doc.data(ResultsModel.HtmlRole) and "部分词匹配" in doc.data(ResultsModel.HtmlRole)
    assert model.rowCount(doc) == 3
    first = model.index(0, 0, doc)
    ref = first.data(ResultsModel.PassageRole)
    assert ref == PassageRef("d0-p0", "d0", 1, "加强<b>科技安全</b>治理", 1.0)
    assert first.data() == "第 1 页：加强科技安全治理"
    assert "background-color" in first.data(ResultsModel.HtmlRole)
    assert model.index(2, 0, doc).data(ResultsModel.PassageRole).page == 3
    assert model.parent(first) == doc
    assert first.data(ResultsModel.HitRole).doc_id == "d0"


def test_a_hit_row_names_a_format_other_than_pdf():
    model = ResultsModel()
    rows = [hit(0), hit(1), hit(2)]
    rows[1].file, rows[2].file = "/lib/通知.ofd", "/lib/页面.html"
    model.show(SearchResults("科技安全", 3, {}, rows))
    html = [model.index(r, 0).data(ResultsModel.HtmlRole) for r in range(3)]
    assert "OFD" not in html[0] and "PDF" not in html[0]
    assert "OFD · 政策文件" in html[1] and "网页 · 政策文件" in html[2]


def test_new_results_replace_old_ones(qtbot):
    model = ResultsModel()
    model.show(results(25))
    model.show(results(3))
    assert model.rowCount() == 3 and not model.is_streaming()
    model.clear()
    assert model.rowCount() == 0


def test_snippet_markup():
    assert marked("a<b>b</b>&lt;") == 'a<span style="background-color:#ffe08a; color:#000;">b</span>&lt;'
    assert plain("a<b>b</b>&lt;") == "ab<"


def facets() -> FacetModel:
    model = FacetModel()
    model.set_counts({"doc_type": {"policy": 3, "paper": 5}, "year": {"2024": 2, "unknown": 1},
                      "source": {"科技部": 4}, "issuer": {"国务院办公厅": 2},
                      "format": {"pdf": 6, "ofd": 1, "web": 1}}, {"张三": 2, "李四": 1})
    return model


def test_facet_model_is_valid(qtmodeltester):
    model = facets()
    qtmodeltester.check(model)
    model.toggle(model.index(0, 0, model.index(0, 0)))
    qtmodeltester.check(model)


def test_a_facet_value_tells_its_whole_label_and_documents_in_its_tooltip():
    model = facets()
    source = model.index(0, 0, model.index(2, 0))
    assert source.data(Qt.ItemDataRole.ToolTipRole) == "科技部：4 篇文档"


def test_facet_values_most_frequent_first_with_labels():
    model = facets()
    types = model.index(0, 0)
    assert types.data() == "类型"
    assert [model.index(r, 0, types).data() for r in range(2)] == ["论文（5）", "政策文件（3）"]
    years = model.index(1, 0)
    assert model.index(1, 0, years).data() == "年份不详（1）"
    issuers = model.index(3, 0)
    assert issuers.data() == "发文机关"
    assert model.index(0, 0, issuers).data() == "国务院办公厅（2）"
    formats = model.index(4, 0)
    assert formats.data() == "格式"
    assert [model.index(r, 0, formats).data() for r in range(3)] == ["PDF（6）", "OFD（1）", "网页（1）"]
    assert model.index(2, 0, formats).data(FacetModel.FacetRole).value == "web"
    authors = model.index(5, 0)
    assert model.index(0, 0, authors).data(FacetModel.FacetRole).value == "张三"


def test_toggling_a_value_selects_one_per_group():
    model = facets()
    types = model.index(0, 0)
    assert model.toggle(model.index(1, 0, types))
    assert model.selected == {"doc_type": "policy"}
    assert model.index(1, 0, types).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.toggle(model.index(0, 0, types))
    assert model.selected == {"doc_type": "paper"}
    model.toggle(model.index(0, 0, types))
    assert model.selected == {}
    assert not model.toggle(types)


def test_selected_value_stays_listed_when_a_search_no_longer_counts_it():
    model = facets()
    model.toggle(model.index(0, 0, model.index(2, 0)))
    model.set_counts({"source": {}}, {})
    assert model.index(0, 0, model.index(2, 0)).data() == "科技部（0）"


def test_failures_model(qtmodeltester):
    model = FailuresModel()
    model.set_failures([FailedFile("/d/坏文件.pdf", "corrupt", "文件已损坏 (the file is corrupt)"),
                        FailedFile("/d/x.pdf", "encrypted", "需要密码 (password required)")])
    qtmodeltester.check(model)
    assert model.index(0, FailuresModel.FILE).data() == "坏文件.pdf"
    assert model.index(1, FailuresModel.REASON).data() == "已加密"
    assert "/d/坏文件.pdf" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "说明"
