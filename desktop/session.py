"""An open library as the GUI uses it, from worker threads: searches, catalogue reads, writes.

Plain Python, no Qt: every method runs in a worker (`desktop.tasks`). The search index is
opened once and shared (it serialises its searches and follows new commits by itself); each
thread reads the catalogue through its own read-only `CatalogReader`. Writes (`add`,
`rebuild`) open the library for writing and must only run in the one write pool.
`indexer.library.library` (which loads pdfplumber) is imported on first use, not at start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.errors import LibraryError
from indexer.library.reader import CatalogReader
from indexer.search.results import SearchResults

if TYPE_CHECKING:
    from indexer.library.library import LibraryStatus
    from indexer.library.progress import IndexProgress
    from indexer.search import SearchIndex

#: Documents fetched per search (grouped: one hit per document, with its best passages).
SEARCH_LIMIT = 50


@dataclass
class SearchRequest:
    """What the user asked: the query text, sort order and facet filters."""

    query: str
    sort: str = "relevance"
    filters: dict[str, str] = field(default_factory=dict)
    #: Also search the synonyms and abbreviations of the dictionary and the library (switchable per query).
    expand: bool = True

    def engine_filters(self) -> dict:
        """The facet filters as `SearchIndex.search` takes them (a year as a number)."""
        return {k: int(v) if k == "year" else v for k, v in self.filters.items()}


@dataclass(frozen=True)
class LibraryAccess:
    """Whether the GUI may write a library, and the bundle a read-only one was installed from."""

    read_only: bool
    #: The install marker of a library installed from a bundle (`indexer.library.library.installed_bundle_info`:
    #: key_name, fingerprint, created_at, installed_at, bundle_file, counts), else None.
    bundle: dict | None = None


@dataclass
class SearchOutcome:
    """A search's results with the author counts of the documents found (the engine's ``author`` facet)."""

    request: SearchRequest
    results: SearchResults
    authors: dict[str, int]
    #: False when the library had no index yet (nothing was ever added to it).
    built: bool = True
    #: The page holding the query's words of each hit passage that runs over pages, by passage id
    #: (`desktop.reader.data.match_pages`): the page a hit is labelled with and opens at.
    match_pages: dict[str, int] = field(default_factory=dict)


class LibrarySession:
    """The library folder `root` opened for the GUI."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()
        self._closed = False
        self._local = threading.local()

    # ------------------------------------------------------------------ reading

    def reader(self) -> CatalogReader:
        """This thread's read-only catalogue connection."""
        reader = getattr(self._local, "reader", None)
        if reader is None:
            reader = self._local.reader = CatalogReader(self.root)
        return reader

    def is_built(self) -> bool:
        """Whether the library has a catalogue and an index folder (a first build makes both)."""
        from indexer.library.catalog import CATALOG_NAME
        from indexer.library.library import INDEX_DIRNAME

        return (self.root / CATALOG_NAME).is_file() and (self.root / INDEX_DIRNAME).is_dir()

    def search_index(self) -> SearchIndex:
        """The shared search index (rebuilt from the catalogue first if it cannot be used)."""
        from indexer.library.library import Library
        from indexer.search import IndexNeedsRebuild, SearchIndex

        with self._index_lock:
            if self._index is None:
                if not self.is_built():
                    raise LibraryError(f"{self.root}: 文献库还没有检索索引，请等索引完成后再检索 "
                                       "(the library has no search index yet: wait for indexing to finish)")
                library = Library.open(self.root)
                try:
                    self._index = SearchIndex.open(library.index_path, create=False)
                except IndexNeedsRebuild:
                    library.search_index()  # rebuilds it, under the library's write lock
                    library.close()
                    self._index = SearchIndex.open(library.index_path, create=False)
                else:
                    library.close()
                if self._closed:  # a search that started before close(): it runs, keeping no file open
                    self._index.close()
            return self._index

    def search(self, request: SearchRequest, limit: int = SEARCH_LIMIT) -> SearchOutcome:
        """Run a search grouped by document (facets count documents).

        Before a first build has made the library's index there is nothing to search: the
        answer is empty (the window says the library is being built and searches again after).
        """
        if not self.is_built():
            empty = SearchResults(query=request.query.strip(), total=0, facets={}, hits=[], grouped=True,
                                  sort=request.sort)
            return SearchOutcome(request, empty, {}, built=False)
        from desktop.hit_pages import match_pages, runs_over
        from indexer.library.reader import mark_ocr_hits
        from indexer.search.synonyms import with_library

        results = self.search_index().search(request.query.strip(), limit=limit, sort=request.sort,
                                             grouped=True, filters=request.engine_filters(), expand=request.expand,
                                             synonyms=with_library(self.reader().own_synonyms()))
        mark_ocr_hits(self.reader().db, results)
        outcome = SearchOutcome(request, results, results.facets.get("author", {}))
        if any(hit.end_page > hit.page or any(map(runs_over, hit.more)) for hit in results.hits):
            outcome.match_pages = match_pages(self.reader(), results.hits, request.query)
        return outcome

    def warm_up(self) -> None:
        """Open the index, load the word segmenter and the per-generation arrays (grouping keys,
        facet codes, field lengths), so that the first search is as quick as the others."""
        self.search_index().search("科技", limit=1, grouped=True)

    def document_hits(self, query: str, doc_id: str, expand: bool = True) -> SearchResults:
        """Every passage of one document that matches `query` (for next/previous hit)."""
        from indexer.search.synonyms import with_library

        return self.search_index().search(query, limit=500, filters={"doc_id": doc_id}, expand=expand,
                                          synonyms=with_library(self.reader().own_synonyms()))

    def access(self) -> LibraryAccess:
        """Read-only or not: a library installed from a bundle is never written (`indexer.library.library`)."""
        from indexer.library.library import installed_bundle_info, is_installed

        if not is_installed(self.root):
            return LibraryAccess(read_only=False)
        return LibraryAccess(read_only=True, bundle=installed_bundle_info(self.root) or {})

    def status(self) -> LibraryStatus:
        """Counts, failures and index state (`Library.status`, without reading the whole catalogue
        through: `hanlin status` does that)."""
        from indexer.library.library import Library

        library = Library.open(self.root)
        try:
            return library.status(check=False)
        finally:
            library.close()

    # ------------------------------------------------------------------ writing (write pool only)

    def add(self, paths: list[str], *, cancel: threading.Event | None = None,
            on_progress: Callable[[IndexProgress], None] | None = None, prune: bool = False,
            retry_failed: bool = False):
        """Index files and folders into the library (created if needed); returns the `IndexSummary`."""
        from indexer.library.library import Library

        library = Library.open(self.root, create=True)
        try:
            return library.add(paths, cancel=cancel, on_progress=on_progress, prune=prune,
                               retry_failed=retry_failed)
        finally:
            library.close()

    def set_ocr(self, enabled: bool) -> None:
        """Turn OCR of scans on or off for this library (a write: run it in the write pool)."""
        from indexer.library.library import Library

        library = Library.open(self.root, create=True)
        try:
            library.set_ocr_enabled(enabled)
        finally:
            library.close()

    def reindex(self, *, cancel: threading.Event | None = None,
                on_progress: Callable[[IndexProgress], None] | None = None):
        """Look at every known file again: changed ones re-extracted, gone ones dropped, failed ones retried."""
        from indexer.library.library import find_pdfs

        existing, _ = find_pdfs(self.reader().paths())
        return self.add([str(p) for p in existing], cancel=cancel, on_progress=on_progress, prune=True,
                        retry_failed=True)

    def rebuild(self) -> None:
        """Rebuild the search index from the catalogue."""
        from indexer.library.library import Library

        library = Library.open(self.root)
        try:
            library.rebuild_index("用户要求重建索引 (rebuild requested)")
        finally:
            library.close()

    def close(self) -> None:
        """Close the shared index (threads' catalogue readers close with their threads)."""
        with self._index_lock:
            self._closed = True
            if self._index is not None:
                self._index.close()
                self._index = None
