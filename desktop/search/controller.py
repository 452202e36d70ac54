"""Running searches off the GUI thread and filling the results and facet models.

One search at a time is wanted: a new one discards the result of the one before, so a slow
query finishing late never replaces a newer answer.

An answer fills the results model first; the facets and `finished` follow once the results
view has painted the first rows (`results_painted()`), or after `FINISH_DELAY_MS` when no
view does, so nothing else is laid out and painted before the first results.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.search.facets_model import FacetModel
from desktop.search.results_model import ResultsModel
from desktop.session import LibrarySession, SearchOutcome, SearchRequest
from desktop.tasks import Job, Pools, run_in_pool


class SearchController(QObject):
    """Searches the open library; results land in `results` and `facets`."""

    started = Signal(object)  # SearchRequest
    answered = Signal(object)  # SearchOutcome: its first results are in `results`
    finished = Signal(object)  # SearchOutcome: results and facets are filled in
    failed = Signal(object)  # exception (a query syntax error, a broken library…)
    cleared = Signal()  # another library (or none): nothing of the last answer is shown any more

    FINISH_DELAY_MS = 500  # only when no view paints the results (hidden): then the facets come anyway

    def __init__(self, pools: Pools, parent: QObject | None = None):
        super().__init__(parent)
        self.pools = pools
        self.session: LibrarySession | None = None
        self.results = ResultsModel(self)
        self.facets = FacetModel(self)
        self.sort = "relevance"
        self.request: SearchRequest | None = None
        self.outcome: SearchOutcome | None = None
        self._job: Job | None = None
        self._unfinished: SearchOutcome | None = None
        self._finish_timer = QTimer(self)
        self._finish_timer.setSingleShot(True)
        self._finish_timer.timeout.connect(self._finish)

    def set_session(self, session: LibrarySession | None) -> None:
        """Search another library (or none); clears what was shown."""
        self.cancel()
        self.session = session
        self.request = self.outcome = None
        self.results.clear()
        self.facets.clear_selection()
        self.facets.clear()
        self.cleared.emit()

    def search(self, query: str) -> None:
        """A new query: facet selections are dropped, synonyms are expanded again."""
        self.facets.clear_selection()
        self._run(SearchRequest(query, self.sort, {}))

    def set_expand(self, expand: bool) -> None:
        """Search the current query again with (or without) its synonyms and abbreviations."""
        if self.request is not None and self.request.expand != expand:
            self._run(SearchRequest(self.request.query, self.sort, dict(self.facets.selected), expand))

    def set_sort(self, sort: str) -> None:
        """Sort by ``relevance`` or ``date``; runs the current query again."""
        self.sort = sort
        if self.request is not None:
            self._run(SearchRequest(self.request.query, sort, dict(self.facets.selected), self.request.expand))

    def refine(self) -> None:
        """Run the current query again with the facets now selected."""
        if self.request is not None:
            self._run(SearchRequest(self.request.query, self.sort, dict(self.facets.selected), self.request.expand))

    def rerun(self) -> None:
        """Run the current request again (the library changed)."""
        if self.request is not None:
            self._run(self.request)

    def cancel(self) -> None:
        """Forget the running search (and the facets of an answer not finished yet)."""
        if self._job is not None:
            self._job.discard()
            self._job = None
        self._unfinished = None
        self._finish_timer.stop()

    def is_running(self) -> bool:
        """Whether a search is under way."""
        return self._job is not None

    def results_painted(self) -> None:
        """The results view painted the answer's first rows: finish it right after that paint."""
        if self._unfinished is not None:
            self._finish_timer.start(0)

    def _run(self, request: SearchRequest) -> None:
        if self.session is None:
            return
        self.cancel()
        self.request = request
        session = self.session
        self._job = run_in_pool(lambda job: session.search(request), pool=self.pools.read,
                                on_success=self._done, on_error=self._failed)
        self.started.emit(request)

    def _done(self, outcome: SearchOutcome) -> None:
        self._job = None
        self.outcome = self._unfinished = outcome
        self.results.show(outcome.results, outcome.match_pages)
        self.answered.emit(outcome)
        if outcome.results.hits:
            self._finish_timer.start(self.FINISH_DELAY_MS)
        else:
            self._finish()

    def _finish(self) -> None:
        outcome, self._unfinished = self._unfinished, None
        self._finish_timer.stop()
        if outcome is None:
            return
        self.facets.set_counts(outcome.results.facets, outcome.authors)
        self.finished.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.results.clear()
        self.failed.emit(exc)

