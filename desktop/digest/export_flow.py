"""Exporting the current digest from the GUI: the save dialog, the worker, a refusal, where the file went.

`ExportFlow.choose_and_export()` asks for a file (the format follows the chosen filter or
the file's extension: DOCX, PDF, HTML or Markdown), then `export(fmt, path)` runs
`desktop.digest.jobs.export` in a worker. When the digest's own mark is missing or below
what its quotations need, the core refuses (`ExportRefused`): a message says why, with a
button that gives the digest the mark needed (undoable) and exports again. Success emits
`exported(AuditEntry)`; the audit row was written by the core.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.digest import jobs
from desktop.digest.controller import DigestController
from desktop.session import LibrarySession
from desktop.tasks import Job, Pools, run_in_pool
from userdata.errors import ExportRefused

FORMATS = ("docx", "pdf", "html", "md")


class ExportFlow(QObject):
    """Exports the controller's current digest; `parent_widget` owns the dialogs."""

    started = Signal(str)  # the target path
    exported = Signal(object)  # AuditEntry
    refused = Signal(object)  # ExportRefused (the refusal box is open)
    failed = Signal(object)  # any other exception

    def __init__(self, controller: DigestController, pools: Pools, parent_widget: QWidget):
        super().__init__(parent_widget)
        self.controller = controller
        self.pools = pools
        self.parent_widget = parent_widget
        self.session: LibrarySession | None = None
        self.folder = ""  # where the last export went (the dialog starts there)
        self.format = "docx"
        self.job: Job | None = None
        self.refusal: QMessageBox | None = None
        self._retry: tuple[str, str, str] | None = None  # digest id, format, path

    def filters(self) -> list[str]:
        """The save dialog's filters, one per format, in `FORMATS` order."""
        return [self.tr("Word 文档 (*.docx)"), self.tr("PDF 文件 (*.pdf)"), self.tr("网页 (*.html)"),
                self.tr("Markdown 文本 (*.md)")]

    def choose_and_export(self) -> bool:
        """Ask where to save the current digest and export it; False when there is none or the user cancels."""
        digest = self.controller.current()
        if digest is None:
            return False
        filters = self.filters()
        start = Path(self.folder or Path.home()) / f"{digest.title}{('_' + digest.issue) if digest.issue else ''}"
        path, chosen = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("导出摘编"), f"{start}.{self.format}", ";;".join(filters),
            filters[FORMATS.index(self.format)])
        if not path:
            return False
        fmt = format_of(path, FORMATS[filters.index(chosen)] if chosen in filters else self.format)
        if Path(path).suffix.lower().lstrip(".") not in FORMATS:
            path = f"{path}.{fmt}"
        self.export(fmt, path)
        return True

    def export(self, fmt: str, path: str, digest_id: str | None = None) -> Job | None:
        """Export a digest (the current one by default) as `fmt` to `path`, in a worker."""
        digest_id = digest_id or self.controller.current_id
        if not digest_id or self.job is not None:
            return None
        folder, session = self.controller.folder, self.session
        self._retry = (digest_id, fmt, path)
        self.format, self.folder = fmt, str(Path(path).parent)
        self.job = run_in_pool(lambda job: jobs.export(folder, digest_id, fmt, path, session), pool=self.pools.read,
                               on_success=self._done, on_error=self._failed)
        self.started.emit(path)
        return self.job

    def _done(self, entry) -> None:
        self.job = None
        self.exported.emit(entry)

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        if isinstance(exc, ExportRefused):
            self._show_refusal(exc)
            self.refused.emit(exc)
        else:
            self.failed.emit(exc)

    def _show_refusal(self, exc: ExportRefused) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("拒绝导出"), str(exc), QMessageBox.StandardButton.Cancel,
                          self.parent_widget)
        box.setObjectName("exportRefusal")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if exc.needed:
            fix = box.addButton(self.tr("标为“{mark}”并导出").format(mark=exc.needed),
                                QMessageBox.ButtonRole.AcceptRole)
            fix.setObjectName("markAndExport")
            fix.setProperty("mark", exc.needed)
        box.buttonClicked.connect(self._refusal_answered)
        self.refusal = box
        box.open()

    def _refusal_answered(self, button) -> None:
        self.refusal = None
        mark = button.property("mark") if button is not None else None
        if not mark or self._retry is None:
            return
        digest_id, fmt, path = self._retry
        if self.controller.store.digest(digest_id) is None:
            return
        self.controller.update_cover(digest_id, mark=mark)
        self.export(fmt, path, digest_id)


def format_of(path: str, default: str) -> str:
    """The export format a file name asks for by its extension, else `default`."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"htm": "html", "markdown": "md"}.get(suffix, suffix) if suffix in (*FORMATS, "htm", "markdown") \
        else default
