"""Running extraction in worker processes, so that no PDF can hang, swell or crash the caller.

`extract_files` feeds files to long-lived worker processes ("spawn" start method, so it
behaves the same on Linux, macOS and Windows), one file at a time per worker, and yields each
file's outcome as soon as it is known. Each worker reports every finished page; the parent gives
a file `max(min_timeout, timeout_per_page × pages)` seconds, counted from the moment the file
was handed to the worker, so a 600-page book gets the time it needs while a file stuck on
one page is stopped.

What can go wrong in a worker and what the caller gets (an `ExtractionError`):

- past its deadline: the worker is killed and replaced, reason ``timeout``;
- over its memory cap (``RLIMIT_AS``, POSIX only; on Windows only the time limit applies):
  the worker's `MemoryError` becomes reason ``memory`` and the worker is replaced;
- any exception of the parser (even a plain `TypeError` or `RecursionError` on a malformed
  file): reason ``corrupt``, never a traceback (see `indexer.extract.pdf.explain`);
- the worker dies (segfault, killed): reason ``crashed``, and a new worker takes the next file.

Results cross the process boundary as `ExtractResult.to_json(include_page_texts=True)`.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing import connection, get_context, parent_process
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import TYPE_CHECKING, Any, Literal, Protocol, Self, TypedDict, Unpack

from indexer.errors import ExtractionError, HanlinError
from indexer.extract.model import WORD_SEP, ExtractResult, IndexWords
from indexer.extract.pdf import explain, failure
from indexer.meta import word_texts

if TYPE_CHECKING:
    from indexer.extract.ocr import OcrOptions

if sys.platform == "win32":  # no address-space limit, only the time limit
    resource = None
else:
    import resource

PageCallback = Callable[[str, int, int], None]
#: `cut(text)`: a passage's index words as (word, position) pairs (`indexer.search.segmenting.words`).
WordCutter = Callable[[str], list[tuple[str, int]]]
#: `on_ocr(path, page, done, total)`: a page of `path` was recognised (`OcrPage.to_json()`; None when it
#: came from `ocr_cache`), `done` of the `total` pages to recognise.
OcrPageCallback = Callable[[str, dict[str, Any] | None, int, int], None]
#: `ocr_cache(path)`: pages of `path` recognised before (page → `OcrPage.to_json()`).
OcrCache = Callable[[str], dict[int, dict[str, Any]]]
Outcome = ExtractResult | ExtractionError

# What crosses the pipe. To a worker: `(path, memory_limit_mb, ocr)`, or None to stop, where `ocr` is
# `{"enabled": bool, "threads": int, "cached": {page: OcrPage.to_json()}}`.
# From a worker: ready (its pid), a page done (page, total), a page recognised (its JSON, done, total),
# a result (`ExtractResult.to_json`) or an error (reason, message).
Task = tuple[str, int, dict[str, Any], "WordCutter | None"]
Reply = (
    tuple[Literal["page"], int, int]
    | tuple[Literal["ocr"], dict[str, Any] | None, int, int]
    | tuple[Literal["done"], dict[str, Any]]
    | tuple[Literal["error"], str, str]
)
Message = tuple[Literal["ready"], int] | Reply

# How often a waiting parent looks at the `cancel` event.
CANCEL_POLL_SECONDS = 0.05
# A worker that dies this many times in a row before it can take a file means a broken setup.
MAX_START_FAILURES = 3
# A worker reports the page it is on at most this often (and always the first and last page).
PROGRESS_SECONDS = 0.1
# A young collection waits for this many new objects (CPython's default: 700), in a worker and
# in the process writing the index (`indexer.library.library.fewer_collections`).
GC_YOUNG_THRESHOLD = 50_000


class WorkerStartError(HanlinError):
    """Worker processes die before they can take a file: a broken installation, not a bad PDF."""


@dataclass(frozen=True)
class Limits:
    """How much time and memory one file may take in a worker."""

    timeout_per_page: float = 2.0
    min_timeout: float = 60.0
    memory_limit_mb: int = 2048
    ocr_timeout_per_page: float = 40.0

    def seconds(self, pages: int, ocr_pages: int = 0) -> float:
        """The time limit of a file with `pages` pages (0 while the count is not known yet), `ocr_pages` to recognise."""
        return max(self.min_timeout, self.timeout_per_page * pages) + self.ocr_timeout_per_page * ocr_pages


class LimitKeywords(TypedDict, total=False):
    """The keywords of `Limits`, as `extract_files` takes them."""

    timeout_per_page: float
    min_timeout: float
    memory_limit_mb: int
    ocr_timeout_per_page: float


def extract_one(
    path: str | os.PathLike[str],
    *,
    timeout_per_page: float = 2.0,
    min_timeout: float = 60.0,
    memory_limit_mb: int = 2048,
    ocr: bool = True,
) -> ExtractResult:
    """Extract one PDF in a worker process; raises `ExtractionError` if it cannot be read."""
    limits: LimitKeywords = {
        "timeout_per_page": timeout_per_page,
        "min_timeout": min_timeout,
        "memory_limit_mb": memory_limit_mb,
    }
    for _, outcome in extract_files([path], workers=1, ocr=ocr, **limits):
        if isinstance(outcome, ExtractionError):
            raise outcome
        return outcome
    raise AssertionError("extract_files yielded nothing for one file")


def extract_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    on_page: PageCallback | None = None,
    cancel: threading.Event | None = None,
    ocr: bool = False,
    on_ocr: OcrPageCallback | None = None,
    ocr_cache: OcrCache | None = None,
    segment: WordCutter | None = None,
    started: StartedWorkers | None = None,
    **limits: Unpack[LimitKeywords],
) -> Iterator[tuple[str, Outcome]]:
    """Extract PDFs in parallel worker processes, yielding `(path, result or error)` as each ends.

    Larger files go first, so that the workers finish at about the same time.
    `workers` defaults to the number of cores; `on_page(path, page, total)` is called in the
    iterating thread after each page; `limits` are the keywords of `extract_one`. When `cancel`
    is set, the workers are killed and iteration stops; unfinished files are not yielded.
    Closing the generator early also kills the workers.

    With `ocr`, pages without a usable text layer are recognised (`indexer.extract.ocr`), each
    worker with the cores it has to itself; `on_ocr(path, page_json, done, total)` is called after
    each page recognised (the caller may keep it), and `ocr_cache(path)` gives the pages recognised
    before, which are not recognised again. Each page to recognise adds `ocr_timeout_per_page` to
    the file's time limit.

    With `segment` (a module-level function, as it crosses to the workers by name), each worker
    also cuts every passage into the index's words (`ExtractResult.index_words`), so that the
    index writer has only to write them.

    Workers from `started` (`StartedWorkers`) are used first, before any is started here.
    """
    queue = deque(sorted((str(p) for p in paths), key=_size, reverse=True))
    if not queue:
        return
    count = pool_size(workers, len(queue))
    threads = max(1, (os.cpu_count() or 1) // count)
    pool = _Pool(count, Limits(**limits), _OcrPlan(ocr, threads, on_ocr, ocr_cache), segment,
                 started.take(count) if started is not None else [])
    try:
        yield from pool.run(queue, on_page, cancel)
    finally:
        pool.close()


def pool_size(workers: int | None, files: int) -> int:
    """How many worker processes `extract_files` runs for `files` files: `workers`, by default
    one per core, never more than there are files."""
    return max(1, min(workers or os.cpu_count() or 1, files))


class StartedWorkers:
    """Extraction workers started ahead of `extract_files`, so that their start-up (Python, the
    extraction modules, jieba's dictionary: about half a second of CPU each) overlaps what the
    caller does meanwhile (opening the index). `close()` stops the ones no run took."""

    def __init__(self, count: int) -> None:
        context = get_context("spawn")
        self.workers = [_Worker(context) for _ in range(count)]

    def take(self, count: int) -> list[_Worker]:
        """Up to `count` of the workers, no longer this object's to stop."""
        taken, self.workers = self.workers[:count], self.workers[count:]
        return taken

    def trim(self, count: int) -> None:
        """Stop all but `count` of the workers (started before it was known how many were needed)."""
        _stop_all(self.workers[count:])
        del self.workers[count:]

    def close(self) -> None:
        """Stop the workers not taken."""
        _stop_all(self.workers)
        self.workers = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stop_all(workers: list[_Worker]) -> None:
    """Stop workers, all told first so that they exit together."""
    for worker in workers:
        worker.ask_to_stop()
    for worker in workers:
        worker.stop()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # reported by the worker, with the reason


@dataclass(frozen=True)
class _OcrPlan:
    """OCR as the pool hands it to its workers."""

    enabled: bool
    threads: int
    on_page: OcrPageCallback | None
    cache: OcrCache | None

    def task(self, path: str) -> dict[str, Any]:
        cached = self.cache(path) if (self.cache is not None and self.enabled) else {}
        return {"enabled": self.enabled, "threads": self.threads, "cached": cached}


class _Worker:
    """One worker process, its pipe, and the file it is working on."""

    def __init__(self, context: SpawnContext) -> None:
        self.conn: connection.Connection[Task | None, Message]
        self.conn, child_end = context.Pipe()
        self.process: SpawnProcess = context.Process(
            target=_worker_main, args=(child_end,), name="hanlin-extract", daemon=True
        )
        self.process.start()
        child_end.close()
        self.ready = False
        self.path: str | None = None
        self.started = 0.0
        self.done = 0
        self.total = 0
        self.ocr_total = 0
        self.asked = False  # told to finish (`ask_to_stop`)

    def assign(self, path: str, limits: Limits, ocr: _OcrPlan, segment: WordCutter | None) -> None:
        self.conn.send((path, limits.memory_limit_mb, ocr.task(path), segment))
        self.path, self.started, self.done, self.total, self.ocr_total = path, time.monotonic(), 0, 0, 0

    def release(self) -> str:
        path, self.path = self.path, None
        assert path is not None, "release() of a worker with no file"
        return path

    def deadline(self, limits: Limits) -> float:
        return self.started + limits.seconds(self.total, self.ocr_total)

    def exit_detail(self) -> str:
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"

    def ask_to_stop(self) -> None:
        """Tell an idle worker to finish (`stop` then waits for it): workers told at once exit together."""
        if self.ready and self.path is None and not self.asked and self.process.is_alive():
            self.asked = True
            try:
                self.conn.send(None)
            except OSError:
                pass

    def stop(self) -> None:
        """Ask an idle worker to finish; kill a busy or unresponsive one; reap it either way."""
        self.ask_to_stop()
        if self.asked:
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    """Worker processes, the files handed to them, and their deadlines."""

    def __init__(self, size: int, limits: Limits, ocr: _OcrPlan, segment: WordCutter | None,
                 started: list[_Worker]) -> None:
        self.size = size
        self.limits = limits
        self.ocr = ocr
        self.segment = segment
        self.context = get_context("spawn")
        self.workers: list[_Worker] = started
        self.start_failures = 0

    def run(self, queue: deque[str], on_page: PageCallback | None,
            cancel: threading.Event | None) -> Iterator[tuple[str, Outcome]]:
        while queue or self._busy():
            if cancel is not None and cancel.is_set():
                return
            self._dispatch(queue)
            yield from self._collect(on_page, cancel)

    def close(self) -> None:
        _stop_all(self.workers)
        self.workers.clear()

    def _busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.path is not None]

    def _dispatch(self, queue: deque[str]) -> None:
        wanted = min(self.size, len(queue) + len(self._busy()))
        while len(self.workers) < wanted:
            self.workers.append(_Worker(self.context))
        for worker in self.workers:
            if queue and worker.ready and worker.path is None:
                worker.assign(queue.popleft(), self.limits, self.ocr, self.segment)

    def _collect(self, on_page: PageCallback | None,
                 cancel: threading.Event | None) -> Iterator[tuple[str, Outcome]]:
        """Wait for messages, deaths or the nearest deadline; yield the files that ended."""
        waitables: list[connection.Connection[Task | None, Message] | int] = [w.conn for w in self.workers]
        waitables += [w.process.sentinel for w in self.workers]
        ready = set(connection.wait(waitables, self._wait_seconds(cancel)))
        for worker in list(self.workers):
            if worker.conn in ready:
                yield from self._receive(worker, on_page)
            elif worker.process.sentinel in ready:
                yield from self._bury(worker)
        now = time.monotonic()
        for worker in self._busy():
            if now >= worker.deadline(self.limits):
                yield self._time_out(worker)

    def _wait_seconds(self, cancel: threading.Event | None) -> float | None:
        busy = self._busy()
        seconds = None
        if busy:
            seconds = max(0.0, min(w.deadline(self.limits) for w in busy) - time.monotonic())
        if cancel is not None:
            seconds = CANCEL_POLL_SECONDS if seconds is None else min(seconds, CANCEL_POLL_SECONDS)
        return seconds

    def _receive(self, worker: _Worker, on_page: PageCallback | None) -> Iterator[tuple[str, Outcome]]:
        """Handle every message waiting on a worker's pipe; a closed pipe means it died."""
        while True:
            try:
                if not worker.conn.poll():
                    return
                message = worker.conn.recv()
            except (EOFError, OSError):  # only the pipe's errors, not those of `on_page`
                yield from self._bury(worker)
                return
            outcome = self._handle(worker, message, on_page)
            if outcome is not None:
                yield outcome

    def _handle(self, worker: _Worker, message: Message,
                on_page: PageCallback | None) -> tuple[str, Outcome] | None:
        match message:
            case ("ready", _):
                worker.ready = True
                self.start_failures = 0
            case ("page", done, total):
                worker.done, worker.total = done, total
                if on_page is not None and worker.path is not None:
                    on_page(worker.path, worker.done, worker.total)
            case ("ocr", data, done, total):
                worker.ocr_total = total
                if self.ocr.on_page is not None and worker.path is not None:
                    self.ocr.on_page(worker.path, data, done, total)
            case ("done", data):
                return worker.release(), ExtractResult.from_json(data)
            case ("error", reason, text):
                path = worker.release()
                return path, ExtractionError(path, reason, text)
        return None

    def _bury(self, worker: _Worker) -> Iterator[tuple[str, Outcome]]:
        """A worker died: report its file as crashed; the next dispatch starts a new worker."""
        self._discard(worker)
        if worker.path is not None:
            path = worker.release()
            yield path, failure(path, "crashed", detail=worker.exit_detail())
        elif not worker.ready:
            self.start_failures += 1
            if self.start_failures >= MAX_START_FAILURES:
                raise WorkerStartError(
                    f"无法启动提取进程（{worker.exit_detail()}），安装可能不完整 "
                    f"(extraction worker could not start, {worker.exit_detail()}: broken installation?)"
                )

    def _time_out(self, worker: _Worker) -> tuple[str, ExtractionError]:
        seconds = time.monotonic() - worker.started
        self._discard(worker)
        total = worker.total or "?"
        path = worker.release()
        return path, failure(path, "timeout", seconds=seconds, done=worker.done, total=total)

    def _discard(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()


# ---------------------------------------------------------------- inside the worker process


def _worker_main(conn: connection.Connection[Message, Task | None]) -> None:
    """Entry point of a worker: take `(path, memory_limit_mb)` tasks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    threading.Thread(target=_exit_with_parent, name="parent-watch", daemon=True).start()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings are not for users
    from indexer.extract.formats import extract_file

    _preload()
    _tune_gc()
    try:
        conn.send(("ready", os.getpid()))
        while (task := conn.recv()) is not None:
            reply = _run_task(conn, extract_file, *task)
            conn.send(reply)
            if reply[0] == "error" and reply[1] == "memory":
                return  # its heap may be left fragmented: let a fresh worker take over
    except (EOFError, OSError):
        return  # the parent has gone away
    # Told to finish: nothing is left to write, and tearing down the interpreter (jieba's
    # half-million-word dictionary, the modules) would keep the parent waiting for a tenth of a second.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _preload() -> None:
    """Import what `extract_file` imports lazily, before any file runs under the memory cap.

    Compiling a module under a tight address-space cap fails with odd errors (a ValueError from
    the compiler rather than MemoryError) that could not be reported as the cap being hit.
    """
    import indexer.extract.ofd
    import indexer.extract.pipeline
    import indexer.extract.textformats  # noqa: F401


def _tune_gc() -> None:
    """Spare the worker most of the cyclic collector's passes.

    A page makes tens of thousands of short-lived objects (a dict and a glyph per character,
    lines, fragments) and hardly any reference cycles, yet with the default thresholds every
    700 allocations start a collection that walks the young objects, and the frequent older
    collections walk the modules and jieba's dictionary as well: about 5% of a worker's CPU on
    the ingest set. The modules loaded so far are moved out of the collector's sight for good
    (`gc.freeze`), and a young collection waits for `GC_YOUNG_THRESHOLD` new objects; the
    cycles a file does make (pdfminer's, on the fallback path) are still collected, later.
    """
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def _exit_with_parent() -> None:
    """Exit as soon as the parent dies, even in the middle of a file that would never end."""
    parent = parent_process()
    assert parent is not None, "runs in a worker process only"
    connection.wait([parent.sentinel])
    os._exit(1)


class _Extract(Protocol):
    """`indexer.extract.formats.extract_file` (any format), imported inside the worker only."""

    def __call__(self, path: str | os.PathLike[str], on_page: Callable[[int, int], None] | None = None,
                 ocr: OcrOptions | None = None) -> ExtractResult: ...


def _run_task(conn: connection.Connection[Message, Task | None], extract: _Extract, path: str,
              memory_limit_mb: int, ocr: dict[str, Any], segment: WordCutter | None = None) -> Reply:
    """Extract one file under the memory cap; the reply to send to the parent."""
    from indexer.extract.ocr import OcrOptions, OcrPage

    sent = [0.0]  # when the last page message went

    def progress(page: int, total: int) -> None:
        # The first page (it tells the page count, which sets the deadline), the last, and
        # pages in between at most every `PROGRESS_SECONDS`: a message per page cost both
        # processes more than a progress bar needs.
        now = time.monotonic()
        if page <= 1 or page >= total or now - sent[0] >= PROGRESS_SECONDS:
            sent[0] = now
            conn.send(("page", page, total))

    def recognised(page: OcrPage, done: int, total: int) -> None:
        fresh = options.cached.get(page.number) is None  # a page from the cache is not sent back
        conn.send(("ocr", page.to_json() if fresh else None, done, total))

    options = OcrOptions(enabled=bool(ocr.get("enabled")), threads=int(ocr.get("threads", 1)),
                         cached={int(k): v for k, v in ocr.get("cached", {}).items()}, on_page=recognised)
    try:
        with _memory_cap(memory_limit_mb):
            result = extract(path, on_page=progress, ocr=options)
            if segment is not None:
                result.index_words = _index_words(result, segment)
                result.text_words = _text_words(result, segment)
    except Exception as exc:  # noqa: BLE001 -- any failure becomes a reported outcome
        error = explain(path, exc, memory_limit_mb if resource is not None else 0)
        return ("error", error.reason, error.message)
    return ("done", result.to_json(include_page_texts=True))


def _index_words(result: ExtractResult, cut: WordCutter) -> list[list[IndexWords | None]]:
    """The index words of each passage of each document (`ExtractResult.index_words`)."""
    return [[_packed(passage.text, cut) for passage in doc.passages] for doc in result.documents]


def _text_words(result: ExtractResult, cut: WordCutter) -> dict[str, IndexWords]:
    """The index words of the documents' word-indexed texts, by text (`ExtractResult.text_words`)."""
    out: dict[str, IndexWords] = {}
    for doc in result.documents:
        if not doc.passages:
            continue  # not written to the index
        for text in word_texts(doc.title, doc.keywords, doc.abstract).values():
            if text and text not in out and (words := _packed(text, cut)) is not None:
                out[text] = words
    return out


def _packed(text: str, cut: WordCutter) -> IndexWords | None:
    """A text's words as `IndexWords`, or None when a word holds the separator."""
    pairs = cut(text)
    joined = WORD_SEP.join(word for word, _ in pairs)
    if joined.count(WORD_SEP) != max(0, len(pairs) - 1):
        return None
    return len(text), joined, [pos for _, pos in pairs]


class _memory_cap:
    """Cap the address space while extracting; lift it again to report, even after MemoryError."""

    def __init__(self, limit_mb: int) -> None:
        self.limit = limit_mb * 1024 * 1024
        self.saved: tuple[int, int] | None = None

    def __enter__(self) -> Self:
        if resource is not None:
            self.saved = resource.getrlimit(resource.RLIMIT_AS)
            hard = self.saved[1]
            soft = self.limit if hard == resource.RLIM_INFINITY else min(self.limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        return self

    def __exit__(self, *exc_info: object) -> Literal[False]:
        if self.saved is not None:
            resource.setrlimit(resource.RLIMIT_AS, self.saved)
        return False
