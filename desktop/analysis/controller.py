"""Analysing the open library (or the current search's documents) in the read pool.

One analysis at a time is wanted: a new one discards the one before. The catalogue's documents
(`indexer.insight.documents.DocumentCache`) and authors' institutions, read from front matter
(`indexer.insight.frontmatter`), are remembered per library session.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from desktop.session import LibrarySession, SearchRequest
from desktop.tasks import Job, Pools, run_in_pool
from indexer.insight import Analysis, DocumentCache, analyse
from indexer.insight.frontmatter import Attributions


@dataclass
class AnalysisOutcome:
    """An analysis, the request it covers (None: the whole library) and how long it took."""

    analysis: Analysis
    request: SearchRequest | None
    elapsed_ms: float


def compute(session: LibrarySession, request: SearchRequest | None, attributions: Attributions,
            documents: DocumentCache) -> AnalysisOutcome:
    """The analysis of the library or of `request`'s documents (runs in a worker)."""
    started = time.perf_counter()
    doc_ids = None
    if request is not None:
        from indexer.search.synonyms import with_library

        doc_ids = session.search_index().matching_documents(
            request.query.strip() or "*", filters=request.engine_filters(), expand=request.expand,
            synonyms=with_library(session.reader().own_synonyms()))
    reader = session.reader()
    docs = documents.rows(reader.db, doc_ids)
    analysis = analyse(docs, attributions.of(reader.db, docs), scope=request.query.strip() if request else "")
    return AnalysisOutcome(analysis, request, (time.perf_counter() - started) * 1000)


class AnalysisController(QObject):
    """Runs analyses of the open library; `ready(AnalysisOutcome)` or `failed(exception)`."""

    started = Signal(object)  # SearchRequest | None
    ready = Signal(object)
    failed = Signal(object)

    def __init__(self, pools: Pools, parent: QObject | None = None):
        super().__init__(parent)
        self.pools = pools
        self.session: LibrarySession | None = None
        self.outcome: AnalysisOutcome | None = None
        self._attributions = Attributions()
        self._documents = DocumentCache()
        self._job: Job | None = None

    def set_session(self, session: LibrarySession | None) -> None:
        """Analyse another library (or none): what was computed is forgotten."""
        self.cancel()
        self.session = session
        self.outcome = None
        self._attributions = Attributions()
        self._documents = DocumentCache()

    def analyse(self, request: SearchRequest | None) -> bool:
        """Start analysing (None: the whole library); False when no library is open."""
        if self.session is None:
            return False
        self.cancel()
        session, attributions, documents = self.session, self._attributions, self._documents
        self._job = run_in_pool(lambda job: compute(session, request, attributions, documents), pool=self.pools.read,
                                on_success=self._done, on_error=self._failed)
        self.started.emit(request)
        return True

    def preload(self) -> None:
        """Read the library's documents and their terms into this session's caches, in the read pool,
        once, without analysing: the first 分析 then costs what the next ones do."""
        session, documents = self.session, self._documents
        if session is None:
            return

        def load(job: Job) -> None:
            from indexer.insight.terms import document_terms

            document_terms(documents.rows(session.reader().db))

        # an error here is met again, and shown, when the user analyses
        run_in_pool(load, pool=self.pools.read, on_error=lambda exc: None)

    def cancel(self) -> None:
        """Forget the running analysis."""
        if self._job is not None:
            self._job.discard()
            self._job = None

    def is_running(self) -> bool:
        """Whether an analysis is under way."""
        return self._job is not None

    def _done(self, outcome: AnalysisOutcome) -> None:
        self._job = None
        self.outcome = outcome
        self.ready.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.failed.emit(exc)
