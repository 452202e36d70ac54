"""Where a passage sits on its page: the page's text again, with a box for every character.

Extraction keeps only text and offsets. To highlight a hit in the original page, the reader
asks for one page: it is laid out again exactly as during extraction (same body size, same
header and footer lines removed, both stored with the extraction result), which gives the
same page text and, this time, the box of each character. `span_rects` turns a span of
that text into one rectangle per line, ready to paint.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.errors import ExtractionError
from indexer.extract.flow import build_paragraphs_with_boxes
from indexer.extract.formats import format_of
from indexer.extract.glyphs import GlyphSource, open_glyphs
from indexer.extract.layout import Box, PageLayout, analyse_records
from indexer.extract.ocr import OcrPage, ocr_layout
from indexer.extract.ofd import OfdDocument
from indexer.extract.pipeline import page_warnings


@dataclass
class PageText:
    """The normalised text of one page and the box of each character (None: a space or break)."""

    page: int
    width: float
    height: float
    text: str
    boxes: list[Box | None]


def page_text(path: str | os.PathLike[str], page: int, body_size: float,
              furniture: list[str] | None = None, ocr: dict[str, Any] | None = None,
              reader: str | None = None) -> PageText:
    """Lay out page `page` (1-based) of a file again, with character boxes.

    `body_size` and `furniture` (the lines removed from this page) come from the file's
    `ExtractResult`; with them and the same glyph `reader` as at extraction (by default the
    same default), `text` equals the page text stored at extraction. A page whose text was
    recognised by OCR is laid out from its recognised lines (`ocr`: `OcrPage.to_json()`, kept in
    the catalogue), not from the PDF: the boxes are the recognised characters' on the page image.
    """
    path = Path(path)
    if ocr is not None:
        return _laid_out(ocr_layout(OcrPage.from_json(ocr)), body_size, furniture)
    with _open(path, reader) as source:
        if not 1 <= page <= source.pages:
            raise ExtractionError(str(path), "no_page", f"没有第{page}页 (no page {page}: the file has "
                                                       f"{source.pages})")
        glyphs = source.read(page - 1)
    layout = analyse_records(glyphs.records, page, glyphs.width, glyphs.height)
    page_warnings(layout)
    return _laid_out(layout, body_size, furniture)


def _open(path: Path, reader: str | None) -> AbstractContextManager[GlyphSource | OfdDocument]:
    """The file's pages as glyphs: an OFD through its reader, anything else as a PDF."""
    if format_of(path) == "ofd":
        return OfdDocument(path)
    return open_glyphs(path, reader)


def _laid_out(layout: PageLayout, body_size: float, furniture: list[str] | None) -> PageText:
    removed = list(furniture or [])
    kept = []
    for line in layout.lines:
        if line.text in removed:
            removed.remove(line.text)
        else:
            kept.append(line)
    layout.lines = kept
    _, texts, boxes = build_paragraphs_with_boxes([layout], body_size)
    return PageText(layout.number, layout.width, layout.height, texts[0], boxes[0])


def span_rects(boxes: list[Box | None], start: int, end: int) -> list[Box]:
    """One rectangle per line covering characters `start`..`end` of a page's text."""
    rects: list[list[float]] = []
    for box in boxes[max(start, 0):max(end, 0)]:
        if box is None:
            continue
        x0, top, x1, bottom = box
        if rects:
            r = rects[-1]
            same_line = min(bottom, r[3]) - max(top, r[1]) > 0.5 * min(bottom - top, r[3] - r[1])
            if same_line and -2 * (bottom - top) <= x0 - r[2] <= 2 * (bottom - top):
                r[0], r[1], r[2], r[3] = min(r[0], x0), min(r[1], top), max(r[2], x1), max(r[3], bottom)
                continue
        rects.append([x0, top, x1, bottom])
    return [(r[0], r[1], r[2], r[3]) for r in rects]
