"""The digest panel (摘编): choose a digest, edit its cover and outline, see it live, export it.

Top: the digest chooser with 新建 / 删除 / 导出记录 and 导出…; the cover (collapsible); the
outline (drag to reorder, edit in place, buttons to add a section or a commentary, remove,
undo and redo); the live preview under it; and after an export, where the file went.
Quotations come in from outside (`DigestController.add_pending`): the main window's actions
on a hit, the reader's selection (Ctrl+D) and a note.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.digest.controller import DigestController
from desktop.digest.cover_form import CoverForm
from desktop.digest.export_flow import ExportFlow
from desktop.digest.list_model import DigestListModel
from desktop.digest.outline_model import NOTE, SECTION, OutlineModel
from desktop.digest.outline_view import OutlineView
from desktop.digest.preview import DigestPreview
from desktop.session import LibrarySession
from desktop.tasks import Pools


class DigestPanel(QWidget):
    """Thin view over a `DigestController`."""

    open_requested = Signal(object)  # DigestItem whose passage the user wants to read
    audit_requested = Signal()
    message = Signal(str)  # for the status bar

    def __init__(self, controller: DigestController, pools: Pools, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("digestPanel")
        self.controller = controller
        self.digests = DigestListModel(controller, self)
        self.model = OutlineModel(controller, self)
        self.cover = CoverForm(controller)
        self.outline = OutlineView(self.model)
        self.preview = DigestPreview(controller, pools)
        self.exporter = ExportFlow(controller, pools, self)
        self._build()
        self._connect()
        self._show_current()

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        self.chooser = QComboBox()
        self.chooser.setObjectName("digestChooser")
        self.chooser.setModel(self.digests)
        self.chooser.setMinimumContentsLength(12)
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.new_button = self._tool(self.tr("新建"), self.tr("新建一份摘编"), self.new_digest, "newDigest")
        self.more = QToolButton(autoRaise=True)
        self.more.setObjectName("digestMore")
        self.more.setText("⋯")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.more.setToolTip(self.tr("重命名、删除、导出记录"))
        menu = QMenu(self.more)
        self.rename_action = menu.addAction(self.tr("重命名…"), self.rename_digest)
        self.delete_action = menu.addAction(self.tr("删除此摘编"), self.delete_digest)
        menu.addSeparator()
        menu.addAction(self.tr("导出记录…"), self.audit_requested.emit)
        self.more.setMenu(menu)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("exportDigest")
        self.export_button.setToolTip(self.tr("导出为 Word、PDF、网页或 Markdown"))
        self.export_button.clicked.connect(self.exporter.choose_and_export)
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(QLabel(self.tr("摘编")))
        top.addWidget(self.chooser, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.more)
        top.addWidget(self.export_button)

        self.cover_toggle = QToolButton(autoRaise=True)
        self.cover_toggle.setObjectName("coverToggle")
        self.cover_toggle.setCheckable(True)
        self.cover_toggle.setChecked(True)
        self.cover_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.cover_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.cover_toggle.setText(self.tr("封面"))
        self.cover_toggle.toggled.connect(self._toggle_cover)

        self.hint = QLabel(wordWrap=True)
        self.hint.setObjectName("digestHint")
        self.hint.setStyleSheet("color:#666;")
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        self.section_button = self._tool(self.tr("＋章节"), self.tr("在末尾添加一个章节"), self.add_section,
                                         "addSection")
        self.commentary_button = self._tool(self.tr("＋编者按"), self.tr("在所选章节中添加编者按"),
                                            self.add_commentary, "addCommentary")
        self.remove_button = self._tool(self.tr("移除"), self.tr("移除所选章节、条目或笔记 (Delete)"),
                                        self.remove_selected, "removeFromDigest")
        self.undo_button = self._tool("↶", self.tr("撤销摘编操作"), self.controller.undo_stack.undo, "undoDigest")
        self.redo_button = self._tool("↷", self.tr("重做摘编操作"), self.controller.undo_stack.redo, "redoDigest")
        for button in (self.section_button, self.commentary_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.setSpacing(2)
        upper_layout.addWidget(self.hint)
        upper_layout.addWidget(self.outline, 1)
        upper_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("digestSplitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([200, 300])
        self.splitter.setChildrenCollapsible(False)
        self.export_label = QLabel(wordWrap=True)
        self.export_label.setObjectName("exportStatus")
        self.export_label.setTextFormat(Qt.TextFormat.RichText)
        self.export_label.linkActivated.connect(self._open_folder)
        self.export_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.cover_toggle)
        layout.addWidget(self.cover)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.export_label)

    def _tool(self, text: str, tip: str, slot, name: str) -> QToolButton:
        button = QToolButton(autoRaise=True)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _connect(self) -> None:
        c = self.controller
        self.chooser.activated.connect(self._chosen)
        self.digests.modelReset.connect(self._show_current)
        c.current_changed.connect(self._show_current)
        c.digest_changed.connect(self._update_hint)
        c.item_added.connect(self._item_added)
        c.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        c.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(c.undo_stack.canUndo())
        self.redo_button.setEnabled(c.undo_stack.canRedo())
        self.outline.selectionModel().currentChanged.connect(self._outline_current)
        self.outline.remove_requested.connect(self.remove_selected)
        self.outline.open_requested.connect(self.open_requested)
        self.outline.edit_note_requested.connect(self._edit_note)
        self.preview.updated.connect(self._preview_updated)
        self.exporter.started.connect(self._export_started)
        self.exporter.exported.connect(self._exported)
        self.exporter.failed.connect(self._export_failed)
        self.exporter.refused.connect(self._export_failed)
        for key, slot in ((QKeySequence.StandardKey.Undo, c.undo_stack.undo),
                          (QKeySequence.StandardKey.Redo, c.undo_stack.redo)):
            shortcut = QShortcut(QKeySequence(key), self.outline)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def set_session(self, session: LibrarySession | None) -> None:
        """Read marks (preview, export) from another library."""
        self.preview.set_session(session)
        self.exporter.session = session

    # ------------------------------------------------------------------ the current digest

    def _chosen(self, row: int) -> None:
        digest_id = self.digests.index(row, 0).data(DigestListModel.IdRole)
        if digest_id:
            self.controller.set_current(digest_id)

    def _show_current(self, *_args) -> None:
        row = self.digests.row_of(self.controller.current_id)
        if self.chooser.currentIndex() != row:
            self.chooser.setCurrentIndex(row)
        has = self.controller.current() is not None
        for widget in (self.export_button, self.section_button, self.more):
            widget.setEnabled(has)
        self.delete_action.setEnabled(has)
        self.rename_action.setEnabled(has)
        self._update_hint()

    def _update_hint(self, *_args) -> None:
        outline = self.controller.outline()
        if outline is None:
            text = self.tr("还没有摘编：选中文字后按 Ctrl+D，或在检索结果、笔记上右键“加入摘编”，即新建一份。")
        elif not outline.items():
            text = self.tr("在阅读区选中文字后按 Ctrl+D，或在检索结果、笔记上右键“加入摘编”，加入所选章节。")
        else:
            text = ""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))
        self.commentary_button.setEnabled(outline is not None and bool(outline.sections))

    def _toggle_cover(self, shown: bool) -> None:
        self.cover.setVisible(shown)
        self.cover_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def new_digest(self) -> None:
        """A new digest with one section, made current; the title field gets the focus."""
        digest = self.controller.create_digest()
        self.controller.add_section(digest_id=digest.id)
        self.rename_digest()

    def rename_digest(self) -> None:
        """Put the cursor in the cover's title (the chooser shows the title)."""
        self.cover_toggle.setChecked(True)
        self.cover.edits["title"].setFocus(Qt.FocusReason.OtherFocusReason)
        self.cover.edits["title"].selectAll()

    def delete_digest(self) -> None:
        """Delete the current digest (undoable)."""
        digest = self.controller.current()
        if digest is not None:
            self.controller.delete_digest(digest.id)
            self.message.emit(self.tr("已删除摘编“{title}”（可撤销）").format(title=digest.title))

    # ------------------------------------------------------------------ the outline

    def _outline_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        section = self.model.section_of(current) if current.isValid() else None
        self.controller.target_section_id = section.id if section is not None else ""

    def add_section(self) -> None:
        """A new section at the end, its heading open for editing."""
        if self.controller.current() is None:
            return
        section = self.controller.add_section()
        index = self.model.index_of(section.id, SECTION)
        self.outline.select(index)
        self.outline.edit(index)

    def add_commentary(self) -> None:
        """A commentary at the end of the chosen section (else the last one), open for editing."""
        outline = self.controller.outline()
        if outline is None or not outline.sections:
            return
        section_id = self.controller.target_section_id or outline.sections[-1][0].id
        item = self.controller.add_commentary(section_id)
        self.outline.edit(self.model.index_of(item.id))

    def remove_selected(self) -> None:
        """Remove the selected section or item (a note row: stop showing the note there); undoable."""
        index = self.outline.currentIndex()
        if not index.isValid():
            return
        kind, node_id = index.data(OutlineModel.KindRole), index.data(OutlineModel.IdRole)
        if kind == SECTION:
            self.controller.remove_section(node_id)
        elif kind == NOTE:
            self.controller.detach_note(index.data(OutlineModel.ItemRole).id, node_id)
        else:
            self.controller.remove_item(node_id)

    def _item_added(self, item) -> None:
        self.outline.select(self.model.index_of(item.id))

    def _edit_note(self, note_id: str) -> None:
        if self.controller.notes is not None:
            self.controller.notes.request_edit(note_id)

    # ------------------------------------------------------------------ preview and export

    def _preview_updated(self, result) -> None:
        if result is not None:
            self.cover.set_marks(result.levels, result.required)

    def _export_started(self, path: str) -> None:
        self.export_button.setEnabled(False)
        self.message.emit(self.tr("正在导出到 {path}…").format(path=path))

    def _exported(self, entry) -> None:
        self.export_button.setEnabled(self.controller.current() is not None)
        folder = Path(entry.path).parent
        url = QUrl.fromLocalFile(str(folder)).toString()
        self.export_label.setText(self.tr("已导出到 {path}　<a href=\"{url}\">打开所在文件夹</a>").format(
            path=html.escape(entry.path), url=html.escape(url)))
        self.export_label.show()
        self.message.emit(self.tr("已导出到 {path}（已记入导出记录）").format(path=entry.path))

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(self.controller.current() is not None)
        self.message.emit(str(exc))

    def _open_folder(self, url: str) -> None:
        QDesktopServices.openUrl(QUrl(url))
