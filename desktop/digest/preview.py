"""The live preview: the current digest rendered as the exports print it, updated shortly after each change.

Changes are debounced (`DELAY_MS`); the digest is rendered in a worker with the library's
current marks (`desktop.digest.jobs.preview`), a newer change discards an older render, and
the scroll position is kept when the page is replaced. `updated(PreviewResult)` follows each
render: the panel takes the marks the cover needs from it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.digest import jobs
from desktop.digest.controller import DigestController
from desktop.session import LibrarySession
from desktop.tasks import Job, Pools, run_in_pool


class DigestPreview(QTextBrowser):
    """Read-only view of the current digest as it will be exported."""

    updated = Signal(object)  # PreviewResult, or None when no digest is shown
    DELAY_MS = 300

    def __init__(self, controller: DigestController, pools: Pools, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("digestPreview")
        self.setOpenLinks(False)
        self.controller = controller
        self.pools = pools
        self.session: LibrarySession | None = None
        self.result: jobs.PreviewResult | None = None
        self._job: Job | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.render_now)
        controller.digest_changed.connect(self.schedule)
        controller.current_changed.connect(self.schedule)
        if controller.notes is not None:
            controller.notes.notes_changed.connect(self.schedule)
        self.schedule()

    def set_session(self, session: LibrarySession | None) -> None:
        """Take marks from another library (or none)."""
        self.session = session
        self.schedule()

    def schedule(self, *_args) -> None:
        """Render again after a short pause (a burst of changes renders once); no digest: say so at once."""
        if self.controller.current_id:
            self._timer.start()
        else:
            self.render_now()

    def stop(self) -> None:
        """No more renders (the window is closing): the timer stops, a running render is dropped."""
        self._timer.stop()
        if self._job is not None:
            self._job.discard()
            self._job = None

    def pending(self) -> bool:
        """Whether a render is waiting or running."""
        return self._timer.isActive() or self._job is not None

    def render_now(self) -> None:
        """Render the current digest now (in a worker)."""
        self._timer.stop()
        if self._job is not None:
            self._job.discard()
            self._job = None
        digest_id, folder, session = self.controller.current_id, self.controller.folder, self.session
        if not digest_id:
            self.result = None
            self.setHtml(self._placeholder())
            self.updated.emit(None)
            return
        self._job = run_in_pool(lambda job: jobs.preview(folder, digest_id, session), pool=self.pools.read,
                                on_success=self._show, on_error=self._failed)

    def _show(self, result: jobs.PreviewResult) -> None:
        self._job = None
        if result.digest_id != self.controller.current_id:
            self.schedule()
            return
        bar = self.verticalScrollBar()
        at = bar.value()
        self.result = result
        self.setHtml(result.html)
        bar.setValue(min(at, bar.maximum()))
        self.updated.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.result = None
        text = self.tr("无法预览：{message}").format(message=exc)
        self.setHtml(f"<p style='color:#b91c1c'>{html.escape(text)}</p>")
        self.updated.emit(None)

    def _placeholder(self) -> str:
        text = self.tr("还没有摘编。在阅读区选中文字后按 Ctrl+D，或在检索结果、笔记上右键选“加入摘编”，"
                       "即开始一份新的摘编；这里随时显示它导出后的样子。")
        return f"<p style='color:#666'>{html.escape(text)}</p>"
