"""What the main window needs of the 分析 window: its menu entries, the session, the searches and
documents it asks for. The window and its controller are made on first use (QtCharts loads then)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from desktop.analysis.controller import AnalysisController
    from desktop.analysis.window import AnalysisWindow
    from desktop.main_window import MainWindow
    from desktop.session import LibrarySession


class AnalysisActions(QObject):
    """分析整个文献库 / 分析检索结果 for `main`, and the window they open."""

    def __init__(self, main: MainWindow):
        super().__init__(main)
        self.main = main
        self.window: AnalysisWindow | None = None
        self.controller: AnalysisController | None = None
        self.session: LibrarySession | None = None
        self.closed = False

    def _preload(self, session: LibrarySession) -> None:
        """QtCharts, networkx and the analysis's modules loaded, the library's documents and terms read,
        all in the read pool (see `set_session`); not for a library no longer shown, nor a closed window."""
        from desktop.tasks import run_in_pool

        if session is not self.session or not self.main.isVisible() or self.closed:
            return

        def load(job) -> None:
            import networkx  # noqa: F401 -- loaded, not used here
            from PySide6 import QtCharts  # noqa: F401

            import indexer.insight.report  # noqa: F401

        # a module that cannot load says so, with a message, when the window opens: nothing to show here
        run_in_pool(load, pool=self.main.pools.read, on_error=lambda exc: None)
        self._controller().preload()

    def make_menu(self, menu: QMenu) -> None:
        """Add the two actions to `menu` (the 文献库 menu)."""
        self.library_action = QAction(self.tr("分析整个文献库…"), self.main)
        self.library_action.setObjectName("analyseLibraryAction")
        self.library_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.library_action.triggered.connect(lambda: self.open(search=False))
        self.search_action = QAction(self.tr("分析检索结果…"), self.main)
        self.search_action.setObjectName("analyseSearchAction")
        self.search_action.triggered.connect(lambda: self.open(search=True))
        menu.addAction(self.library_action)
        menu.addAction(self.search_action)

    #: How long after a library opens the analysis's modules are loaded in the background.
    PRELOAD_DELAY_MS = 4000

    def set_session(self, session: LibrarySession | None) -> None:
        """Another library: the window, if open, analyses it afresh. A few seconds after a library opens
        (its own warm-up done), QtCharts and networkx are loaded and the library's documents read in the
        background: the first 分析 then opens as fast as the next ones."""
        self.session = session
        if self.controller is not None:
            self.controller.set_session(session)
        if session is not None:
            QTimer.singleShot(self.PRELOAD_DELAY_MS, self, lambda: self._preload(session))
        if self.window is not None and self.window.isVisible():
            self.window.analyse(None)

    def current_request(self):
        """The search shown in the main window, if any."""
        return self.main.search.request

    def open(self, search: bool) -> AnalysisWindow:
        """Show the window analysing the library, or the current search's documents when `search`."""
        window = self._window()
        window.show()
        window.raise_()
        window.activateWindow()
        window.analyse(self.current_request() if search else None)
        return window

    def _controller(self) -> AnalysisController:
        if self.controller is None:
            from desktop.analysis.controller import AnalysisController

            self.controller = AnalysisController(self.main.pools, self)
            self.controller.set_session(self.session)
        return self.controller

    def _window(self) -> AnalysisWindow:
        if self.window is None:
            from desktop.analysis.window import AnalysisWindow

            self.window = AnalysisWindow(self._controller(), self.main.show_error, self.current_request, self.main)
            self.window.search_requested.connect(self._search)
            self.window.document_requested.connect(self._open_document)
            self.window.figure_for_digest.connect(self._to_digest)
        return self.window

    def _search(self, term: str) -> None:
        main = self.main
        main.search_page.box.setText(term)
        main.search.search(term)
        main.focus_search()
        main.raise_()
        main.activateWindow()

    def _open_document(self, doc_id: str) -> None:
        self.main.reader.open_passage(doc_id, "", "")
        self.main.raise_()
        self.main.activateWindow()

    def _to_digest(self, png: bytes, caption: str) -> None:
        self.main.digest.add_figure(png, caption)

    def close(self) -> None:
        """At exit: stop a running analysis and close the window."""
        self.closed = True
        if self.window is not None:
            self.window.controller.cancel()
            self.window.close()
