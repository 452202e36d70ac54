"""The note editor: debounced save as you type, save on focus-out and switch, formatting, undo/redo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop.notes.controller import NotesController
from desktop.notes.editor import NoteEditor, split_tags
from userdata.notes.store import NoteStore

SHA = "d" * 64
SELECTION = (SHA, 3, 10, 16, "数据分类分级", "国家建立", "保护制度")


@pytest.fixture
def controller(tmp_path: Path) -> NotesController:
    c = NotesController(NoteStore(tmp_path / "notes", author="李雷"))
    yield c
    c.close()


@pytest.fixture
def editor(qtbot, controller) -> NoteEditor:
    widget = NoteEditor(controller)
    qtbot.addWidget(widget)
    widget.resize(520, 600)
    widget.show()
    note = controller.add_note(SELECTION, "数据安全法")
    widget.open_note(note.id)
    return widget


def type_chinese(widget: QWidget, text: str) -> None:
    """Type `text` as a Pinyin input method does: committed a word (two characters) at a time.

    (`qtbot.keyClicks` only knows ASCII keys: Qt aborts on anything else.)
    """
    for i in range(0, len(text), 2):
        event = QInputMethodEvent()
        event.setCommitString(text[i:i + 2])
        QApplication.sendEvent(widget, event)


def stored(editor: NoteEditor):
    return editor.controller.store.get(editor.note.id)


def test_shows_quote_title_author_and_stances(editor):
    assert "数据分类分级" in editor.quote.text()
    assert editor.title.text() == "《数据安全法》第 3 页"
    assert "李雷" in editor.meta.text()
    assert [editor.stance.itemText(i) for i in range(editor.stance.count())] == ["（未定）", "支持", "关注", "风险",
                                                                                    "待核实"]


def test_typing_saves_after_a_pause(qtbot, editor):
    editor.body.setFocus()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        type_chinese(editor.body, "分级保护要配套细则")
    assert stored(editor).body_text == "分级保护要配套细则"
    assert editor.status.text() == "已保存"
    assert editor.controller.undo_stack.count() == 2  # the add, one save for the whole burst


def test_nothing_is_saved_before_the_pause(qtbot, editor):
    type_chinese(editor.body, "草稿")
    assert stored(editor).body_text == ""
    assert editor._debounce.isActive()
    editor.flush()
    assert stored(editor).body_text == "草稿"


def test_focus_out_saves_at_once(qtbot, editor):
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    editor.activateWindow()
    editor.body.setFocus()
    qtbot.waitUntil(editor.body.hasFocus)
    type_chinese(editor.body, "离开就保存")
    with qtbot.waitSignal(editor.saved, timeout=1000):
        other.activateWindow()
        other.setFocus()
    assert stored(editor).body_text == "离开就保存"


def test_switching_notes_and_hiding_save(qtbot, editor, controller):
    type_chinese(editor.body, "第一条")
    second = controller.add_note((SHA, 4, 0, 4, "产业发展", "", ""), "数据安全法")
    editor.open_note(second.id)
    assert controller.store.get(controller.all_notes()[0].id).body_text == "第一条"
    type_chinese(editor.body, "第二条")
    editor.hide()
    assert controller.store.get(second.id).body_text == "第二条"


def test_tags_and_stance_saved(qtbot, editor):
    editor.tags.setFocus()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        type_chinese(editor.tags, "数据安全，合规、 细则")
    assert stored(editor).tags == ("数据安全", "合规", "细则")
    with qtbot.waitSignal(editor.saved, timeout=1000):
        editor.stance.setCurrentIndex(editor.stance.findData("风险"))
    assert stored(editor).stance == "风险"


def test_bold_italic_and_lists_are_kept_as_html(qtbot, editor):
    editor.body.setFocus()
    editor.bold_action.trigger()
    type_chinese(editor.body, "要点")
    editor.bold_action.trigger()
    editor.italic_action.trigger()
    type_chinese(editor.body, "斜体")
    editor.list_action.trigger()
    assert editor.list_action.isChecked()
    editor.flush()
    html = stored(editor).body_html
    assert "font-weight:700" in html and "font-style:italic" in html and "<ul" in html
    assert stored(editor).body_text == "要点斜体"
    editor.list_action.trigger()
    assert not editor.list_action.isChecked() and editor.body.textCursor().currentList() is None


def test_undo_and_redo_saved_edits(qtbot, editor):
    editor.body.setFocus()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        type_chinese(editor.body, "第一稿")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        type_chinese(editor.body, "，补充")
    assert stored(editor).body_text == "第一稿，补充"

    qtbot.keyClick(editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(editor).body_text == "第一稿"
    assert editor.body.toPlainText() == "第一稿"
    qtbot.keyClick(editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored(editor).body_text == "第一稿，补充"
    assert editor.body.toPlainText() == "第一稿，补充"


def test_undo_saves_what_is_pending_first(qtbot, editor):
    with qtbot.waitSignal(editor.saved, timeout=5000):
        type_chinese(editor.body, "保存过")
    type_chinese(editor.body, "未保存")
    editor.undo_action.trigger()  # saves 保存过未保存, then undoes that save
    assert stored(editor).body_text == "保存过"
    editor.redo_action.trigger()
    assert stored(editor).body_text == "保存过未保存"


def test_delete_and_undo_delete(qtbot, editor, controller):
    note_id = editor.note.id
    type_chinese(editor.body, "删了还能回来")
    editor.delete_action.trigger()
    assert controller.note(note_id).deleted
    assert not editor.body.isEnabled() and "已删除" in editor.status.text()
    assert controller.all_notes() == []
    editor.undo_action.trigger()
    assert not controller.note(note_id).deleted
    assert editor.body.isEnabled() and editor.body.toPlainText() == "删了还能回来"


def test_undo_of_the_add_removes_the_new_note(editor, controller):
    stack = controller.undo_stack
    assert stack.undoText() == "添加笔记"
    stack.undo()
    assert controller.all_notes() == []
    stack.redo()
    assert len(controller.all_notes()) == 1


def test_close_saves(qtbot, editor):
    type_chinese(editor.body, "关窗前")
    editor.close()
    assert stored(editor).body_text == "关窗前"


def test_empty_editor_is_disabled(qtbot, controller):
    widget = NoteEditor(controller)
    qtbot.addWidget(widget)
    assert widget.note is None and not widget.body.isEnabled()
    widget.flush()  # nothing to save, no error


def test_split_tags():
    assert split_tags("数据安全，合规、细则;其他 more,x") == ["数据安全", "合规", "细则", "其他", "more", "x"]
