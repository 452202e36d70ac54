"""Analysing a library folder in one call (the CLI's `hanlin analyze`): the whole library or a search's documents."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from indexer.insight.documents import load_documents
from indexer.insight.frontmatter import Attributions
from indexer.insight.report import Analysis, analyse


def analyse_library(library_dir: str | os.PathLike[str], query: str = "",
                    filters: Mapping[str, Any] | None = None, **options: Any) -> Analysis:
    """Analyse the library at `library_dir`: every document, or those `query` (with the search's
    `filters`: ``doc_type``, ``year``, ``source``, ``author``, ``issuer``) finds. `options` go to `analyse`.

    Raises `QuerySyntaxError` for a bad query and `LibraryError` when the library cannot be read.
    """
    from indexer.library.reader import CatalogReader

    doc_ids = matching_documents(library_dir, query, filters) if query.strip() or filters else None
    with CatalogReader(library_dir) as reader:
        docs = load_documents(reader.db, doc_ids)
        attributions = Attributions().of(reader.db, docs)
    return analyse(docs, attributions, scope=query.strip(), **options)


def matching_documents(library_dir: str | os.PathLike[str], query: str,
                       filters: Mapping[str, Any] | None = None) -> list[str]:
    """The ``doc_id`` of every document the search of `query` (and `filters`) finds in the library."""
    from indexer.library.library import Library
    from indexer.search import IndexNeedsRebuild, SearchIndex
    from indexer.search import query as query_language

    text = query.strip() or "*"
    query_language.parse(text)  # bad syntax is reported before the library is touched
    library = Library.open(Path(library_dir))
    try:
        try:
            index = SearchIndex.open(library.index_path, create=False)
        except IndexNeedsRebuild:
            index = library.search_index()
        try:
            from indexer.search.synonyms import with_library

            return index.matching_documents(text, filters=filters, synonyms=with_library(library.own_synonyms()))
        finally:
            index.close()
    finally:
        library.close()
