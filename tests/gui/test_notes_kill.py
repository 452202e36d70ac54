"""A process killed (SIGKILL) right after typing loses nothing that the editor has saved.

The child process runs the real editor: it types a note as an input method would, waits
for the editor's own debounced save (no explicit flush), reports, types more, and then
is killed with no chance to clean up. A fresh store must find the saved text.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from userdata.notes.store import NoteStore

REPO = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent('''
    import sys
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication
    from desktop.notes.controller import NotesController
    from desktop.notes.editor import NoteEditor

    app = QApplication([])
    controller = NotesController()
    editor = NoteEditor(controller)
    editor.show()
    note = controller.add_note(("e" * 64, 1, 0, 4, "数据安全", "", "法"), "数据安全法")
    editor.open_note(note.id)

    def type_text(text):
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(editor.body, event)

    def saved(_note_id):
        editor.saved.disconnect(saved)
        print("SAVED", note.id, flush=True)
        type_text("（尚在防抖窗口内）")  # may or may not reach the disk before the kill

    editor.saved.connect(saved)
    for word in ("数据", "分类", "分级", "要有", "配套", "细则"):
        type_text(word)
    sys.exit(app.exec())
''')


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_typing_keeps_the_saved_text(tmp_path: Path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HANLIN_USER_DIR=str(tmp_path), PYTHONPATH=str(REPO))
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=REPO, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        line = child.stdout.readline()  # blocks until the child's editor has saved (pytest-timeout guards)
        assert line.startswith("SAVED"), line + child.stderr.read()
        note_id = line.split()[1]
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()

    store = NoteStore(tmp_path)
    note = store.get(note_id)
    store.close()
    assert note is not None
    assert note.body_text.startswith("数据分类分级要有配套细则")
    assert "数据分类分级要有配套细则" in note.body_html
