"""What the reader shows, loaded in workers (no Qt here): a document's texts and hits, a page's boxes.

`load_document` gathers, for one document, its metadata and file, the stored text of its
pages, its passages and the passages matching the query (for next/previous hit).
Where a passage and the query's words in it lie on the pages is `desktop.hit_pages`.
`PageBoxes` caches `indexer.extract.locate.page_text` per (file, page): rebuilding a page with
character boxes reads the PDF again, so it is done once per page and off the GUI thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.hit_pages import Span, query_terms
from desktop.session import LibrarySession
from indexer.errors import HanlinError
from indexer.library.reader import DocumentInfo, PassageInfo, context

if TYPE_CHECKING:  # indexer.extract.locate loads pdfplumber: imported when a page is first read
    from indexer.extract.locate import PageText


@dataclass(frozen=True)
class Selection:
    """A selection in the reader, as notes anchor it: offsets into the page's normalised text."""

    file_sha256: str
    page: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass
class DocumentView:
    """A document ready to read."""

    doc: DocumentInfo
    pages: dict[int, str]
    passages: list[PassageInfo]
    hits: list[PassageInfo] = field(default_factory=list)  # passages matching the query, in reading order
    query: str = ""
    file_pages: dict[int, str] = field(default_factory=dict)  # every page of the file (notes re-anchor on it)
    terms: list[str] = field(default_factory=list)  # the query's words and phrases to mark (folded)

    def passage(self, passage_id: str) -> PassageInfo | None:
        """One of the document's passages by id."""
        return next((p for p in self.passages if p.passage_id == passage_id), None)


def selection_of(file_sha256: str, page: int, text: str, start: int, end: int) -> Selection | None:
    """The selection `start`..`end` of a page's text, with its quote and context; None if empty."""
    start, end = sorted((max(0, start), min(len(text), end)))
    quote, prefix, suffix = context(text, start, end)
    if not quote.strip():
        return None
    return Selection(file_sha256, page, start, end, quote, prefix, suffix)


def load_document(session: LibrarySession, doc_id: str, query: str) -> DocumentView:
    """A document's metadata, page texts, passages and the passages matching `query`."""
    reader = session.reader()
    doc = reader.document(doc_id)
    if doc is None:
        raise HanlinError(f"文档已不在文献库中，请重新检索 (the document {doc_id} is no longer in the library)")
    file_pages = reader.page_texts(doc.file_sha256)
    last = max(doc.last_page, doc.first_page)
    pages = {n: text for n, text in file_pages.items() if doc.first_page <= n <= last}
    passages = reader.passages(doc_id)
    hits: list[PassageInfo] = []
    if query.strip():
        found = {h.passage_id for h in session.document_hits(query, doc_id).hits}
        hits = [p for p in passages if p.passage_id in found]
    return DocumentView(doc, pages, passages, hits, query, file_pages, query_terms(query))


class PageBoxes:
    """Character boxes of pages, rebuilt on demand and kept for the most recent pages."""

    SIZE = 64

    def __init__(self):
        self._cache: OrderedDict[tuple[str, int], PageText] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, doc: DocumentInfo, page: int, ocr: dict | None = None) -> PageText:
        """The page's text and boxes (reads the PDF the first time; an OCR page from its recognised lines, `ocr`)."""
        key = (doc.file_sha256, page)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        from indexer.extract.locate import page_text

        result = page_text(doc.file.path, page, doc.file.body_size, doc.file.furniture.get(page, []), ocr)
        with self._lock:
            self._cache[key] = result
            while len(self._cache) > self.SIZE:
                self._cache.popitem(last=False)
        return result


def rects_for(page: PageText, spans: list[Span]) -> list[tuple[float, float, float, float]]:
    """The rectangles (PDF points, top-left origin) of the spans that lie on `page`."""
    from indexer.extract.locate import span_rects

    rects = []
    for span in spans:
        if span.page == page.page:
            rects.extend(span_rects(page.boxes, span.start, span.end))
    return rects
