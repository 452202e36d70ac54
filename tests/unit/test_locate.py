"""Rebuilding one page's text with character boxes, for highlighting a passage in the PDF."""

import pytest

from indexer.extract.locate import page_text, span_rects
from indexer.extract.pipeline import extract_pdf


@pytest.mark.parametrize("name", ["000-journal-two-column.pdf", "002-newspaper-page.pdf"])
def test_page_text_is_the_extracted_page_text_with_a_box_per_character(seeds_dir, name):
    path = seeds_dir / name
    result = extract_pdf(path)
    for number, expected in enumerate(result.page_texts, 1):
        page = page_text(path, number, result.body_size, result.furniture.get(number))
        assert page.text == expected
        assert len(page.boxes) == len(page.text)
        assert all(box is not None for char, box in zip(page.text, page.boxes) if not char.isspace())


def test_a_passage_maps_to_rectangles_in_its_column(seeds_dir):
    path = seeds_dir / "000-journal-two-column.pdf"
    result = extract_pdf(path)
    passage = next(p for p in result.documents[0].passages if p.page == 2 and p.end_page == 2)
    page = page_text(path, 2, result.body_size, result.furniture.get(2))
    rects = span_rects(page.boxes, passage.start, passage.end)
    assert rects
    for x0, top, x1, bottom in rects:
        assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height
        assert x1 - x0 < 0.6 * page.width  # one column of two, never across the gutter
    first = page.boxes[passage.start]
    assert rects[0][0] <= first[0] and rects[0][1] <= first[1]


def test_span_rects_merges_characters_of_one_line():
    boxes = [(10, 0, 20, 10), (20, 0, 30, 10), None, (10, 15, 20, 25)]
    assert span_rects(boxes, 0, 4) == [(10, 0, 30, 10), (10, 15, 20, 25)]
    assert span_rects(boxes, 1, 2) == [(20, 0, 30, 10)]
