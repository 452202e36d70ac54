"""Search results as plain data.

`Hit` and `SearchResults` are what the CLI and the GUI see: no Whoosh or jieba type
crosses this line. `indexer.search.SearchIndex.search` makes them;
`indexer.library.searching.search_library` runs one query on a library folder.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict

#: `Hit.match` values: every query term matched, or (fallback below them) only some.
MATCH_ALL = "all"
MATCH_ANY = "any"


class PassageBrief(TypedDict):
    """Another matching passage of a grouped hit's document (an item of `Hit.more`)."""

    passage_id: str
    page: int
    score: float
    highlight: str


@dataclass
class Hit:
    """One passage that matched (in grouped mode: the best passage of one document)."""

    passage_id: str
    doc_id: str
    doc_title: str
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
    authors: list[str] = field(default_factory=list)
    source: str = ""
    year: int | None = None
    doc_type: str = ""
    doc_number: str = ""
    match: str = MATCH_ALL
    more: list[PassageBrief] = field(default_factory=list)  # grouped mode: other matching passages of the document


@dataclass
class SearchResults:
    """The answer to one query.

    `total` counts passages matching every term (strict AND); `any_total` those matching
    only some, shown after them when strict AND found less than a page. `facets` maps
    ``doc_type``/``year``/``source`` to ``{value: count}`` over all matches. `suggestions`
    are queries worth trying when nothing matched.
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

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of `hanlin search --json`."""
        return asdict(self)
