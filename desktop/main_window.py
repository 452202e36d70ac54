"""The main window: the welcome page or an open library (search beside the reader), menus, status bar.

The window wires controllers to views and turns errors into messages; the work itself is
done by `SearchController`, `Reader` and `Librarian` in the background pools. The left pane
holds the search, the Notes view and the digest panel (摘编, `desktop.digest.actions`). A
library installed from a bundle is read-only (staff mode): the librarian's actions (marks
included) are hidden and a badge in the status bar says whose bundle it is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from desktop.analysis.actions import AnalysisActions
from desktop.digest.actions import DigestActions
from desktop.document_actions import DocumentActions
from desktop.hit_pages import Span
from desktop.librarian.controller import Librarian
from desktop.librarian.views import AccessLabel, FailuresDialog, ProgressPanel, StatusDialog, summary_text
from desktop.notes.controller import NotesController
from desktop.notes.damaged import NotesRecovery, backup_at_start
from desktop.notes.view import NotesView
from desktop.paths import display_path
from desktop.reader.data import Selection
from desktop.reader.pane import Reader
from desktop.resources import demo_files, demo_library_dir, user_data_dir
from desktop.search.controller import SearchController
from desktop.search.page import SearchPage
from desktop.session import LibraryAccess, LibrarySession
from desktop.settings import Settings
from desktop.tasks import TRACEBACK_ATTR, Pools, run_in_pool
from desktop.welcome import WelcomePage
from indexer.errors import LibraryError, QuerySyntaxError
from indexer.fs import os_user
from indexer.library.catalog import CATALOG_NAME

LANGUAGES = (("zh_CN", "中文"), ("en", "English"))


#: The components the app ships with, and their licences (Help → About).
COMPONENT_LICENCES = (
    "PySide6 / Qt (LGPL-3.0)", "Whoosh-Reloaded (BSD-2-Clause)", "jieba (MIT)", "pdfplumber (MIT)",
    "pdfminer.six (MIT)", "pypdfium2 (Apache-2.0 / BSD-3-Clause)", "NumPy (BSD-3-Clause)", "sqlite-utils (Apache-2.0)",
    "OpenCC (Apache-2.0)", "python-docx (MIT)", "fpdf2 (LGPL-3.0)", "cryptography (Apache-2.0 / BSD-3-Clause)",
    "platformdirs (MIT)",
)


class MainWindow(QMainWindow):
    """Hanlin's one window."""

    library_opened = Signal(str)

    def __init__(self, settings: Settings | None = None, pools: Pools | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.pools = pools or Pools()
        self.session: LibrarySession | None = None
        self.access: LibraryAccess | None = None  # of the open library; None until known
        self.last_error = ""
        self.setWindowTitle(self.tr("翰林 Hanlin"))
        self._placed = False
        self._fit_to_screen()

        self.search = SearchController(self.pools, self)
        self.search.sort = self.settings.sort
        self.librarian = Librarian(self.pools, self)
        self.welcome = WelcomePage()
        self.search_page = SearchPage(self.search)
        self.search_page.sort.setCurrentIndex(max(0, self.search_page.sort.findData(self.search.sort)))
        self.search_page.box.set_history(self.settings.history)
        self.notes, self.recovery = self._open_notes()  # recovery: set when the user database is damaged
        if self.notes is not None:
            self.notes.store.author = self.settings.author_name or os_user()
        self.documents = DocumentActions(self, self.pools, lambda text: self.statusBar().showMessage(text, 8000),
                                         self.show_error)
        self.reader = Reader(self.pools, self.notes)
        self.reader.pdf.zoom = self.settings.zoom
        self.reader.fit_button.setChecked(self.settings.fit_width)
        self.left = QTabWidget()
        self.left.setObjectName("leftTabs")
        self.left.addTab(self.search_page, self.tr("检索"))
        self.notes_view: NotesView | None = None
        if self.notes is not None:
            self.notes_view = NotesView(self.notes)
            self._fit_notes_view(self.notes_view)
            self.left.addTab(self.notes_view, self.tr("笔记"))
        elif self.recovery is not None:
            self.left.addTab(self.recovery.page(), self.tr("笔记"))
        self.digest = DigestActions(
            self, pools=self.pools, settings=self.settings, notes=self.notes, reader=self.reader,
            results_view=self.search_page.results_view, notes_view=self.notes_view, librarian=self.librarian,
            tabs=self.left, status_bar=self.statusBar(), show_error=self.show_error, open_item=self.open_digest_item)
        if self.digest.panel is not None:
            self.left.addTab(self.digest.panel, self.tr("摘编"))
        elif self.recovery is not None:
            self.left.addTab(self.recovery.page(), self.tr("摘编"))
        self.analysis = AnalysisActions(self)
        self.workspace = QSplitter(Qt.Orientation.Horizontal)
        self.workspace.setObjectName("workspace")
        self.workspace.addWidget(self.left)
        self.workspace.addWidget(self.reader)
        self.workspace.setStretchFactor(0, 2)
        self.workspace.setStretchFactor(1, 3)
        self.workspace.setChildrenCollapsible(False)
        self.workspace.setSizes([420, 580])
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.workspace)
        self.setCentralWidget(self.pages)

        self.progress = ProgressPanel()
        self.access_label = AccessLabel()
        self.library_label = QLabel()
        self.library_label.setObjectName("libraryCounts")
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.access_label)
        self.statusBar().addPermanentWidget(self.library_label)
        self.statusBar().showMessage(self.tr("就绪"))
        self.digest.extend_results_menu = lambda menu, hit: self.documents.fill_menu(menu, hit.doc_id, hit.file)
        self.reader.document_menu = self.documents.fill_menu
        self._make_menus()
        self._connect()
        self._restore_layout()
        self._set_access(LibraryAccess(read_only=False))  # no library yet: adding makes the user's own

    # ------------------------------------------------------------------ set-up

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.open_library_action = self._action(file_menu, self.tr("打开文献库…"), self.choose_library)
        self.recent_menu = file_menu.addMenu(self.tr("最近打开的文献库"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self._action(file_menu, self.tr("打开内置示例库"), self.open_demo)
        file_menu.addSeparator()
        self.open_external_action = self._action(file_menu, self.tr("用系统阅读器打开当前文档"),
                                                 self.open_document_externally)
        self.show_in_folder_action = self._action(file_menu, self.tr("在文件夹中显示当前文档"),
                                                  self.show_document_in_folder)
        self.cite_action = self._action(file_menu, self.tr("复制当前文档的引文（GB/T 7714）"), self.copy_document_citation)
        file_menu.addSeparator()
        self.add_folder_action = self._action(file_menu, self.tr("添加文件夹…"), self.choose_folder,
                                              QKeySequence.StandardKey.Open)
        self.add_files_action = self._action(file_menu, self.tr("添加文件…"), self.choose_files)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("退出"), self.close, QKeySequence.StandardKey.Quit)

        library_menu = self.menuBar().addMenu(self.tr("文献库(&L)"))
        self.reindex_action = self._action(library_menu, self.tr("重新索引"), self.librarian.reindex)
        self.rebuild_action = self._action(library_menu, self.tr("重建检索索引"), self.librarian.rebuild)
        self.cancel_action = self._action(library_menu, self.tr("取消索引"), self.librarian.cancel)
        library_menu.addSeparator()
        self.failures_action = self._action(library_menu, self.tr("失败的文件…"), self.show_failures)
        self.status_action = self._action(library_menu, self.tr("文献库状态…"), self.show_status)
        self.ocr_action = self._action(library_menu, self.tr("识别扫描件中的文字（OCR）"), self._toggle_ocr)
        self.ocr_action.setObjectName("ocrAction")
        self.ocr_action.setCheckable(True)
        self.ocr_action.setChecked(True)
        library_menu.addSeparator()
        self.mark_action = self.digest.make_mark_action(library_menu)
        library_menu.addSeparator()
        self.analysis.make_menu(library_menu)
        #: What only a librarian does, hidden on a read-only library (installed from a bundle).
        self.librarian_actions = (self.add_folder_action, self.add_files_action, self.reindex_action,
                                  self.rebuild_action, self.cancel_action, self.failures_action, self.mark_action,
                                  self.ocr_action)

        search_menu = self.menuBar().addMenu(self.tr("检索(&S)"))
        self.find_action = self._action(search_menu, self.tr("检索框"), self.focus_search,
                                        QKeySequence.StandardKey.Find)
        self._action(search_menu, self.tr("下一处命中"), self.reader.next_hit_, QKeySequence(Qt.Key.Key_F3))
        self._action(search_menu, self.tr("上一处命中"), self.reader.previous_hit, QKeySequence("Shift+F3"))
        search_menu.addSeparator()
        # Ctrl+= too: on most keyboards + is Shift+=, and the hint and tooltips say Ctrl+=.
        self.zoom_in_action = self._action(search_menu, self.tr("放大"), lambda: self.reader.step_zoom(1),
                                           [QKeySequence("Ctrl+="), *QKeySequence.keyBindings(
                                               QKeySequence.StandardKey.ZoomIn)])
        self.zoom_out_action = self._action(search_menu, self.tr("缩小"), lambda: self.reader.step_zoom(-1),
                                            QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomOut))

        notes_menu = self.menuBar().addMenu(self.tr("笔记(&N)"))
        self.note_action = self._action(notes_menu, self.tr("为选中文字添加笔记"), self.add_note,
                                        QKeySequence("Ctrl+N"))
        self.notes_action = self._action(notes_menu, self.tr("笔记视图"), self.show_notes, QKeySequence("Ctrl+Shift+N"))
        self.author_action = self._action(notes_menu, self.tr("署名…"), self.ask_author_name)
        if self.notes is not None:
            notes_menu.addSeparator()
            notes_menu.addAction(self.notes.undo_stack.createUndoAction(self, self.tr("撤销笔记操作")))
            notes_menu.addAction(self.notes.undo_stack.createRedoAction(self, self.tr("重做笔记操作")))
        else:
            self.notes_action.setEnabled(False)
        if self.recovery is not None:
            notes_menu.addSeparator()
            self._action(notes_menu, self.tr("恢复…"), self.recovery.restore)

        self.digest.make_menu(self.menuBar())

        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        language_menu = view_menu.addMenu(self.tr("界面语言"))
        group = QActionGroup(self)
        for code, name in LANGUAGES:
            action = QAction(name, self, checkable=True)
            action.setChecked(self.settings.language == code)
            action.setData(code)
            action.triggered.connect(lambda checked=False, c=code: self.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        self.about_action = self._action(help_menu, self.tr("关于翰林…"), self.show_about)

    def about_text(self) -> str:
        """What the About box says: the version, the open library, the components and their licences."""
        import platform

        import PySide6
        from PySide6.QtCore import qVersion

        from indexer import __version__

        library = str(self.session.root) if self.session is not None else self.tr("（未打开）")
        lines = [
            self.tr("翰林 Hanlin {version}：离线政策与文献检索").format(version=__version__),
            self.tr("文献库：{path}").format(path=library),
            self.tr("用户数据：{path}").format(path=user_data_dir()),
            f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {PySide6.__version__}",
            "",
            self.tr("所用组件及其许可："),
            " · ".join(COMPONENT_LICENCES),
            "",
            self.tr("本程序不联网：所有检索、阅读和导出都在本机完成。"),
        ]
        return "\n".join(lines)

    def show_about(self) -> None:
        """Help → About: version, library path, components and licences."""
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("关于翰林"), self.about_text(),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("aboutBox")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda checked=False: slot())
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        menu.addAction(action)
        return action

    def _connect(self) -> None:
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.folder_requested.connect(self.choose_folder)
        self.welcome.library_requested.connect(self.choose_library)
        self.search_page.box.submitted.connect(self._remember_query)
        self.search_page.passage_activated.connect(self._open_passage)
        self.search_page.sort.currentIndexChanged.connect(
            lambda _: setattr(self.settings, "sort", self.search_page.sort.currentData()))
        self.search.failed.connect(self._search_failed)
        self.reader.failed.connect(self.show_error)
        if self.notes is not None:
            self.reader.note_requested.connect(self._add_note_on)
            self.notes.edit_requested.connect(lambda _note_id: self.show_notes())
        if self.notes_view is not None:
            self.notes_view.open_requested.connect(self.reader.open_note)
        self.librarian.started.connect(lambda what: self.progress.start(what))
        self.librarian.started.connect(lambda _what: self.search_page.set_building(True))
        self.librarian.progressed.connect(self.progress.update_progress)
        self.librarian.finished.connect(self._indexing_finished)
        self.librarian.failed.connect(self._indexing_failed)
        self.progress.cancel_button.clicked.connect(self.librarian.cancel)
        self.librarian.status_ready.connect(self._show_counts)
        self.digest.connect_views()

    #: The size the window opens at where the screen has room for it.
    PREFERRED_SIZE = QSize(1280, 800)
    #: Room left for the window manager's title bar and borders around the window.
    FRAME_ALLOWANCE = QSize(16, 64)

    def _fit_to_screen(self) -> None:
        """Open at `PREFERRED_SIZE`, or smaller and centred where the screen's free area (without
        task bars) is smaller: at 1366×768 the whole window, status bar included, stays visible."""
        screen = self.screen()  # the primary screen until the window is shown elsewhere
        free = screen.availableGeometry()
        room = free.size() - self.FRAME_ALLOWANCE
        self.resize(self.PREFERRED_SIZE.boundedTo(room))
        self.move(free.center() - self.rect().center())

    def _restore_layout(self) -> None:
        if not self.settings.geometry.isEmpty():
            self.restoreGeometry(self.settings.geometry)  # Qt moves it back on screen if the screen shrank
        if not self.settings.window_state.isEmpty():
            self.restoreState(self.settings.window_state)
        if not self.settings.splitter.isEmpty():
            self.workspace.restoreState(self.settings.splitter)
        if not self.settings.reader_splitter.isEmpty():
            self.reader.splitter.restoreState(self.settings.reader_splitter)

    # ------------------------------------------------------------------ libraries

    def open_library(self, root: str | Path) -> None:
        """Show the library at `root` (made when something is first added to it)."""
        root = Path(root)
        if self.session is not None:
            self.search.set_session(None)
            self.session.close()
        self.session = LibrarySession(root)
        self.search.set_session(self.session)
        self.reader.set_session(self.session)
        self.librarian.set_session(self.session)
        self.digest.set_session(self.session)
        self.analysis.set_session(self.session)
        self.documents.session = self.session
        self.settings.last_library = str(root)
        if root != demo_library_dir():
            self.settings.remember_library(str(root))
        self.pages.setCurrentWidget(self.workspace)
        exists = (root / CATALOG_NAME).is_file()
        self._set_access(None if exists else LibraryAccess(read_only=False))  # a new library is the user's
        self.library_label.setText("")  # not the counts of the library shown before
        if not exists:
            self._show_counts({"documents": 0, "passages": 0, "files_ok": 0, "files_failed": 0})
        if exists:
            session = self.session
            run_in_pool(lambda job: session.access(), pool=self.pools.read,
                        on_success=lambda access: self._access_known(session, access), on_error=self.show_error)
            run_in_pool(lambda job: session.warm_up(), pool=self.pools.read, on_error=self.show_error)
            self._load_vocabulary()
            self.librarian.load_status()
        self.library_opened.emit(str(root))
        self.search_page.focus_search()

    def _library_name(self, root: Path) -> str:
        return self.tr("内置示例库") if root == demo_library_dir() else root.name

    def _access_known(self, session: LibrarySession, access: LibraryAccess) -> None:
        if session is self.session:  # not a library opened before the one shown now
            self._set_access(access)

    def _set_access(self, access: LibraryAccess | None) -> None:
        """Offer the librarian's actions on a writable library, hide them on a read-only one.

        Until it is known (None, the moment a library is read from a worker) they stay as they
        are for a writable library: the core refuses to write a read-only one anyway.
        """
        self.access = access
        read_only = access is not None and access.read_only
        self.librarian.read_only = read_only
        for action in self.librarian_actions:
            action.setVisible(not read_only)
            action.setEnabled(not read_only)
        self.access_label.show_access(access)
        if self.session is None:
            self.setWindowTitle(self.tr("翰林 Hanlin"))
            return
        name = self._library_name(self.session.root)
        title = self.tr("翰林 Hanlin — {name}（只读）") if read_only else self.tr("翰林 Hanlin — {name}")
        self.setWindowTitle(title.format(name=name))

    def open_demo(self) -> None:
        """Open the demo library, building it from resources/demo the first time."""
        root = demo_library_dir()
        built = (root / CATALOG_NAME).is_file()
        self.open_library(root)
        if not built:
            self.librarian.add([str(p) for p in demo_files()])

    def choose_library(self) -> None:
        """Ask for a library folder (made by `hanlin index --library`) and open it; a folder of
        PDFs that holds no library is offered to become one."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择文献库目录"))
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: str) -> None:
        """Open the library in `folder`; where there is none, count its PDFs (in a worker) and offer to build one."""
        if (Path(folder) / CATALOG_NAME).is_file():
            self.open_library(folder)
            return

        def count(job) -> int:
            from indexer.library.library import find_pdfs

            return len(find_pdfs([folder])[0])

        run_in_pool(count, pool=self.pools.read, on_success=lambda found: self._offer_library(folder, found),
                    on_error=self.show_error)

    def _offer_library(self, folder: str, pdfs: int) -> None:
        name = display_path(folder)
        if not pdfs:
            self.show_error(self.tr("{folder} 不是翰林文献库（没有 catalog.db），其中也没有 PDF 文件").format(folder=name))
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("建立文献库"), self.tr(
            "{folder} 还不是翰林文献库，其中有 {count} 个 PDF 文件。\n\n要在此文件夹中建立文献库并索引这些文件吗？"
            "（文献库文件 catalog.db 和 index 将写在此文件夹中，PDF 文件不会改动。）").format(folder=name, count=pdfs),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("offerLibraryBox")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("建立并索引"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.build_library_in(folder))
        self.offer_box = box
        box.open()

    def build_library_in(self, folder: str) -> None:
        """Make `folder` a library of the PDFs it holds, and index them."""
        self.open_library(folder)
        if not self.librarian.add([folder]):
            self.show_error(self.tr("正在进行另一项索引，请等它完成或取消后再试"))

    # ------------------------------------------------------------------ recent libraries

    def _fill_recent_menu(self) -> None:
        """The recent libraries, those no longer found greyed out, and a way to forget these."""
        menu = self.recent_menu
        menu.clear()
        recent = self.settings.recent_libraries
        missing = [p for p in recent if not (Path(p) / CATALOG_NAME).is_file()]
        for number, path in enumerate(recent, 1):
            gone = path in missing
            text = f"&{number} {display_path(path)}" if number < 10 else display_path(path)
            action = menu.addAction(text + (self.tr("（找不到）") if gone else ""))
            action.setEnabled(not gone)
            action.setData(path)
            action.setToolTip(self.tr("此文献库已移动或删除") if gone else display_path(path))
            action.triggered.connect(lambda checked=False, p=path: self.open_recent(p))
        if not recent:
            menu.addAction(self.tr("（没有）")).setEnabled(False)
        menu.addSeparator()
        if missing:
            menu.addAction(self.tr("移除找不到的文献库"), lambda: self.settings.forget_libraries(missing))
        clear = menu.addAction(self.tr("清除列表"), lambda: self.settings.forget_libraries(recent))
        clear.setEnabled(bool(recent))

    def open_recent(self, path: str) -> None:
        """Open a recent library; one that is gone is said so and taken off the list."""
        if not (Path(path) / CATALOG_NAME).is_file():
            self.settings.forget_libraries([path])
            self.show_error(self.tr("找不到文献库 {path}（已移动或删除），已从最近列表中移除").format(
                path=display_path(path)))
            return
        self.open_library(path)

    # ------------------------------------------------------------------ the open document

    def _open_document(self):
        view = self.reader.view
        if view is None:
            self.statusBar().showMessage(self.tr("请先在阅读区打开一篇文档"), 5000)
        return view

    def open_document_externally(self) -> None:
        """The document in the reader, in the system's PDF viewer."""
        if (view := self._open_document()) is not None:
            self.documents.open_file(view.doc.file.path)

    def show_document_in_folder(self) -> None:
        """The document in the reader, shown in the system's file manager."""
        if (view := self._open_document()) is not None:
            self.documents.show_in_folder(view.doc.file.path)

    def copy_document_citation(self) -> None:
        """The GB/T 7714 citation of the document in the reader, to the clipboard."""
        if (view := self._open_document()) is not None:
            self.documents.copy_citation(view.doc.doc_id)

    def choose_folder(self) -> None:
        """Ask for a folder of PDFs and add it to the library."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择存放 PDF 的文件夹"))
        if folder:
            self.add_paths([folder])

    def choose_files(self) -> None:
        """Ask for PDF files and add them to the library."""
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择 PDF 文件"), "",
            self.tr("文献（PDF、OFD、Word、网页、文本）") + " (*.pdf *.PDF *.ofd *.OFD *.docx *.doc *.wps *.html *.htm *.txt *.md)")
        if files:
            self.add_paths(files)

    def add_paths(self, paths: list[str]) -> None:
        """Index files and folders into the open library (the personal library if none or the demo is open)."""
        if self.session is None or self.session.root == demo_library_dir():
            self.open_library(user_data_dir() / "library")
        elif self.librarian.read_only:
            self.show_error(self.tr("此文献库由文献包安装，是只读的，不能添加文件"))
            return
        if not self.librarian.add([str(p) for p in paths]):
            self.show_error(self.tr("正在进行另一项索引，请等它完成或取消后再试"))

    def _indexing_finished(self, summary) -> None:
        self.progress.stop()
        self.search_page.set_building(False)
        self.statusBar().showMessage(summary_text(summary))
        self._load_vocabulary()
        self.search.rerun()
        self._reanchor_notes()

    def _indexing_failed(self, exc: BaseException) -> None:
        self.progress.stop()
        self.search_page.set_building(False)
        self.search.rerun()  # on what was committed before the failure
        self.show_error(exc)

    def _load_vocabulary(self) -> None:
        session = self.session
        if session is None:
            return
        run_in_pool(lambda job: session.reader().vocabulary(), pool=self.pools.read,
                    on_success=self.search_page.box.set_vocabulary, on_error=self.show_error)

    def show_failures(self) -> None:
        """The files of the library that could not be indexed."""
        dialog = FailuresDialog(self.librarian.failures, self, retry=self.retry_files, documents=self.documents)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def retry_files(self, paths: list[str]) -> None:
        """Index failed files again."""
        if not self.librarian.retry(paths):
            self.show_error(self.tr("正在进行另一项索引，请等它完成或取消后再试"))

    def show_status(self) -> None:
        """Counts and state of the open library."""
        if self.session is None or not (self.session.root / CATALOG_NAME).is_file():
            self.show_error(self.tr("还没有打开文献库"))
            return
        self.librarian.status_ready.connect(self._show_status_dialog, Qt.ConnectionType.SingleShotConnection)
        self.librarian.load_status()

    def _show_counts(self, status: dict) -> None:
        text = self.tr("{documents} 篇文档 · {passages} 段 · {files} 个文件").format(
            documents=status["documents"], passages=status["passages"], files=status["files_ok"])
        if status["files_failed"]:
            text += self.tr(" · {count} 个失败").format(count=status["files_failed"])
        if status.get("files_no_text"):
            text += self.tr(" · {count} 个无可检索文字").format(count=status["files_no_text"])
        self.library_label.setText(text)
        self.ocr_action.setChecked(bool(status.get("ocr", True)))

    def _toggle_ocr(self) -> None:
        """The library's OCR setting: scans added or re-indexed from now on are (not) recognised."""
        if not self.librarian.set_ocr(self.ocr_action.isChecked()):
            self.ocr_action.setChecked(not self.ocr_action.isChecked())  # a run is going on: unchanged

    def _show_status_dialog(self, status: dict) -> None:
        StatusDialog(status, self).open()

    # ------------------------------------------------------------------ searching and reading

    def _remember_query(self, query: str) -> None:
        self.search_page.box.set_history(self.settings.remember_query(query))

    def _search_failed(self, exc: BaseException) -> None:
        if isinstance(exc, QuerySyntaxError):  # syntax errors are explained above the results
            return
        from indexer.search import IndexNeedsRebuild

        if isinstance(exc, IndexNeedsRebuild) and not self.librarian.read_only and self.session is not None:
            self.offer_rebuild(exc)
        else:
            self.show_error(exc)

    def offer_rebuild(self, exc: LibraryError) -> None:
        """The search index cannot be read: say so and offer to rebuild it from the catalogue."""
        self.last_error = str(exc)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("检索索引已损坏"), self.tr(
            "检索索引无法读取，需要重建。文献库的目录（catalog.db）完好，重建只需从中重新写入索引，不会丢失文献、"
            "笔记或摘编。\n\n要现在重建吗？"), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("rebuildBox")
        box.setDetailedText(str(exc))
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("重建索引"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self.rebuild_index)
        self.rebuild_box = box
        box.open()

    def rebuild_index(self) -> None:
        """Drop the open index and rebuild it from the catalogue; the query runs again after."""
        if self.session is not None:
            self.search.cancel()
            self.session.close()  # the damaged index is not kept open while it is replaced
        if not self.librarian.rebuild():
            self.show_error(self.tr("正在进行另一项索引，请等它完成或取消后再试"))

    def _open_passage(self, hit, ref) -> None:
        query = self.search.request.query if self.search.request else ""
        self.reader.open_passage(hit.doc_id, ref.passage_id, query)

    def focus_search(self) -> None:
        """Ctrl+F: the search tab, cursor in the search box."""
        self.left.setCurrentWidget(self.search_page)
        self.search_page.focus_search()

    def open_digest_item(self, item) -> None:
        """Read a digest's quotation in its source, the quoted text selected."""
        anchor = item.anchor
        focus = Span(anchor.page, anchor.start, anchor.end) if anchor is not None else Span(item.page, 0, 0)
        self.reader.open_passage(item.doc_id, "", "", focus)

    # ------------------------------------------------------------------ notes

    @staticmethod
    def _fit_notes_view(view) -> None:
        """The Notes view in the narrow left pane: editor under the list, fewer and narrower columns."""
        from desktop.notes.model import NotesModel

        view.splitter.setOrientation(Qt.Orientation.Vertical)
        for column in (NotesModel.AUTHOR, NotesModel.PAGE, NotesModel.UPDATED):
            view.table.setColumnHidden(column, True)
        header = view.table.header()
        header.resizeSection(NotesModel.QUOTE, 150)
        header.resizeSection(NotesModel.DOCUMENT, 110)
        header.resizeSection(NotesModel.TAGS, 90)

    def _open_notes(self) -> tuple[NotesController | None, NotesRecovery | None]:
        """The user's notes (`desktop.notes`), backed up once a day; None, with a message, if the
        database cannot be opened, and then a `NotesRecovery` if it is damaged (offering 恢复…)."""
        from userdata.errors import DatabaseDamaged, NotesError

        try:
            notes = NotesController(parent=self)
        except DatabaseDamaged as exc:  # the app starts without notes and digests
            self.show_error(exc)
            return None, NotesRecovery(exc, self.show_error, self)
        except NotesError as exc:
            self.show_error(exc)
            return None, None
        if notes.store.folder is not None:
            backup_at_start(notes.store.folder, lambda text: self.statusBar().showMessage(text, 10000))
        return notes, None

    def add_note(self) -> None:
        """Ctrl+N: a note on the reader's selection."""
        if self.notes is None:
            self.show_error(self.tr("笔记数据库无法打开，不能添加笔记"))
        elif not self.reader.request_note():
            self.statusBar().showMessage(self.tr("请先在原文或文本中选中要加笔记的文字"), 5000)

    def ask_author_name(self, then=None) -> QInputDialog:
        """笔记 → 署名…: ask (window-modal, not blocking) for the name notes are signed with and exports
        print, the login name offered; `then()` runs once the dialog is closed, whatever the answer."""
        dialog = QInputDialog(self)
        dialog.setObjectName("authorDialog")
        dialog.setWindowTitle(self.tr("笔记署名"))
        dialog.setLabelText(self.tr("笔记和导出的摘编中显示的署名（如：王芳、政策研究室）："))
        dialog.setTextValue(self.settings.author_name or os_user())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._author_answered(dialog, result, then))
        self.settings.author_asked = True
        self.author_dialog = dialog
        dialog.open()
        return dialog

    def _author_answered(self, dialog: QInputDialog, result: int, then) -> None:
        # finished comes before textValueSelected: the name is read here, so `then` sees it
        name = dialog.textValue().strip()
        if result == QInputDialog.DialogCode.Accepted and name:
            self.set_author_name(name)
        if then is not None:
            then()

    def set_author_name(self, name: str) -> None:
        """Sign new notes with `name` (kept in the settings)."""
        self.settings.author_name = name
        if self.notes is not None:
            self.notes.store.author = name
        self.statusBar().showMessage(self.tr("笔记署名：{name}").format(name=name), 5000)

    def _add_note_on(self, selection: Selection) -> None:
        if self.notes is None:  # not connected without notes
            return
        if not self.settings.author_name and not self.settings.author_asked:
            self.ask_author_name(lambda: self._add_note_on(selection))  # once, before the first note
            return
        title = self.reader.view.doc.title if self.reader.view is not None else ""
        self.notes.add_note(selection, title)  # saved at once; edit_requested opens the editor

    def show_notes(self) -> None:
        """The Notes view (all notes of the user, searchable) in the left pane."""
        if self.notes_view is not None:
            self.left.setCurrentWidget(self.notes_view)

    def _reanchor_notes(self) -> None:
        """After indexing: re-attach every note whose file the library holds to the file's new page texts."""
        session, notes = self.session, self.notes
        if notes is None or session is None:
            return
        files = sorted({note.file_sha256 for note in notes.all_notes()})
        if not files:
            return

        def load(job) -> dict[str, dict[int, str]]:
            reader = session.reader()
            return {sha: pages for sha in files if (pages := reader.page_texts(sha))}

        def apply(texts: dict[str, dict[int, str]]) -> None:
            for sha, pages in texts.items():
                notes.reanchor(sha, pages)

        run_in_pool(load, pool=self.pools.read, on_success=apply, on_error=self.show_error)

    # ------------------------------------------------------------------ messages, language, closing

    def show_error(self, error: BaseException | str) -> None:
        """Tell the user (status bar and a window-modal message); never swallowed."""
        message = str(error) if not isinstance(error, BaseException) or str(error) else type(error).__name__
        self.last_error = message
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("翰林 Hanlin"), message, QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        details = getattr(error, TRACEBACK_ATTR, None)
        if details:
            box.setDetailedText(details)
        box.open()

    def set_language(self, code: str) -> None:
        """Store the interface language; it applies from the next start."""
        if code == self.settings.language:
            return
        self.settings.language = code
        self.statusBar().showMessage(self.tr("界面语言将在重新启动翰林后生效 (restart Hanlin to switch the language)"),
                                     10000)

    def save_layout(self) -> None:
        """Remember window geometry, dock state and splitter positions."""
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter = self.workspace.saveState()
        self.settings.reader_splitter = self.reader.splitter.saveState()
        self.settings.zoom = self.reader.pdf.zoom
        self.settings.fit_width = self.reader.fit_button.isChecked()
        self.digest.save_layout()
        self.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:
            self._placed = True
            QTimer.singleShot(0, self._keep_on_screen)  # once the window manager has framed it

    def _keep_on_screen(self) -> None:
        """Move the window so its frame lies inside the screen's free area, if it can."""
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        free, frame = screen.availableGeometry(), self.frameGeometry()
        if free.contains(frame) or frame.width() > free.width() or frame.height() > free.height():
            return
        x = min(max(frame.x(), free.left()), free.right() + 1 - frame.width())
        y = min(max(frame.y(), free.top()), free.bottom() + 1 - frame.height())
        self.move(x, y)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.notes_view is not None:
            self.notes_view.editor.flush()
        self.save_layout()
        self.librarian.cancel()
        self.search.cancel()
        self.reader.stop()
        self.digest.stop()
        self.analysis.close()
        self.pools.wait()
        if self.session is not None:
            self.session.close()
        self.digest.close()
        if self.notes is not None:
            self.notes.close()
        super().closeEvent(event)
