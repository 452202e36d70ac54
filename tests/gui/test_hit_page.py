"""A hit whose passage runs over two pages is labelled and opened at the page holding the query's words,
and the words themselves are marked, not only the passage."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desktop.hit_pages import Span, match_page, word_spans
from desktop.main_window import MainWindow
from desktop.search.results_model import ResultsModel
from indexer.extract.pdf import sha256_file
from indexer.library.library import Library
from indexer.library.reader import CatalogReader, PassageInfo
from tests.conftest import _draw_line  # the PDF maker's line drawing (fonts registered there)
from tests.gui.conftest import SEARCH_TIMEOUT_MS

WORD = "量子纠缠"
SIZE = 10.5
CHARS = 40  # characters per line: fits A4 between 56 pt margins at 10.5 pt


def filler(n: int) -> str:
    """A line's worth of distinct text (no two lines alike: none is taken for a running header)."""
    text = f"第{n}项要求各地持续推进科技创新体系建设并完善制度保障和人才培养机制"
    return (text * 2)[:CHARS]


def lines(texts: list[str], top: float = 56) -> list[tuple]:
    return [(56, top + i * SIZE * 1.5, text, SIZE) for i, text in enumerate(texts)]


@pytest.fixture(scope="module")
def spanning_library(tmp_path_factory) -> Path:
    """A PDF whose second paragraph starts on page 1 and ends on page 2, the query's word only on page 2."""
    root = tmp_path_factory.mktemp("spanning")
    pdf = root / "spanning.pdf"
    first = ["\u3000\u3000" + filler(1)[:CHARS - 2]] + [filler(n) for n in range(2, 8)] + ["本段到此结束。"]
    second = ["\u3000\u3000" + filler(20)[:CHARS - 2]] + [filler(n) for n in range(21, 33)]
    page1 = first + second
    page2 = [filler(40), f"专家指出{WORD}实验为信息安全研究提供了新的方向和依据。",
             "\u3000\u3000" + filler(50)[:CHARS - 2]] + [filler(n) for n in range(51, 58)] + ["全文完。"]
    canvas = Canvas(str(pdf), pagesize=A4, invariant=1)
    for page in (page1, page2):
        for x, y, text, size in lines(page):
            _draw_line(canvas, A4[1], x, y, text, size)
        canvas.showPage()
    canvas.save()
    with Library.open(root / "library", create=True) as library:
        library.add([pdf], workers=1)
    return root / "library"


def spanning_passage(library: Path) -> tuple[PassageInfo, dict[int, str]]:
    sha256 = sha256_file(library.parent / "spanning.pdf")
    with CatalogReader(library) as reader:
        passage = next(p for p in reader.file_passages(sha256) if WORD in p.text)
        return passage, reader.page_texts(sha256)


def test_the_passage_runs_over_both_pages_and_its_word_is_on_the_second(spanning_library: Path):
    passage, pages = spanning_passage(spanning_library)
    assert (passage.page, passage.end_page) == (1, 2)  # what the rest of this file is about
    assert WORD not in pages[1] and WORD in pages[2]
    assert match_page(passage, pages, [WORD]) == 2
    spans = word_spans(passage, pages, [WORD])
    assert spans == [Span(2, pages[2].index(WORD), pages[2].index(WORD) + len(WORD))]
    assert match_page(passage, pages, []) == 1  # no query (a note, a digest item): where it starts


def test_the_hit_is_labelled_and_opened_at_the_page_of_the_word(qtbot, make_window, spanning_library: Path):
    window: MainWindow = make_window()
    window.open_library(spanning_library)
    box = window.search_page.box
    box.setText(WORD)
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    model = window.search.results
    doc = model.index(0, 0)
    passage_row = model.index(0, 0, doc)
    ref = passage_row.data(ResultsModel.PassageRole)
    assert ref.page == 2
    assert passage_row.data().startswith("第 2 页")
    with qtbot.waitSignal(window.reader.page_ready, timeout=SEARCH_TIMEOUT_MS) as shown:
        window.search_page.results_view.activated.emit(passage_row)
    assert shown.args == [2] and window.reader.pdf.page == 2
    canvas = window.reader.pdf.canvas
    assert len(canvas.word_rects) == 1  # the word, strongly
    assert canvas.highlights and canvas.highlights != canvas.word_rects  # the passage's part on this page, tinted
    x0, _, x1, _ = canvas.word_rects[0]
    assert x1 - x0 == pytest.approx(len(WORD) * SIZE, abs=2)  # four characters wide, not the whole line
    assert window.reader.text.highlighted_words() == [WORD]
