"""Background extraction: a `QRunnable` that reads files and posts rows to the GUI thread.

The runnable never touches widgets. It emits signals from its worker thread; Qt queues
them to the receivers, which live in the GUI thread. `cancel()` stops it between files.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.models import rows_from_result
from indexer.errors import ExtractionError
from indexer.extract import extract_pdf


class ExtractSignals(QObject):
    """What an `ExtractTask` reports; create it in the GUI thread."""

    started_file = Signal(int, int, str)  # index (1-based), total, file name
    extracted = Signal(object)  # list[DocumentRow] of one file
    failed = Signal(str, str)  # file, message for people
    finished = Signal(bool)  # True when cancelled before the end


class ExtractTask(QRunnable):
    """Extract a list of PDF files one after another, reporting each through `signals`."""

    def __init__(self, files: list[Path]):
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps a reference until `finished`
        self.files = list(files)
        self.signals = ExtractSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the task to stop before its next file."""
        self._cancel.set()

    def run(self) -> None:
        try:
            for number, path in enumerate(self.files, 1):
                if self._cancel.is_set():
                    break
                self.signals.started_file.emit(number, len(self.files), path.name)
                self._extract_one(path)
        finally:
            self.signals.finished.emit(self._cancel.is_set())

    def _extract_one(self, path: Path) -> None:
        try:
            result = extract_pdf(path)
        except ExtractionError as exc:
            self.signals.failed.emit(str(path), exc.message)
        except Exception as exc:  # noqa: BLE001 - a broken file must not end the whole run
            self.signals.failed.emit(str(path), f"{type(exc).__name__}: {exc}")
        else:
            self.signals.extracted.emit(rows_from_result(result))
