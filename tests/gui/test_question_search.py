"""A question with an abbreviation: the window says what else it searched (也检索了：…), the switch
searches without it, and the right passage of a long document comes first and opens at its page."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desktop.main_window import MainWindow
from desktop.search.results_model import ResultsModel
from indexer.library.library import Library
from tests.conftest import _draw_line  # the PDF maker's line drawing (fonts registered there)
from tests.gui.conftest import SEARCH_TIMEOUT_MS

PAGES = 24
ANSWER_PAGE = 18
ANSWER = "国家发展和改革委员会于2021年印发科技成果转化实施意见，明确赋予科研人员职务科技成果所有权。"
QUESTION = "发改委是哪一年印发科技成果转化实施意见的"


def page_lines(page: int) -> list[str]:
    """A page of distinct text about 科技成果转化; the answer only on `ANSWER_PAGE`."""
    lines = [f"第{page}章第{n}节要求各地持续推进科技成果转化体系建设，完善第{n}项制度保障。" for n in range(1, 9)]
    if page == ANSWER_PAGE:
        lines[4] = ANSWER
    return lines


@pytest.fixture(scope="module")
def long_library(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("long")
    pdf = root / "compilation.pdf"
    canvas = Canvas(str(pdf), pagesize=A4, invariant=1)
    for page in range(1, PAGES + 1):
        for i, text in enumerate(page_lines(page)):
            _draw_line(canvas, A4[1], 56, 80 + i * 30, text, 10.5)
        canvas.showPage()
    canvas.save()
    with Library.open(root / "library", create=True) as library:
        library.add([pdf], workers=1)
    return root / "library"


def test_a_question_with_an_abbreviation_shows_the_expansion_and_opens_the_right_page(
        qtbot, make_window, long_library: Path):
    window: MainWindow = make_window()
    window.open_library(long_library)
    page = window.search_page
    page.box.setText(QUESTION)
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS) as done:
        page.box.submitted.emit(QUESTION)
    results = done.args[0].results
    assert "国家发展和改革委员会" in results.also_searched() and "哪一年" in results.ignored
    assert page.expansion.isVisible() and page.expansion.text().startswith("也检索了：")
    assert "国家发展和改革委员会" in page.expansion.text()

    model = window.search.results
    passage_row = model.index(0, 0, model.index(0, 0))
    ref = passage_row.data(ResultsModel.PassageRole)
    assert ref.page == ANSWER_PAGE  # the passage that answers, not the document's first match
    with qtbot.waitSignal(window.reader.page_ready, timeout=SEARCH_TIMEOUT_MS) as shown:
        page.results_view.activated.emit(passage_row)
    assert shown.args == [ANSWER_PAGE] and window.reader.pdf.page == ANSWER_PAGE

    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS) as again:
        page.expand_toggle.click()
    assert not again.args[0].request.expand and again.args[0].results.expansions == []
    assert page.expansion.text() == "未扩展同义词和缩略语" and page.expand_toggle.text() == "扩展同义词"
