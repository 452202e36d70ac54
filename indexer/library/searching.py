"""Searching a library folder in one call (the CLI's `hanlin search`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from indexer.library.library import Library, cannot_rebuild_error
from indexer.library.reader import mark_ocr_hits
from indexer.search import SearchResults


def search_library(library_dir: str | os.PathLike[str], query: str, **options: Any) -> SearchResults:
    """Run `query` on the library at `library_dir` (see `SearchIndex.search` for `options`).

    An index that needs rebuilding (other schema version, corrupt, or found damaged by the
    search itself) is rebuilt from the catalogue first, which needs the library's write lock; in a
    read-only library that is a `LibraryError` asking to install the bundle again. Synonyms are the
    shipped dictionary and the library's own entries (`Library.own_synonyms`); ``expand=False`` turns them off.
    """
    from indexer.search import query as query_language

    query_language.parse(query)  # bad syntax is reported before the library is touched
    library = Library.open(Path(library_dir))
    try:
        return mark_ocr_hits(library.catalog.db.conn, _search(library, query, **options))
    finally:
        library.close()


def _search(library: Library, query: str, **options: Any) -> SearchResults:
    from indexer.search import IndexNeedsRebuild, SearchIndex
    from indexer.search.synonyms import with_library

    options.setdefault("synonyms", with_library(library.own_synonyms()))

    try:
        index = SearchIndex.open(library.index_path, create=False)
    except IndexNeedsRebuild:
        return library.search_index().search(query, **options)
    try:
        return index.search(query, **options)
    except IndexNeedsRebuild as exc:
        if library.read_only:
            raise cannot_rebuild_error(str(exc)) from exc
        index.close()
        library.rebuild_index(str(exc))
        return library.search_index().search(query, **options)
    finally:
        index.close()
