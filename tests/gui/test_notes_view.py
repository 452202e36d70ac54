"""The Notes view: query box with the library's language, errors, orphans, editing, delete and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.notes.controller import NotesController
from desktop.notes.model import NotesModel
from desktop.notes.view import NotesView
from userdata.notes.store import NoteStore

A, B = "a" * 64, "b" * 64


@pytest.fixture
def controller(tmp_path: Path) -> NotesController:
    c = NotesController(NoteStore(tmp_path / "notes", author="王芳"))
    c.add_note((A, 1, 0, 6, "数据分类分级", "", "保护制度"), "数据安全法", body_text="需要配套细则",
               tags=["数据安全"], stance="待核实")
    c.add_note((A, 2, 5, 11, "出口管制清单", "美国", "扩大"), "国际形势简报", body_text="对半导体设备影响大",
               tags=["半导体", "风险"], stance="风险")
    c.add_note((B, 1, 0, 5, "新安全格局", "以", "保障"), "二十大报告", body_text="支持", stance="支持")
    yield c
    c.close()


@pytest.fixture
def view(qtbot, controller) -> NotesView:
    widget = NotesView(controller)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    return widget


def shown_bodies(view: NotesView) -> set[str]:
    return {view.proxy.index(r, NotesModel.BODY).data() for r in range(view.proxy.rowCount())}


def test_lists_every_note_newest_first(view):
    assert view.proxy.rowCount() == 3
    assert view.count.text() == "共 3 条笔记"
    assert view.proxy.index(0, NotesModel.BODY).data() == "支持"


def test_query_filters_after_a_pause(qtbot, view):
    view.box.setText("标签:风险 OR 细则")
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 2)
    assert shown_bodies(view) == {"需要配套细则", "对半导体设备影响大"}
    assert view.count.text() == "2 / 3 条笔记"


def test_enter_applies_the_query_at_once(qtbot, view):
    view.box.setText("立场:支持")
    qtbot.keyClick(view.box, Qt.Key.Key_Return)
    assert shown_bodies(view) == {"支持"}


def test_syntax_error_is_shown_and_the_list_kept(qtbot, view):
    view.box.setText("标签:风险")
    view.apply_query()
    view.box.setText('"未闭合')
    assert not view.apply_query()
    assert view.error.isVisible() and "引号不成对" in view.error.text()
    assert shown_bodies(view) == {"对半导体设备影响大"}
    view.box.clear()
    assert view.apply_query() and not view.error.isVisible()


def test_selecting_a_row_opens_it_in_the_editor(qtbot, view):
    index = view.proxy.index(1, 0)
    view.table.setCurrentIndex(index)
    assert view.editor.note.id == index.data(NotesModel.IdRole)


def test_edits_in_the_editor_show_in_the_list(qtbot, view, controller):
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    view.editor.body.setPlainText("改写后的解读")
    with qtbot.waitSignal(view.editor.saved, timeout=5000):
        pass
    assert "改写后的解读" in shown_bodies(view)


def test_new_note_is_selected_even_when_filtered_out(qtbot, view, controller):
    view.box.setText("立场:支持")
    view.apply_query()
    note = controller.add_note((B, 3, 0, 4, "产业发展", "", ""), "二十大报告")
    assert view.current_note_id() == note.id and view.editor.note.id == note.id
    assert view.box.text() == ""


def test_orphans_listed_with_their_quote(view, controller):
    controller.reanchor(A, {1: "全部改写", 2: "全部改写"})
    quotes = {view.proxy.index(r, NotesModel.QUOTE).data() for r in range(view.proxy.rowCount())}
    assert {"【未定位】数据分类分级", "【未定位】出口管制清单", "新安全格局"} == quotes
    view.select_note(controller.notes_for(A)[0].id)
    assert view.editor.quote.text().startswith("【原文中已找不到这段引文】")


def test_delete_key_and_undo(qtbot, view, controller):
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    note_id = view.current_note_id()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert view.proxy.rowCount() == 2 and controller.note(note_id).deleted
    controller.undo_stack.undo()
    assert view.proxy.rowCount() == 3


def test_activating_a_row_asks_to_open_the_passage(qtbot, view):
    index = view.proxy.index(2, 0)
    with qtbot.waitSignal(view.open_requested) as blocker:
        view.table.activated.emit(index)
    assert blocker.args[0].id == index.data(NotesModel.IdRole)


def test_view_tears_down_cleanly_in_its_own_process(tmp_path: Path):
    """A lambda holding the view, connected to a child's signal, once made PySide abort at exit."""
    import subprocess
    import sys

    probe = ("import sys\nfrom PySide6.QtWidgets import QApplication\n"
             "from desktop.notes.controller import NotesController\nfrom desktop.notes.view import NotesView\n"
             "def main():\n    app = QApplication([])\n    view = NotesView(NotesController())\n    view.show()\n"
             "    app.processEvents()\n    return 0\nsys.exit(main())\n")
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "HANLIN_USER_DIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120,
                         check=False, cwd=Path(__file__).resolve().parents[2])
    assert run.returncode == 0, run.stderr
    assert "shared QObject" not in run.stderr
