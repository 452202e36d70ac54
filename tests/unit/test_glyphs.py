"""The lean glyph reader gives exactly pdfplumber's characters (text, box, size, font, upright)."""

import pdfplumber
import pytest

from indexer.extract.glyphs import page_glyphs

FIELDS = ("text", "x0", "x1", "top", "bottom", "size", "fontname", "upright")


@pytest.mark.parametrize("name", ["000-journal-two-column.pdf", "002-newspaper-page.pdf", "004-slide-deck.pdf"])
def test_glyphs_match_pdfplumber_chars(seeds_dir, name):
    with pdfplumber.open(seeds_dir / name) as pdf:
        page = pdf.pages[0]
        ours, theirs = page_glyphs(pdf, page), page.chars
        assert len(ours) == len(theirs) > 50
        for a, b in zip(ours, theirs):
            for field in FIELDS:
                assert a[field] == pytest.approx(b[field]) if isinstance(a[field], float) else a[field] == b[field]


def test_vertical_and_rotated_glyphs_match(shared_dir):
    path = shared_dir / "corpus" / "real" / "robustness" / "rotated_page_90.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        ours, theirs = page_glyphs(pdf, page), page.chars
        assert len(ours) > 20
        assert [g["text"] for g in ours] == [c["text"] for c in theirs]
        assert [g["upright"] for g in ours] == [c["upright"] for c in theirs]
        assert [round(g["top"], 3) for g in ours] == [round(c["top"], 3) for c in theirs]
