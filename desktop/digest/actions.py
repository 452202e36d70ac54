"""The main window's digest actions: the 摘编 menu, adding from a hit, a selection or a note, marks.

`DigestActions(parent, ...)` opens the `DigestController` (the user database beside the notes)
and builds the `DigestPanel` the window shows as a tab beside the Notes view. It is given the
parts of the window it works with (reader, results view, Notes view, librarian, tabs, status
bar, settings, pools) and the window's `show_error` and `open_digest_item`, nothing else. It adds:

* 摘编 menu: 将选中文字加入摘编 (Ctrl+D, from the reader's selection, with the notes written on
  it), 将当前检索结果加入摘编 (the current hit's passage), 将当前笔记加入摘编 (the note's quote
  with the note), 导出摘编…, 导出记录…, undo and redo;
* context menus on the results view (加入摘编, 加入摘编（摘要）, 设置密级…) and on the Notes view
  (加入摘编), set from here so neither view changes; a hit quotes the sentences holding its
  match (命中句), 加入摘编（整段） on the results view the whole passage;
* 设置密级… for the librarian (the window hides it on a read-only library).

What a hit, selection or note quotes is read from the library in a worker; the add itself is
one undoable write in the GUI thread. Marks are written in the one write pool.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStatusBar, QTabWidget, QTreeView, QWidget

from desktop.digest import jobs
from desktop.digest.audit_view import AuditDialog
from desktop.digest.controller import DigestController
from desktop.digest.panel import DigestPanel
from desktop.librarian.views import MarkDialog
from desktop.notes.model import NotesModel
from desktop.search.results_model import ResultsModel
from desktop.tasks import run_in_pool
from userdata.errors import DatabaseDamaged, DigestError, NotesError

if TYPE_CHECKING:
    from desktop.librarian.controller import Librarian
    from desktop.notes.controller import NotesController
    from desktop.notes.view import NotesView
    from desktop.reader.data import Selection
    from desktop.reader.pane import Reader
    from desktop.session import LibrarySession
    from desktop.settings import Settings
    from desktop.tasks import Job, Pools
    from indexer.library.reader import DocumentInfo
    from indexer.search.results import Hit
    from userdata.digest.model import AuditEntry, DigestItem
    from userdata.notes.store import Note


class DigestActions(QObject):
    """Digest integration of one `MainWindow` (`controller` and `panel` are None if the database fails)."""

    def __init__(self, parent: QWidget, *, pools: Pools, settings: Settings, notes: NotesController | None,
                 reader: Reader, results_view: QTreeView, notes_view: NotesView | None, librarian: Librarian,
                 tabs: QTabWidget, status_bar: QStatusBar, show_error: Callable[[BaseException | str], None],
                 open_item: Callable[[DigestItem], None]):
        super().__init__(parent)
        self.parent_widget = parent  # parent of the actions and dialogs
        self.pools = pools
        self.settings = settings
        self.reader = reader
        self.results_view = results_view
        self.notes_view = notes_view
        self.librarian = librarian  # its `read_only` changes with the library
        self.tabs = tabs
        self.status_bar = status_bar
        self.show_error = show_error
        self.open_item = open_item
        self.session: LibrarySession | None = None
        self.closed = False
        self.mark_dialog: MarkDialog | None = None
        self.audit_dialog: AuditDialog | None = None
        # Set by the window: adds the document's own actions (open, show in folder, cite) to a hit's menu.
        self.extend_results_menu: Callable[[QMenu, Hit], None] | None = None
        self.controller = self._open(notes, parent)
        self.panel: DigestPanel | None = None
        if self.controller is not None:
            self.panel = DigestPanel(self.controller, pools)
            exporter = self.panel.exporter
            exporter.folder = settings.export_folder
            exporter.format = settings.export_format
            if not settings.digest_splitter.isEmpty():
                self.panel.splitter.restoreState(settings.digest_splitter)
            self.controller.choose(settings.digest_current)

    def _open(self, notes: NotesController | None, parent: QObject) -> DigestController | None:
        try:
            return DigestController(notes=notes, parent=parent)
        except DatabaseDamaged:
            return None  # said once by the window, which offers 恢复… in place of the panel
        except (DigestError, NotesError) as exc:
            self.show_error(exc)
            return None

    # ------------------------------------------------------------------ menus

    def make_menu(self, bar: QMenuBar) -> QMenu:
        """The 摘编 menu."""
        menu = bar.addMenu(self.tr("摘编(&D)"))
        self.selection_action = self._action(menu, self.tr("将选中文字加入摘编"), self.add_selection,
                                             QKeySequence("Ctrl+D"))
        self.hit_action = self._action(menu, self.tr("将当前检索结果加入摘编"), self.add_current_hit)
        self.note_action = self._action(menu, self.tr("将当前笔记加入摘编"), self.add_current_note)
        menu.addSeparator()
        self.panel_action = self._action(menu, self.tr("摘编视图"), self.show_panel, QKeySequence("Ctrl+Shift+D"))
        self.export_action = self._action(menu, self.tr("导出摘编…"), self.export)
        self.audit_action = self._action(menu, self.tr("导出记录…"), self.show_audit)
        if self.controller is not None:
            menu.addSeparator()
            menu.addAction(self.controller.undo_stack.createUndoAction(self, self.tr("撤销摘编操作")))
            menu.addAction(self.controller.undo_stack.createRedoAction(self, self.tr("重做摘编操作")))
        else:
            for action in menu.actions():
                action.setEnabled(False)
        return menu

    def make_mark_action(self, menu: QMenu) -> QAction:
        """文献库 → 设置当前文档的密级… (a librarian's action: the window hides it on read-only libraries)."""
        self.mark_action = self._action(menu, self.tr("设置当前文档的密级…"), self.set_mark_of_open_document)
        return self.mark_action

    def _action(self, menu: QMenu, text: str, slot: Callable[[], None],
                shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self.parent_widget)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        menu.addAction(action)
        return action

    def connect_views(self) -> None:
        """Context menus on the results and notes views, the reader's Ctrl+D, the panel's requests."""
        results = self.results_view
        results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        results.customContextMenuRequested.connect(self._results_menu)
        if self.notes_view is not None:
            table = self.notes_view.table
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            table.customContextMenuRequested.connect(self._notes_menu)
        self.reader.digest_requested.connect(self._add_selection_of)
        if self.panel is not None and self.controller is not None:
            self.panel.message.connect(self._status)
            self.panel.audit_requested.connect(self.show_audit)
            self.panel.open_requested.connect(self.open_item)
            self.panel.exporter.exported.connect(self._exported)
            self.panel.exporter.failed.connect(self.show_error)
            self.controller.current_changed.connect(self._remember_current)

    def set_session(self, session: LibrarySession | None) -> None:
        """Another library is open: quotes, marks and exports read it."""
        self.session = session
        if self.panel is not None:
            self.panel.set_session(session)

    # ------------------------------------------------------------------ adding

    def _ready(self) -> bool:
        if self.controller is None:
            self.show_error(self.tr("用户数据库无法打开，不能编辑摘编"))
            return False
        return True

    def add_selection(self) -> None:
        """Ctrl+D: the reader's selection (with the notes on it) into the current digest."""
        if self._ready() and not self.reader.request_digest():
            self._status(self.tr("请先在原文或文本中选中要加入摘编的文字"))

    def _add_selection_of(self, doc: DocumentInfo, selection: Selection) -> None:
        session = self.session
        self._resolve(lambda job: jobs.quote_from_selection(session, doc.doc_id, selection))

    def add_current_hit(self) -> None:
        """The passage of the current search result (a document row: its best passage)."""
        self.add_hit(self.results_view.currentIndex())

    def add_hit(self, index: QModelIndex | QPersistentModelIndex, abstract: bool = False,
                whole: bool = False) -> None:
        """A result row's hit sentences (with `whole` its passage, with `abstract` its document's abstract)."""
        hit = index.data(ResultsModel.HitRole) if index.isValid() else None
        if hit is None:
            self._status(self.tr("请先在检索结果中选中一条"))
            return
        if not self._ready():
            return
        session, doc_id = self.session, hit.doc_id
        if abstract:
            self._resolve(lambda job: jobs.abstract_of(session, doc_id))
            return
        ref = index.data(ResultsModel.PassageRole) or index.model().index(0, 0, index).data(ResultsModel.PassageRole)
        passage_id = ref.passage_id if ref is not None else hit.passage_id
        highlight = _highlight(hit, passage_id)
        self._resolve(lambda job: jobs.quote_from_passage(session, doc_id, passage_id, highlight, whole))

    def add_current_note(self) -> None:
        """The note selected in the Notes view: its quote with the note shown under it."""
        view = self.notes_view
        index = view.table.currentIndex() if view is not None else None
        note = index.data(NotesModel.NoteRole) if index is not None and index.isValid() else None
        if note is None:
            self._status(self.tr("请先在笔记页选中一条笔记"))
        else:
            self.add_note(note)

    def add_note(self, note: Note) -> None:
        """A note's quotation with the note attached."""
        if self._ready():
            session = self.session
            self._resolve(lambda job: jobs.quote_from_note(session, note))

    def add_figure(self, image: bytes, caption: str) -> None:
        """A chart of the 分析 window (PNG) with its caption into the current digest."""
        if not self._ready() or self.closed or self.controller is None:
            return
        item = self.controller.add_figure(image, caption)
        section = self.controller.store.section(item.section_id)
        digest = self.controller.current()
        self._status(self.tr("已把图表加入摘编“{digest}”的“{section}”：{caption}").format(
            digest=digest.title if digest else "", section=section.heading, caption=caption))

    def _resolve(self, fn: Callable[[Job], jobs.PendingQuote]) -> None:
        run_in_pool(fn, pool=self.pools.read, on_success=self._add_pending, on_error=self.show_error)

    def _add_pending(self, pending: jobs.PendingQuote) -> None:
        controller = self.controller
        if self.closed or controller is None:  # resolved while the window was closing
            return
        item = controller.add_pending(pending)
        section = controller.store.section(item.section_id)
        digest = controller.current()
        self._status(self.tr("已加入摘编“{digest}”的“{section}”：《{title}》").format(
            digest=digest.title if digest else "", section=section.heading, title=pending.ref.source.title))

    # ------------------------------------------------------------------ context menus

    def _results_menu(self, pos: QPoint) -> None:
        view = self.results_view
        index = view.indexAt(pos)
        if not index.isValid() or index.data(ResultsModel.HitRole) is None:
            return
        view.setCurrentIndex(index)
        menu = QMenu(view)
        menu.setObjectName("resultsMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("加入摘编"), self.add_current_hit)
        menu.addAction(self.tr("加入摘编（整段）"), self._add_current_passage)
        menu.addAction(self.tr("加入摘编（摘要）"), self._add_current_abstract)
        if self.extend_results_menu is not None:
            menu.addSeparator()
            self.extend_results_menu(menu, index.data(ResultsModel.HitRole))
        if not self.librarian.read_only:
            menu.addSeparator()
            menu.addAction(self.tr("设置密级…"), self._mark_current_hit)
        menu.popup(view.viewport().mapToGlobal(pos))

    def _add_current_passage(self) -> None:
        self.add_hit(self.results_view.currentIndex(), whole=True)

    def _add_current_abstract(self) -> None:
        self.add_hit(self.results_view.currentIndex(), abstract=True)

    def _mark_current_hit(self) -> None:
        hit = self.results_view.currentIndex().data(ResultsModel.HitRole)
        if hit is not None:
            self.set_mark_of(hit.doc_id)

    def _notes_menu(self, pos: QPoint) -> None:
        if self.notes_view is None:
            return
        table = self.notes_view.table
        index = table.indexAt(pos)
        if not index.isValid():
            return
        table.setCurrentIndex(index)
        menu = QMenu(table)
        menu.setObjectName("notesMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("加入摘编"), self.add_current_note)
        menu.popup(table.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------------ marks (librarian)

    def set_mark_of_open_document(self) -> None:
        """设置密级… for the document open in the reader."""
        view = self.reader.view
        if view is None:
            self._status(self.tr("请先在阅读区打开一篇文档"))
        else:
            self.set_mark_of(view.doc.doc_id)

    def set_mark_of(self, doc_id: str) -> None:
        """Ask for a document's mark (the dialog lists the library's marks) and write it."""
        if self.librarian.read_only:
            self.show_error(self.tr("此文献库由文献包安装，是只读的，不能设置密级"))
            return
        session = self.session
        run_in_pool(lambda job: jobs.document_mark(session, doc_id), pool=self.pools.read,
                    on_success=self._ask_mark, on_error=self.show_error)

    def _ask_mark(self, info: jobs.DocumentMark) -> None:
        dialog = MarkDialog(info.doc_id, info.title, info.mark, info.levels.levels, self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._mark_chosen)
        self.mark_dialog = dialog
        dialog.open()

    def _mark_chosen(self) -> None:
        dialog, self.mark_dialog = self.mark_dialog, None
        if dialog is None or self.session is None:
            return
        root, doc_id, mark = self.session.root, dialog.doc_id, dialog.mark()
        run_in_pool(lambda job: (doc_id, jobs.write_mark(root, doc_id, mark)), pool=self.pools.write,
                    on_success=self._mark_written, on_error=self.show_error)

    def _mark_written(self, done: tuple[str, str]) -> None:
        doc_id, mark = done
        self.reader.set_document_mark(doc_id, mark)
        if self.panel is not None:
            self.panel.preview.schedule()
        self._status(self.tr("已设置密级：{mark}").format(mark=mark) if mark else self.tr("已清除密级"))

    # ------------------------------------------------------------------ panel, export, audit

    def show_panel(self) -> None:
        """The 摘编 tab."""
        if self.panel is not None:
            self.tabs.setCurrentWidget(self.panel)

    def export(self) -> None:
        """导出摘编…: the save dialog for the current digest."""
        if self.panel is not None and self.controller is not None:
            self.show_panel()
            if not self.panel.exporter.choose_and_export() and self.controller.current() is None:
                self._status(self.tr("还没有摘编可导出"))

    def show_audit(self) -> None:
        """The export audit log, read only."""
        if self.controller is None:
            return
        dialog = AuditDialog(self.controller.store.audit.entries(), self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.audit_dialog = dialog
        dialog.open()

    def _exported(self, entry: AuditEntry) -> None:
        if self.panel is not None:
            settings = self.settings
            settings.export_folder, settings.export_format = self.panel.exporter.folder, entry.format

    def _remember_current(self, digest_id: str) -> None:
        self.settings.digest_current = digest_id

    def _status(self, text: str) -> None:
        self.status_bar.showMessage(text, 8000)

    def save_layout(self) -> None:
        """Remember the panel's splitter."""
        if self.panel is not None:
            self.settings.digest_splitter = self.panel.splitter.saveState()

    def stop(self) -> None:
        """The window is closing: start no more background work (before it waits for the pools)."""
        if self.panel is not None:
            self.panel.preview.stop()

    def close(self) -> None:
        """Close the database (after the window's pools are done)."""
        self.closed = True
        if self.controller is not None:
            self.controller.close()


def _highlight(hit: Hit, passage_id: str) -> str:
    """The highlight of the passage quoted: the hit's own, or that of one of its document's other passages."""
    if passage_id == hit.passage_id:
        return hit.highlight
    return next((brief["highlight"] for brief in hit.more if brief["passage_id"] == passage_id), "")
