"""What the reader shows, loaded in workers (no Qt here): a document's texts and hits, a page's boxes.

`load_document` gathers, for one document, its metadata and file, the stored text of its
pages, its passages and the passages matching the query (for next/previous hit).
A passage may run over two or more pages: `word_spans` finds the query's words in it, page by
page, and `match_page` the page where they are — the page a hit is labelled with and opens at
(`match_pages` for a page of search results), not the page where the passage happens to start.
`PageBoxes` caches `indexer.extract.locate.page_text` per (file, page): rebuilding a page with
character boxes reads the PDF again, so it is done once per page and off the GUI thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.session import LibrarySession
from indexer.errors import HanlinError
from indexer.library.reader import CatalogReader, DocumentInfo, PassageInfo, context
from indexer.search.results import Hit

if TYPE_CHECKING:  # indexer.extract.locate loads pdfplumber: imported when a page is first read
    from indexer.extract.locate import PageText


@dataclass(frozen=True)
class Span:
    """A stretch of one page's text: characters `start`..`end` of page `page`."""

    page: int
    start: int
    end: int


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


def passage_spans(passage: PassageInfo, pages: dict[int, str]) -> list[Span]:
    """The passage's stretch on each page it covers (it may run onto the next pages)."""
    if passage.end_page <= passage.page:
        return [Span(passage.page, passage.start, passage.end)]
    spans = [Span(passage.page, passage.start, len(pages.get(passage.page, "")))]
    for page in range(passage.page + 1, passage.end_page):
        spans.append(Span(page, 0, len(pages.get(page, ""))))
    spans.append(Span(passage.end_page, 0, passage.end))
    return spans


def query_terms(query: str) -> list[str]:
    """The words and phrases of `query` to mark in a passage (folded, as the search matched them)."""
    from indexer.search.query import highlight_terms, parse

    if not query.strip():
        return []
    try:
        return highlight_terms(parse(query))
    except HanlinError:  # a query that does not parse found nothing to mark
        return []


def word_spans(passage: PassageInfo, pages: dict[int, str], terms: list[str]) -> list[Span]:
    """Where the query's `terms` occur in `passage`, page by page (a word broken over two pages is not)."""
    from indexer.search.snippets import find_spans

    found = []
    for span in passage_spans(passage, pages):
        text = pages.get(span.page, "")[span.start:span.end]
        found += [Span(span.page, span.start + s, span.start + e) for s, e, _ in find_spans(text, terms)]
    return found


def match_page(passage: PassageInfo, pages: dict[int, str], terms: list[str]) -> int:
    """The page of `passage` holding the query's words: the most different ones, then the most
    matches, the first such page; the passage's first page when none is found."""
    from indexer.search.snippets import find_spans

    if passage.end_page <= passage.page or not terms:
        return passage.page
    best, best_key = passage.page, (0, 0)
    for span in passage_spans(passage, pages):
        spans = find_spans(pages.get(span.page, "")[span.start:span.end], terms)
        key = (len({term for _, _, term in spans}), len(spans))
        if key > best_key:
            best, best_key = span.page, key
    return best


def match_pages(reader: CatalogReader, hits: list[Hit], query: str) -> dict[str, int]:
    """For the passages of `hits` (grouped hits with their `more`) that run over pages, the page
    holding the query's words, by passage id (a passage on one page is left out: its page is known)."""
    wanted = {hit.passage_id: hit.file_sha256 for hit in hits if hit.end_page > hit.page}
    for hit in hits:
        wanted.update({m["passage_id"]: hit.file_sha256 for m in hit.more})
    terms = query_terms(query) if wanted else []
    if not terms:
        return {}
    out: dict[str, int] = {}
    for passage in reader.passages_by_id(wanted):
        if passage.end_page <= passage.page:
            continue
        texts = reader.page_texts(wanted[passage.passage_id], passage.page, passage.end_page)
        out[passage.passage_id] = match_page(passage, texts, terms)
    return out


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

    def get(self, doc: DocumentInfo, page: int) -> PageText:
        """The page's text and boxes (reads the PDF the first time)."""
        key = (doc.file_sha256, page)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        from indexer.extract.locate import page_text

        result = page_text(doc.file.path, page, doc.file.body_size, doc.file.furniture.get(page, []))
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
