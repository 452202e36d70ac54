"""Librarian work from the GUI: indexing files and folders, re-indexing, rebuilding, status.

Every write runs in the one write pool (`Pools.write`), so two runs never write the library
at once. Progress is reduced to a small `Progress` value in the worker and delivered to the
GUI thread a few times a second; a run can be cancelled (it stops after the files in flight).
A read-only library (installed from a bundle) is never written: `read_only` refuses every run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.librarian.eta import estimate
from desktop.librarian.failures_model import FailedFile, FailuresModel
from desktop.session import LibrarySession
from desktop.tasks import Job, Pools, run_in_pool
from indexer.library.progress import IndexProgress

if TYPE_CHECKING:
    from indexer.library.library import IndexSummary


@dataclass(frozen=True)
class Progress:
    """A snapshot of an indexing run, for the progress bar."""

    files_done: int
    files_total: int
    files_failed: int
    pages_done: int
    fraction: float  # 0..1 by bytes, files in flight counted by pages done
    pages_per_second: float
    eta_seconds: float | None  # None: not known yet, or finishing
    current: str
    #: Every page is read; storing the last results and the last index commit remain (no estimate).
    finishing: bool = False
    ocr_pages_done: int = 0  # pages recognised by OCR so far
    ocr_doing: str = ""  # the files being recognised: "pages done/to do" each


def snapshot(progress: IndexProgress) -> Progress:
    """Reduce the core's counters to what the GUI shows (in the worker thread)."""
    elapsed = max(time.monotonic() - progress.started, 1e-6)
    eta = estimate(progress.files_done, progress.files_total, progress.fraction_bytes(), progress.bytes_total,
                   elapsed, [(page, total) for page, total, _size in progress.in_flight.values()],
                   progress.pages_done / elapsed)
    doing = " ".join(f"{done}/{todo}" for done, todo in progress.ocr_in_flight.values())
    return Progress(progress.files_done, progress.files_total, progress.files_failed, progress.pages_done,
                    eta.fraction, progress.pages_done / elapsed, eta.seconds_left, progress.current, eta.finishing,
                    progress.ocr_pages_done, doing)


def reporter(job: Job):
    """An `on_progress` callback for the core that posts a `Progress` to the GUI thread when one is due.

    The core calls it after every page and file; a snapshot is made only when `job` would deliver
    it, or when the run reaches its end (every file stored, or every byte read), which is never
    dropped: the bar must not keep showing an estimate from before.
    """
    def report(progress: IndexProgress) -> None:
        if job.due() or _at_end(progress):
            job.report(snapshot(progress), force=True)
    return report


def _at_end(progress: IndexProgress) -> bool:
    """Every file stored, or none waiting and the last page of each being read done."""
    if progress.files_done >= progress.files_total:
        return True
    waiting = progress.files_total - progress.files_done - len(progress.in_flight)
    return waiting <= 0 and all(page >= total for page, total, _size in progress.in_flight.values())


class Librarian(QObject):
    """Runs indexing jobs on one library and keeps the list of failed files."""

    started = Signal(str)  # what is being done, for people
    progressed = Signal(object)  # Progress
    finished = Signal(object)  # IndexSummary, or None after a rebuild
    failed = Signal(object)  # exception
    status_ready = Signal(object)  # dict from Library.status()

    def __init__(self, pools: Pools, parent: QObject | None = None):
        super().__init__(parent)
        self.pools = pools
        self.session: LibrarySession | None = None
        self.failures = FailuresModel(self)
        self.job: Job | None = None
        #: Set by the window once it knows the library was installed from a bundle.
        self.read_only = False

    def set_session(self, session: LibrarySession | None) -> None:
        """Work on another library (writable until the window says otherwise)."""
        self.session = session
        self.read_only = False
        self.failures.set_failures([])

    def is_running(self) -> bool:
        """Whether a write job is under way."""
        return self.job is not None

    def add(self, paths: list[str]) -> bool:
        """Index files and folders; False if another run is going on or the library is read-only."""
        session = self.session
        if session is None:
            return False
        return self._start(self.tr("正在索引…"), lambda job: session.add(
            paths, cancel=job.cancelled, on_progress=reporter(job)))

    def retry(self, paths: list[str]) -> bool:
        """Index failed files again (their failure is forgotten first); False as `add`."""
        session = self.session
        if session is None:
            return False
        return self._start(self.tr("正在重试…"), lambda job: session.add(
            paths, cancel=job.cancelled, on_progress=reporter(job), retry_failed=True))

    def reindex(self) -> bool:
        """Look at every file of the library again (changed, removed, failed ones)."""
        session = self.session
        if session is None:
            return False
        return self._start(self.tr("正在重新索引…"), lambda job: session.reindex(
            cancel=job.cancelled, on_progress=reporter(job)))

    def set_ocr(self, enabled: bool) -> bool:
        """Turn OCR of scans on or off for the library; False while a run is going on or read-only."""
        session = self.session
        if session is None:
            return False
        if self.job is not None or self.read_only:
            return False
        run_in_pool(lambda job: session.set_ocr(enabled), pool=self.pools.write,
                    on_success=lambda _: self.load_status(), on_error=self.failed.emit)
        return True

    def rebuild(self) -> bool:
        """Rebuild the search index from the catalogue."""
        session = self.session
        if session is None:
            return False
        return self._start(self.tr("正在重建索引…"), lambda job: session.rebuild())

    def cancel(self) -> None:
        """Stop the run after the files being read."""
        if self.job is not None:
            self.job.cancel()

    def load_status(self) -> None:
        """Read the library's status in a worker; `status_ready` delivers it."""
        if self.session is None:
            return
        session = self.session
        run_in_pool(lambda job: session.status(), pool=self.pools.read,
                    on_success=lambda status: self._status_loaded(session, status), on_error=self.failed.emit)

    def _start(self, what: str, fn) -> bool:
        if self.session is None or self.job is not None or self.read_only:
            return False
        self.job = run_in_pool(fn, pool=self.pools.write, on_success=self._done, on_error=self._failed,
                               on_progress=self.progressed.emit)
        self.started.emit(what)
        return True

    def _done(self, summary: IndexSummary | None) -> None:
        self.job = None
        self.finished.emit(summary)
        self.load_status()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.failed.emit(exc)

    def _status_loaded(self, session: LibrarySession, status: dict) -> None:
        if session is not self.session:
            return  # the status of a library no longer open
        self.failures.set_failures([FailedFile(f["path"], f["reason"], f["message"]) for f in status["failures"]])
        self.status_ready.emit(status)
