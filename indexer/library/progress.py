"""Progress of an indexing run: the counters the library updates, and a stderr renderer.

`IndexProgress` is plain data passed to an `on_progress` callback (the GUI wraps it in a
signal); `ProgressPrinter` draws it on a terminal as a one-line bar, or as plain periodic
lines when stderr is not a terminal (logs, CI, the scorers).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

#: An index run commits when the passages waiting for the index reach the larger of this and the
#: passages it already holds, but at most `COMMIT_MAX_PASSAGES` (`library.commit_threshold`), and
#: at the end of the run. Here, not in `indexer.library.library`, for `hanlin index --help`,
#: which does not load that module.
COMMIT_MIN_PASSAGES = 2000
COMMIT_MAX_PASSAGES = 20_000

#: How much of a file's time its OCR takes, when it has pages to recognise (for the ETA).
OCR_SHARE = 0.9


@dataclass
class IndexProgress:
    """Counters of one `hanlin index` run; byte counts drive the ETA (page counts are not known ahead)."""

    files_total: int = 0
    files_done: int = 0
    files_skipped: int = 0
    files_failed: int = 0
    pages_done: int = 0
    bytes_total: int = 0
    bytes_done: int = 0
    phase: str = "scan"
    current: str = ""
    started: float = field(default_factory=time.monotonic)
    in_flight: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # path -> (page, total, size)
    ocr_pages_done: int = 0
    ocr_in_flight: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (pages recognised, to do)

    def page_done(self, path: str, page: int, total: int, size: int) -> None:
        """A worker finished `page` of `total` in `path`."""
        before = self.in_flight.get(path, (0, total, size))[0]
        self.pages_done += max(0, page - before)
        self.in_flight[path] = (page, total, size)
        self.current = path

    def ocr_done(self, path: str, done: int, total: int) -> None:
        """A worker recognised the `done`-th of the `total` pages of `path` that need OCR."""
        before = self.ocr_in_flight.get(path, (0, total))[0]
        self.ocr_pages_done += max(0, done - before)
        self.ocr_in_flight[path] = (done, total)
        self.current = path

    def file_done(self, path: str, size: int, failed: bool) -> None:
        """A file's outcome is stored."""
        self.in_flight.pop(path, None)
        self.ocr_in_flight.pop(path, None)
        self.files_done += 1
        self.files_failed += failed
        self.bytes_done += size

    def fraction_bytes(self) -> float:
        """Bytes processed, counting files in flight by their share of pages done."""
        partial = 0.0
        for path, (page, total, size) in self.in_flight.items():
            share = page / total if total else 0.0
            if path in self.ocr_in_flight:  # recognising a page takes far longer than reading one
                done, todo = self.ocr_in_flight[path]
                share = OCR_SHARE * done / todo + (1 - OCR_SHARE) * share if todo else share
            partial += size * share
        return self.bytes_done + partial

    def eta_seconds(self) -> float | None:
        """Seconds left, from the byte rate so far; None until there is a rate."""
        done = self.fraction_bytes()
        elapsed = time.monotonic() - self.started
        if done <= 0 or elapsed < 1 or self.bytes_total <= done:
            return None
        return elapsed * (self.bytes_total - done) / done


class ProgressPrinter:
    """Draws `IndexProgress` on `stream`: a bar on a terminal, a line every `interval` s otherwise."""

    def __init__(self, stream: TextIO | None = None, interval: float | None = None, width: int = 24):
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.2 if self.tty else 10.0)
        self.width = width
        self.last = 0.0 if self.tty else time.monotonic()
        self.drawn = False

    def __call__(self, progress: IndexProgress) -> None:
        now = time.monotonic()
        if now - self.last < self.interval:
            return
        self.last = now
        line = render(progress, self.width if self.tty else 0)
        if self.tty:
            self.stream.write("\r" + line[:_columns() - 1].ljust(_columns() - 1))
            self.drawn = True
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        """End the bar's line so that what follows starts on a fresh one."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


def render(p: IndexProgress, width: int) -> str:
    """One line: bar (if `width`), files, pages, rate and ETA."""
    elapsed = max(time.monotonic() - p.started, 1e-6)
    total = p.files_total or 1
    parts = []
    if width:
        filled = int(width * min(1.0, p.fraction_bytes() / p.bytes_total)) if p.bytes_total else 0
        parts.append("[" + "#" * filled + "." * (width - filled) + "]")
    parts.append(f"文件 files {p.files_done}/{p.files_total}")
    if p.files_failed:
        parts.append(f"失败 failed {p.files_failed}")
    parts.append(f"页 pages {p.pages_done}")
    if p.ocr_in_flight or p.ocr_pages_done:
        doing = " ".join(f"{done}/{todo}" for done, todo in p.ocr_in_flight.values())
        parts.append(f"OCR 识别 recognised {p.ocr_pages_done} 页 pages" + (f" ({doing})" if doing else ""))
    parts.append(f"{p.pages_done / elapsed:.1f} 页/秒 pages/s")
    eta = p.eta_seconds()
    parts.append(f"剩余 ETA {_clock(eta)}" if eta is not None else "剩余 ETA --:--")
    if not width:
        parts.insert(0, f"hanlin: {100 * p.files_done // total}%")
    return "  ".join(parts)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def _columns() -> int:
    import shutil

    return max(40, shutil.get_terminal_size((100, 20)).columns)
