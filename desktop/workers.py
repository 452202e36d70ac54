"""Background extraction: a `QRunnable` that reads files and posts rows to the GUI thread.

The runnable never touches widgets. It emits signals from its worker thread; Qt queues
them to the receivers, which live in the GUI thread. `cancel()` stops it at the next page.
Every signal carries the task's `token`: results of a task the receiver has since replaced
may still be queued, and the token lets it drop them.
"""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.models import rows_from_result
from indexer.errors import ExtractionError
from indexer.extract import extract_pdf


class _Cancelled(Exception):
    """Raised from the page callback to abandon the file being read."""


class ExtractSignals(QObject):
    """What an `ExtractTask` reports; create it in the GUI thread."""

    started_file = Signal(int, int, int, str)  # token, index (1-based), total, file name
    extracted = Signal(int, object)  # token, list[DocumentRow] of one file
    failed = Signal(int, str, str)  # token, file, message for people
    finished = Signal(int, bool)  # token, True when cancelled before the end


class ExtractTask(QRunnable):
    """Extract a list of PDF files one after another, reporting each through `signals`."""

    _tokens = itertools.count(1)

    def __init__(self, files: list[Path]):
        super().__init__()
        self.token = next(self._tokens)
        self.setAutoDelete(False)  # the window owns it and waits for it before dropping it
        self.files = list(files)
        self.signals = ExtractSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the task to stop; it does so after the page it is reading."""
        self._cancel.set()

    def _check_cancel(self, _page: int, _total: int) -> None:
        if self._cancel.is_set():
            raise _Cancelled

    def run(self) -> None:
        try:
            for number, path in enumerate(self.files, 1):
                if self._cancel.is_set():
                    break
                self.signals.started_file.emit(self.token, number, len(self.files), path.name)
                self._extract_one(path)
        finally:
            self.signals.finished.emit(self.token, self._cancel.is_set())

    def _extract_one(self, path: Path) -> None:
        try:
            result = extract_pdf(path, on_page=self._check_cancel)
        except _Cancelled:
            return
        except ExtractionError as exc:
            self.signals.failed.emit(self.token, str(path), exc.message)
        except Exception as exc:  # noqa: BLE001 - a broken file must not end the whole run
            self.signals.failed.emit(self.token, str(path), f"{type(exc).__name__}: {exc}")
        else:
            self.signals.extracted.emit(self.token, rows_from_result(result))
