"""Background work: run a function in a thread pool, deliver its result or error to the GUI thread.

    job = run_in_pool(search, on_success=show, on_error=window.show_error, pool=pools.search)

`fn` receives the `Job` and may call `job.report(value)` for progress (delivered at most every
`Job.PROGRESS_INTERVAL` seconds, the last value always) and check `job.cancelled` (a
`threading.Event`, also handed to the core's `cancel=` parameters). The callbacks always run
in the GUI thread: the job is a QObject living there, and the runnable only emits its signals.
`job.discard()` drops a result nobody wants any more (a search replaced by a newer one).

Two pools: `Pools.read` runs searches and page loads in parallel; `Pools.write` has one thread,
so every write to the library (indexing, rebuilding) is serialised (like Anki's taskman).
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

#: The attribute of an exception delivered to `on_error` that holds its traceback text.
TRACEBACK_ATTR = "hanlin_traceback"

_live: set[Job] = set()  # jobs whose result is still to be delivered (Qt would drop them otherwise)


class Job(QObject):
    """One piece of background work and its outcome, delivered in the GUI thread."""

    PROGRESS_INTERVAL = 0.1

    succeeded = Signal(object)
    failed = Signal(object)  # the exception, with its traceback text in `exc.hanlin_traceback`
    progressed = Signal(object)
    finished = Signal()  # after succeeded/failed, or when the work ends after discard()

    _done = Signal(bool, object)
    _progress = Signal(object)

    def __init__(self, fn: Callable[[Job], Any]):
        super().__init__()
        self.fn = fn
        self.cancelled = threading.Event()
        self.discarded = False
        self.running = True
        self._last_report = 0.0
        self._done.connect(self._deliver)
        self._progress.connect(self._deliver_progress)

    def due(self) -> bool:
        """Whether a `report()` now would be delivered (so a costly value need only be made then)."""
        return time.monotonic() - self._last_report >= self.PROGRESS_INTERVAL

    def report(self, value: object, *, force: bool = False) -> None:
        """From the worker: post progress (throttled unless `force`)."""
        now = time.monotonic()
        if force or now - self._last_report >= self.PROGRESS_INTERVAL:
            self._last_report = now
            self._progress.emit(value)

    def cancel(self) -> None:
        """Ask the work to stop (it checks `cancelled`); its outcome is still delivered."""
        self.cancelled.set()

    def discard(self) -> None:
        """Cancel and drop the outcome: no callback will run for this job."""
        self.discarded = True
        self.cancelled.set()

    def _run(self) -> None:
        try:
            result = self.fn(self)
        except BaseException as exc:  # noqa: BLE001 -- delivered to on_error in the GUI thread
            setattr(exc, TRACEBACK_ATTR, traceback.format_exc())  # an attribute BaseException does not declare
            self._done.emit(False, exc)
        else:
            self._done.emit(True, result)

    @Slot(object)
    def _deliver_progress(self, value: object) -> None:
        if not self.discarded and self.running:
            self.progressed.emit(value)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        self.running = False
        _live.discard(self)
        if not self.discarded:
            (self.succeeded if ok else self.failed).emit(value)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job._run()


class Pools:
    """The app's thread pools: parallel reads, one serialised writer."""

    def __init__(self, read_threads: int = 2):
        self.read = QThreadPool()
        self.read.setMaxThreadCount(read_threads)
        self.write = QThreadPool()
        self.write.setMaxThreadCount(1)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for every job of both pools (at app exit, after cancelling them)."""
        return self.write.waitForDone(msecs) and self.read.waitForDone(msecs)

    def busy(self) -> bool:
        """Whether a job is running or queued in either pool."""
        return self.read.activeThreadCount() > 0 or self.write.activeThreadCount() > 0


def run_in_pool(fn: Callable[[Job], Any], *, pool: QThreadPool, on_success: Callable[[Any], None] | None = None,
                on_error: Callable[[BaseException], None] | None = None,
                on_progress: Callable[[Any], None] | None = None) -> Job:
    """Start `fn(job)` in `pool`; its result goes to `on_success`, an exception to `on_error`.

    Call from the GUI thread. Without `on_error` an exception is re-raised there (Qt prints
    it and pytest-qt fails the test): errors are never swallowed.
    """
    job = Job(fn)
    if on_success is not None:
        job.succeeded.connect(on_success)
    job.failed.connect(on_error if on_error is not None else _raise)
    if on_progress is not None:
        job.progressed.connect(on_progress)
    _live.add(job)
    pool.start(_Runnable(job))
    return job


def _raise(exc: BaseException) -> None:
    raise exc
