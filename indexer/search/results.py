"""Search results as plain data.

`Hit` and `SearchResults` are what the CLI and the GUI see: no Whoosh or jieba type
crosses this line. `indexer.search.SearchIndex.search` makes them;
`indexer.library.searching.search_library` runs one query on a library folder.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NotRequired, TypedDict

from indexer.meta import DocumentMeta, WithMeta, flat_json

#: `Hit.match` values: every query term matched, or (fallback below them) only some.
MATCH_ALL = "all"
MATCH_ANY = "any"

#: The keys of a hit in `hanlin search --json`, in order.
HIT_KEYS = ("passage_id", "doc_id", "doc_title", "file", "page", "text", "highlight", "score", "end_page", "start",
            "end", "ordinal", "file_sha256", "authors", "source", "year", "doc_type", "doc_number", "issue", "issuer",
            "date", "match", "more", "ocr", "versions")


class VersionBrief(TypedDict):
    """A near-duplicate of a hit from another document (another year or edition): an item of `Hit.versions`."""

    doc_id: str
    passage_id: str
    title: str
    year: int | None
    file: str
    page: int
    score: float


class PassageBrief(TypedDict):
    """Another matching passage of a grouped hit's document (an item of `Hit.more`)."""

    passage_id: str
    page: int
    end_page: NotRequired[int]  # the page the passage ends on (absent: not known, take `page`)
    score: float
    highlight: str


class Expansion(TypedDict):
    """A query word (or words) and the dictionary forms also searched for it."""

    word: str
    also: list[str]


@dataclass
class Hit(WithMeta):
    """One passage that matched (in grouped mode: the best passage of one document).

    `meta` is its document's metadata, read as the hit's own (`hit.authors`; the title as `hit.doc_title`).
    """

    passage_id: str
    doc_id: str
    meta: DocumentMeta
    file: str
    page: int
    text: str
    highlight: str
    score: float
    end_page: int = 0
    start: int = 0
    end: int = 0
    ordinal: int = 0
    file_sha256: str = ""
    match: str = MATCH_ALL
    more: list[PassageBrief] = field(default_factory=list)  # grouped mode: other matching passages of the document
    #: Recognised by OCR: the mean confidence of its pages (0–1); None for text from a text layer. Set by
    #: the library (`indexer.library.reader.mark_ocr_hits`), which holds it; the index does not.
    ocr: float | None = None
    #: Other documents whose matching passage is nearly the same text (versions of this one: another
    #: year of a report, another edition of a law), grouped under this hit (`indexer.search.versions`).
    versions: list[VersionBrief] = field(default_factory=list)

    @property
    def doc_title(self) -> str:
        """The title of the hit's document."""
        return self.meta.title

    def to_json(self) -> dict[str, Any]:
        """One hit of `hanlin search --json`: flat, the metadata's keys among the others (title as ``doc_title``)."""
        return flat_json(asdict(self), HIT_KEYS, title_key="doc_title")


@dataclass
class SearchResults:
    """The answer to one query.

    `total` counts passages (`grouped`: documents) matching every term (strict AND); `any_total`
    those matching only some, shown after them when strict AND found less than a page. `facets`
    maps ``doc_type``/``year``/``source``/``author`` to ``{value: count}`` over the same matches as
    `total`, counted the same way (over the any-term matches when strict AND found nothing). `suggestions`
    are queries worth trying when nothing matched. `expansions` says what the synonyms dictionary
    added (``{"word": 发改委, "also": [国家发展和改革委员会, …]}``; empty when `expand` was off), `ignored`
    the question words left out (`indexer.search.understanding`).
    """

    query: str
    total: int
    facets: dict[str, dict[str, int]]
    hits: list[Hit]
    suggestions: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    any_total: int = 0
    grouped: bool = False
    sort: str = "relevance"
    expand: bool = True
    expansions: list[Expansion] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def also_searched(self) -> list[str]:
        """Every alternative form the search also looked for, in order, once each (for 也检索了：…)."""
        return list(dict.fromkeys(form for e in self.expansions for form in e["also"]))

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of `hanlin search --json`."""
        out = asdict(self)
        out["hits"] = [hit.to_json() for hit in self.hits]
        return out
