"""Searching a library's passage index: the query language, analysis, snippets and results.

The public API is what this package exports; Whoosh stays behind `indexer.search._whoosh`
(the only code that imports it, kept private by an import-linter contract)::

    from indexer.search import IndexedPassage, SearchIndex

    index = SearchIndex.open(folder)          # IndexNeedsRebuild when it must be rebuilt
    with index.writer() as writer:            # commits on a clean exit
        writer.add(IndexedPassage(...))
    results = index.search("科技安全 风险", grouped=True)   # SearchResults of Hit

Results, query parsing and analysis import quickly; the index (Whoosh, numpy) is loaded on
first use of one of its names, so a program that only reads results does not pay for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from indexer.search.results import MATCH_ALL, MATCH_ANY, Hit, SearchResults

if TYPE_CHECKING:
    from indexer.search._whoosh.index import (
        SCHEMA_VERSION,
        IndexedPassage,
        IndexNeedsRebuild,
        IndexWriter,
        SearchIndex,
        remove_orphans,
    )

_BACKEND = "indexer.search._whoosh.index"
_LAZY = {"SCHEMA_VERSION", "IndexedPassage", "IndexNeedsRebuild", "IndexWriter", "SearchIndex", "remove_orphans"}

__all__ = ["MATCH_ALL", "MATCH_ANY", "SCHEMA_VERSION", "Hit", "IndexNeedsRebuild", "IndexWriter", "IndexedPassage",
           "SearchIndex", "SearchResults", "remove_orphans"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_BACKEND), name)
    raise AttributeError(f"module 'indexer.search' has no attribute {name!r}")
