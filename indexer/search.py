"""Search results as plain data, and searching a library folder.

`Hit` and `SearchResults` are what the CLI and the GUI see: no Whoosh or jieba type
crosses this line. `search_library` opens a library's index and runs one query;
`indexer.searchindex.SearchIndex.search` does the work.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: `Hit.match` values: every query term matched, or (fallback below them) only some.
MATCH_ALL = "all"
MATCH_ANY = "any"


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
    more: list[dict] = field(default_factory=list)  # grouped mode: other matching passages of the document


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

    def to_json(self) -> dict:
        """The JSON contract of `hanlin search --json`."""
        return asdict(self)


def search_library(library_dir: str | os.PathLike, query: str, **options) -> SearchResults:
    """Run `query` on the library at `library_dir` (see `SearchIndex.search` for `options`).

    An index that needs rebuilding (other schema version, corrupt) is rebuilt from the
    catalogue first, which needs the library's write lock.
    """
    from indexer import query as query_language
    from indexer.library import Library
    from indexer.searchindex import IndexNeedsRebuild, SearchIndex

    query_language.parse(query)  # bad syntax is reported before the library is touched
    library = Library.open(Path(library_dir))
    try:
        try:
            index = SearchIndex.open(library.index_path, create=False)
        except IndexNeedsRebuild:
            return library.search_index().search(query, **options)
        try:
            return index.search(query, **options)
        finally:
            index.close()
    finally:
        library.close()
