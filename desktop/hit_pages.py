"""Where a hit lies on the pages (plain Python, no Qt): the passage's stretch on each page it covers,
the query's words in it, and the page holding them.

A passage may run over two or more pages: `word_spans` finds the query's words in it, page by
page, and `match_page` the page where they are — the page a hit is labelled with and opens at
(`match_pages` for a page of search results), not the page where the passage happens to start.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.errors import HanlinError
from indexer.library.reader import CatalogReader, PassageInfo
from indexer.search.results import Hit, PassageBrief


@dataclass(frozen=True)
class Span:
    """A stretch of one page's text: characters `start`..`end` of page `page`."""

    page: int
    start: int
    end: int


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


def runs_over(brief: PassageBrief) -> bool:
    """Whether another passage of a grouped hit (`Hit.more`) may run over pages (not known: it may)."""
    return brief.get("end_page", brief["page"] + 1) > brief["page"]


def match_pages(reader: CatalogReader, hits: list[Hit], query: str) -> dict[str, int]:
    """For the passages of `hits` (grouped hits with their `more`) that run over pages, the page
    holding the query's words, by passage id (a passage on one page is left out: its page is known)."""
    wanted = {hit.passage_id: hit.file_sha256 for hit in hits if hit.end_page > hit.page}
    for hit in hits:
        wanted.update({m["passage_id"]: hit.file_sha256 for m in hit.more if runs_over(m)})
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
