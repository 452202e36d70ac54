"""Reader parts without a library: the text view's offsets, the page canvas's selection, spans."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSizeF
from PySide6.QtGui import QImage

from desktop.hit_pages import Span, passage_spans
from desktop.reader.data import selection_of
from desktop.reader.page_view import PageCanvas
from desktop.reader.text_view import DocumentTextView, TextMap
from indexer.library.reader import PassageInfo

PAGES = {3: "第一行文字\n第二行𠀀字", 4: "下一页的文字"}


def test_text_map_round_trips_positions_including_characters_beyond_the_bmp():
    text_map, joined = TextMap.build(PAGES, lambda n: f"— {n} —")
    for page, text in PAGES.items():
        for offset in range(len(text) + 1):
            position = text_map.position(page, offset)
            assert text_map.locate(position) == (page, offset)
    assert text_map.position(9, 0) is None
    assert joined.startswith("— 3 —\n第一行文字")


def test_text_view_highlights_and_reports_selections(qtbot):
    view = DocumentTextView()
    qtbot.addWidget(view)
    view.set_pages(PAGES)
    view.highlight([Span(3, 6, 11)])
    assert view.highlighted_text() == "第二行𠀀字"
    with qtbot.waitSignal(view.selection_changed) as blocker:
        view.select_span(4, 1, 3)
    assert blocker.args == [4, 1, 3]
    assert view.selected_span() == Span(4, 1, 3)


def test_selection_crossing_a_page_is_clipped_to_its_first_page(qtbot):
    view = DocumentTextView()
    qtbot.addWidget(view)
    view.set_pages(PAGES)
    cursor = view.textCursor()
    cursor.setPosition(view.map.position(3, 8))
    cursor.setPosition(view.map.position(4, 2), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_span() == Span(3, 8, len(PAGES[3]))


def canvas_with_line(qtbot) -> PageCanvas:
    canvas = PageCanvas()
    qtbot.addWidget(canvas)
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    canvas.set_page(image, QSizeF(200, 100), 1.0)
    # five characters of 10 points on one line, then a break, then two on the next line
    canvas.set_boxes([(10 + 10 * i, 10, 20 + 10 * i, 20) for i in range(5)] + [None]
                     + [(10 + 10 * i, 30, 20 + 10 * i, 40) for i in range(2)])
    return canvas


def test_canvas_maps_points_to_character_boundaries(qtbot):
    canvas = canvas_with_line(qtbot)
    assert canvas.char_at(QPointF(12, 15)) == 0
    assert canvas.char_at(QPointF(18, 15)) == 1  # past the middle: the boundary after it
    assert canvas.char_at(QPointF(22, 35)) == 7
    assert canvas.char_at(QPointF(500, 15)) == 5


def test_canvas_mouse_drag_selects_a_span(qtbot):
    canvas = canvas_with_line(qtbot)
    from PySide6.QtCore import QPoint, Qt

    with qtbot.waitSignal(canvas.selection_changed) as blocker:
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(21, 15))
        qtbot.mouseMove(canvas, QPoint(35, 35))
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(35, 35))
    assert blocker.args == [1, 8]


def test_canvas_without_text_selects_nothing(qtbot):
    canvas = PageCanvas()
    qtbot.addWidget(canvas)
    canvas.set_boxes([])
    assert canvas.char_at(QPointF(5, 5)) is None


def test_passage_running_onto_later_pages_has_a_span_on_each():
    passage = PassageInfo("p", "d", 0, 3, 5, 4, 2, "…")
    pages = {3: "x" * 10, 4: "y" * 7, 5: "z" * 9}
    assert passage_spans(passage, pages) == [Span(3, 4, 10), Span(4, 0, 7), Span(5, 0, 2)]


def test_selection_payload_has_quote_and_context():
    text = "甲" * 40 + "科技安全" + "乙" * 40
    selection = selection_of("f" * 64, 2, text, 44, 40)
    assert (selection.page, selection.start, selection.end, selection.quote) == (2, 40, 44, "科技安全")
    assert selection.prefix == "甲" * 32 and selection.suffix == "乙" * 32
    assert selection_of("f" * 64, 2, "  ", 0, 2) is None
