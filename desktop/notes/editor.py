"""The note editor: rich text, tags, stance, author and times, saved as you type, undoable.

Saving: every change restarts a short timer (`SAVE_DELAY_MS`); continuous typing still saves
at least every `MAX_WAIT_MS`; leaving the editor, switching notes, hiding or closing it saves
at once. Each save is one `EditNoteCommand` on the controller's `QUndoStack`, so Ctrl+Z /
Ctrl+Shift+Z step through saved versions (and deletes) of notes, not single keystrokes.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.notes.controller import NotesController
from desktop.timefmt import local_time
from userdata.notes.store import Note

_TAG_SPLIT = re.compile(r"[,，、;；\s]+")


def split_tags(text: str) -> list[str]:
    """Tags typed in one line, separated by commas, 、, semicolons or spaces."""
    return [t for t in _TAG_SPLIT.split(text) if t]


class NoteEditor(QWidget):
    """Edits one note at a time (`open_note`); empty and disabled when none is open."""

    SAVE_DELAY_MS = 400
    MAX_WAIT_MS = 2000

    saved = Signal(str)  # note id, after its changes are on disk

    def __init__(self, controller: NotesController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.note: Note | None = None
        self._loading = False
        self._dirty = False
        self._build()
        self._debounce = self._timer(self.SAVE_DELAY_MS)
        self._max_wait = self._timer(self.MAX_WAIT_MS)
        controller.note_changed.connect(self._note_changed)
        controller.note_deleted.connect(self._note_changed)
        controller.note_added.connect(self._note_changed)
        self._show(None)

    # ------------------------------------------------------------------ building

    def _timer(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self.flush)
        return timer

    def _build(self) -> None:
        self.title = QLabel(wordWrap=True)
        self.title.setObjectName("noteTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.quote = QLabel(wordWrap=True)
        self.quote.setObjectName("noteQuote")
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote.setStyleSheet("QLabel#noteQuote { border-left: 3px solid #c9a227; padding: 4px 8px;"
                                 " background: #faf6e8; color: #444; }")
        self.body = QTextEdit(acceptRichText=True)
        self.body.setObjectName("noteBody")
        self.body.setUndoRedoEnabled(False)  # undo goes through the controller's stack
        self.body.setPlaceholderText(self.tr("在此写下政策解读……"))
        self.body.installEventFilter(self)
        self.tags = QLineEdit(placeholderText=self.tr("用逗号或空格分隔，如：数据安全，合规"))
        self.tags.setObjectName("noteTags")
        self.tags.installEventFilter(self)
        self.tag_words = QStringListModel(self)
        self.tag_completer = QCompleter(self.tag_words, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(self.tag_completer)
        self.stance = QComboBox()
        self.stance.setObjectName("noteStance")
        self.stance.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.meta = QLabel(wordWrap=True)
        self.meta.setObjectName("noteMeta")
        self.meta.setStyleSheet("color: #666;")
        self.status = QLabel()
        self.status.setObjectName("noteStatus")
        self.status.setStyleSheet("color: #666;")
        self.toolbar = self._toolbar()

        form = QFormLayout()
        form.addRow(self.tr("标签"), self.tags)
        stance_row = QHBoxLayout()
        stance_row.addWidget(self.stance)
        stance_row.addStretch(1)
        stance_row.addWidget(self.status)
        form.addRow(self.tr("立场"), stance_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.quote)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.body, 1)
        layout.addLayout(form)
        layout.addWidget(self.meta)
        self.quote.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.body.textChanged.connect(self._edited)
        self.tags.textEdited.connect(self._edited)
        self.tags.editingFinished.connect(self.flush)
        self.stance.currentIndexChanged.connect(self._stance_chosen)
        self.body.currentCharFormatChanged.connect(self._sync_format)
        self.body.cursorPositionChanged.connect(self._sync_list)

    def _toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setObjectName("noteToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.bold_action = self._action(bar, self.tr("粗体"), self._toggle_bold, QKeySequence.StandardKey.Bold, True)
        font = self.bold_action.font()
        font.setBold(True)
        self.bold_action.setFont(font)
        self.italic_action = self._action(bar, self.tr("斜体"), self._toggle_italic, QKeySequence.StandardKey.Italic,
                                          True)
        self.list_action = self._action(bar, self.tr("• 列表"), self._toggle_bullets, None, True)
        self.numbered_action = self._action(bar, self.tr("1. 编号"), self._toggle_numbers, None, True)
        bar.addSeparator()
        self.undo_action = self._action(bar, self.tr("撤销"), self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(bar, self.tr("重做"), self.redo, QKeySequence.StandardKey.Redo)
        bar.addSeparator()
        self.delete_action = self._action(bar, self.tr("删除笔记"), self.delete_note, None)
        stack = self.controller.undo_stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        return bar

    def _action(self, bar: QToolBar, text: str, slot, shortcut, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setCheckable(checkable)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        bar.addAction(action)
        self.addAction(action)
        return action

    # ------------------------------------------------------------------ opening and showing

    def open_note(self, note_id: str | None) -> None:
        """Save the note being edited, then show `note_id` (None: nothing)."""
        self.flush()
        self._show(self.controller.note(note_id) if note_id else None)

    def _show(self, note: Note | None) -> None:
        self.note = note
        self._loading = True
        try:
            self._fill(note)
        finally:
            self._loading = False
        self._dirty = False
        editable = note is not None and not note.deleted
        for widget in (self.body, self.tags, self.stance, self.toolbar):
            widget.setEnabled(editable)
        self.undo_action.setEnabled(self.controller.undo_stack.canUndo())
        self.redo_action.setEnabled(self.controller.undo_stack.canRedo())

    def _fill(self, note: Note | None) -> None:
        if note is None:
            self.title.setText(self.tr("未选择笔记：在阅读器中选中文字后按 Ctrl+N 添加"))
            self.quote.setText("")
            self.quote.hide()
            self.body.clear()
            self.tags.clear()
            self._fill_stances("")
            self.meta.setText("")
            self.status.setText("")
            return
        self.title.setText(self.tr("《{0}》第 {1} 页").format(note.doc_title or self.tr("未命名文档"), note.anchor.page))
        self.quote.show()
        prefix = self.tr("【原文中已找不到这段引文】") if note.orphaned else ""
        self.quote.setText(prefix + "“" + " ".join(note.anchor.quote.split()) + "”")
        self.quote.setToolTip(self.tr("笔记所依附的原文") if not note.orphaned
                              else self.tr("文件已修改或重新抽取，这段引文已找不到；笔记不会被删除"))
        self.body.setHtml(note.body_html) if note.body_html else self.body.setPlainText(note.body_text)
        self.tags.setText("，".join(note.tags))
        self.tag_words.setStringList(self.controller.tags())
        self._fill_stances(note.stance)
        self._fill_meta(note)
        self.status.setText(self.tr("已删除（可撤销）") if note.deleted else "")

    def _fill_stances(self, current: str) -> None:
        self.stance.blockSignals(True)
        self.stance.clear()
        self.stance.addItem(self.tr("（未定）"), "")
        for stance in self.controller.stances():
            self.stance.addItem(stance, stance)
        if current and self.stance.findData(current) < 0:
            self.stance.addItem(current, current)  # a stance no longer in the list stays visible
        self.stance.setCurrentIndex(max(0, self.stance.findData(current)))
        self.stance.blockSignals(False)

    def _fill_meta(self, note: Note) -> None:
        self.meta.setText(self.tr("作者：{0}　创建：{1}　更新：{2}").format(
            note.author or self.tr("未知"), local_time(note.created, unreadable=""),
            local_time(note.updated, unreadable="")))

    # ------------------------------------------------------------------ saving

    def _edited(self) -> None:
        if self._loading or self.note is None:
            return
        self._dirty = True
        self.status.setText(self.tr("编辑中…"))
        self._debounce.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def _stance_chosen(self, _index: int) -> None:
        self._edited()
        self.flush()

    def flush(self) -> None:
        """Save pending changes now (no-op when there are none)."""
        self._debounce.stop()
        self._max_wait.stop()
        if not self._dirty or self.note is None:
            return
        self._dirty = False
        fields = {"body_html": self.body.toHtml(), "body_text": self.body.toPlainText(),
                  "tags": tuple(split_tags(self.tags.text())), "stance": self.stance.currentData() or ""}
        self._loading = True  # our own change coming back through note_changed
        try:
            changed = self.controller.update_note(self.note.id, **fields)
        finally:
            self._loading = False
        if changed is not None:
            self.note = changed
            self._fill_meta(changed)
        self.status.setText(self.tr("已保存"))
        self.saved.emit(self.note.id)

    def _note_changed(self, note: Note) -> None:
        """An undo, redo, delete or re-anchoring of the open note: show what is stored now."""
        if self._loading or self.note is None or note.id != self.note.id:
            return
        cursor = self.body.textCursor().position()
        self._show(note)
        cursor_after = self.body.textCursor()
        cursor_after.setPosition(min(cursor, len(self.body.toPlainText())))
        self.body.setTextCursor(cursor_after)

    # ------------------------------------------------------------------ undo, delete

    def undo(self) -> None:
        """Save what is typed, then undo the last note operation."""
        self.flush()
        self.controller.undo_stack.undo()

    def redo(self) -> None:
        """Redo the last undone note operation."""
        self.flush()
        self.controller.undo_stack.redo()

    def delete_note(self) -> None:
        """Delete the open note (undoable)."""
        if self.note is not None:
            self.flush()
            self.controller.delete_note(self.note.id)

    # ------------------------------------------------------------------ formatting

    def _toggle_bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self.body.mergeCurrentCharFormat(fmt)

    def _toggle_italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self.body.mergeCurrentCharFormat(fmt)

    def _toggle_bullets(self) -> None:
        self._toggle_list(QTextListFormat.Style.ListDisc)

    def _toggle_numbers(self) -> None:
        self._toggle_list(QTextListFormat.Style.ListDecimal)

    def _toggle_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.body.textCursor()
        current = cursor.currentList()
        if current is not None and current.format().style() == style:
            current.remove(cursor.block())
            block = cursor.blockFormat()
            block.setIndent(0)
            cursor.setBlockFormat(block)
        else:
            cursor.createList(style)
        self._sync_list()

    def _sync_format(self, fmt: QTextCharFormat) -> None:
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.Bold)
        self.italic_action.setChecked(fmt.fontItalic())

    def _sync_list(self) -> None:
        current = self.body.textCursor().currentList()
        style = current.format().style() if current is not None else None
        self.list_action.setChecked(style == QTextListFormat.Style.ListDisc)
        self.numbered_action.setChecked(style == QTextListFormat.Style.ListDecimal)

    # ------------------------------------------------------------------ events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self.flush()
        elif kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and self._is_undo_key(event):
            # the text widgets keep Ctrl+Z for their own (disabled) undo: route it to the note stack
            event.accept()
            if kind == QEvent.Type.KeyPress:
                self.redo() if event.matches(QKeySequence.StandardKey.Redo) else self.undo()
            return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _is_undo_key(event: QEvent) -> TypeGuard[QKeyEvent]:
        return isinstance(event, QKeyEvent) and (event.matches(QKeySequence.StandardKey.Undo)
                                                 or event.matches(QKeySequence.StandardKey.Redo))

    def hideEvent(self, event) -> None:
        self.flush()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:
        self.flush()
        super().closeEvent(event)
