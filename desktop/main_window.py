"""The main window: a welcome page or an open library, a menu and a status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressBar, QStackedWidget, QWidget

from desktop.library_page import LibraryPage
from desktop.models import DocumentTableModel
from desktop.resources import DEMO_DIR, demo_files, pdf_files
from desktop.welcome import WelcomePage
from desktop.workers import ExtractTask


class MainWindow(QMainWindow):
    """Opens a set of PDFs and lists their documents, reading them off the GUI thread."""

    loading_finished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("翰林 Hanlin"))
        self.resize(1100, 700)
        self.model = DocumentTableModel(self)
        self.welcome = WelcomePage()
        self.library = LibraryPage(self.model)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.library)
        self.setCentralWidget(self.pages)

        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._task: ExtractTask | None = None
        self._failures: list[str] = []

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().showMessage(self.tr("就绪"))

        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.folder_requested.connect(self.choose_folder)
        self._make_menu()

    def _make_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        for text, slot, shortcut in (
            (self.tr("打开内置示例库"), self.open_demo, None),
            (self.tr("添加文件夹…"), self.choose_folder, QKeySequence.StandardKey.Open),
            (self.tr("退出"), self.close, QKeySequence.StandardKey.Quit),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            if shortcut is not None:
                action.setShortcut(shortcut)
            menu.addAction(action)

    def open_demo(self) -> None:
        """Show the built-in demo library."""
        self.open_files(demo_files(), self.tr("内置示例库：{folder}").format(folder=DEMO_DIR))

    def choose_folder(self) -> None:
        """Ask for a folder of PDFs and open it."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择存放 PDF 的文件夹"))
        if folder:
            self.open_folder(Path(folder))

    def open_folder(self, folder: Path) -> None:
        """Show the documents of every PDF under `folder`."""
        self.open_files(pdf_files(folder), str(folder))

    def open_files(self, files: list[Path], heading: str) -> None:
        """Replace the list with the documents of `files`, read in the background."""
        self.cancel_loading()
        self.model.clear()
        self._failures = []
        self.statusBar().setToolTip("")
        self.library.set_heading(heading)
        self.pages.setCurrentWidget(self.library)
        if not files:
            self.statusBar().showMessage(self.tr("没有找到 PDF 文件"))
            self.loading_finished.emit()
            return
        task = ExtractTask(files)
        task.signals.started_file.connect(self._on_started_file)
        task.signals.extracted.connect(self._on_extracted)
        task.signals.failed.connect(self._on_failed)
        task.signals.finished.connect(self._on_finished)
        self._task = task
        self.progress.setRange(0, len(files))
        self.progress.setValue(0)
        self.progress.show()
        self.pool.start(task)

    def cancel_loading(self) -> None:
        """Stop the running extraction (after its current page) and wait for it."""
        if self._task is not None:
            self._task.cancel()
            self.pool.waitForDone()

    def _is_current(self, token: int) -> bool:
        return self._task is not None and self._task.token == token

    def _on_started_file(self, token: int, number: int, total: int, name: str) -> None:
        if not self._is_current(token):
            return
        self.progress.setValue(number - 1)
        self.statusBar().showMessage(self.tr("正在读取 {number}/{total}：{name}").format(
            number=number, total=total, name=name))

    def _on_extracted(self, token: int, rows: list) -> None:
        if self._is_current(token):
            self.model.append_rows(rows)

    def _on_failed(self, token: int, file: str, message: str) -> None:
        if self._is_current(token):
            self._failures.append(f"{Path(file).name}: {message}")

    def _on_finished(self, token: int, cancelled: bool) -> None:
        if not self._is_current(token) or cancelled:
            return
        task, self._task = self._task, None
        self.progress.hide()
        message = self.tr("已读取 {files} 个文件，共 {documents} 篇文档").format(
            files=len(task.files), documents=self.model.rowCount())
        if self._failures:
            message += self.tr("；{count} 个文件无法读取").format(count=len(self._failures))
            self.statusBar().setToolTip("\n".join(self._failures))
        self.statusBar().showMessage(message)
        self.loading_finished.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel_loading()
        super().closeEvent(event)
