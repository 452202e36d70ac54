"""Staff mode: a library installed from a signed bundle, opened in the GUI.

The librarian's actions (add, re-index, rebuild, failures) are hidden, a badge in the status bar
says who signed the bundle and when, and searching, reading and adding a note leave every file
of the library folder as it was (names, sizes, modification times, contents).
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.librarian.views import StatusDialog
from desktop.main_window import MainWindow
from indexer.bundles import bundle, keys
from tests.gui.conftest import SEARCH_TIMEOUT_MS

SIGNER = "资料室"


@pytest.fixture(scope="module")
def installed(seed_library: Path, tmp_path_factory) -> dict:
    """The seed library bundled by a librarian and installed on a staff machine (this one)."""
    work = tmp_path_factory.mktemp("staff")
    librarian_copy = work / "librarian-library"
    shutil.copytree(seed_library, librarian_copy)  # bundling records an id in the catalogue
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(keys.CONFIG_DIR_ENV, str(work / "config"))
        public = keys.create_key(SIGNER)  # also trusted here
        info = bundle.create_bundle(librarian_copy, work / "翰林库.hlb", key_name=SIGNER)
        bundle.install_bundle(work / "翰林库.hlb", work / "staff" / "翰林库")
    return {"root": work / "staff" / "翰林库", "info": info, "key": public}


def snapshot(folder: Path) -> dict:
    """Every entry under `folder`, and the folder itself, with its size, mtime and content hash."""
    found = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        found[str(path.relative_to(folder))] = (st.st_size, st.st_mtime_ns, digest)
    return found


def open_read_only(qtbot, window: MainWindow, root: Path) -> None:
    with qtbot.waitSignal(window.librarian.status_ready, timeout=SEARCH_TIMEOUT_MS):
        window.open_library(root)
    qtbot.waitUntil(lambda: window.access is not None)


def visible_texts(window: MainWindow) -> list[str]:
    return [a.text() for menu in window.menuBar().actions() for a in menu.menu().actions()
            if a.isVisible() and not a.isSeparator()]


def test_a_bundle_library_hides_the_librarian_actions_and_names_its_signer(qtbot, make_window, installed,
                                                                         seed_library: Path):
    window = make_window()
    assert all(a.isVisible() and a.isEnabled() for a in window.librarian_actions)  # the user's own
    open_read_only(qtbot, window, installed["root"])

    assert window.access.read_only and window.access.bundle["key_name"] == SIGNER
    assert not any(a.isVisible() or a.isEnabled() for a in window.librarian_actions)
    shown = visible_texts(window)
    for hidden in ("添加文件夹…", "添加文件…", "重新索引", "重建检索索引", "取消索引", "失败的文件…"):
        assert hidden not in shown
    assert {"打开文献库…", "文献库状态…", "为选中文字添加笔记"} <= set(shown)
    created = datetime.datetime.fromisoformat(installed["info"].manifest["created_at"]).astimezone()
    badge = window.access_label
    assert badge.isVisible()
    assert badge.text() == f"只读 · 由 {SIGNER} 签发 · {created:%Y-%m-%d}"
    assert installed["key"].fingerprint in badge.toolTip() and "翰林库.hlb" in badge.toolTip()
    assert window.windowTitle() == "翰林 Hanlin — 翰林库（只读）"

    # Nothing starts a write: adding is refused with a message, re-indexing does not start.
    window.add_paths([str(seed_library)])
    assert "只读" in window.last_error
    assert not window.librarian.reindex() and not window.librarian.rebuild()
    assert not window.librarian.is_running() and window.progress.isHidden()

    with qtbot.waitSignal(window.librarian.status_ready, timeout=SEARCH_TIMEOUT_MS) as status:
        window.status_action.trigger()
    dialog = next(w for w in window.findChildren(StatusDialog))
    assert status.args[0]["read_only"] is True
    assert dialog.values["访问"] == "只读（由文献包安装）"
    assert dialog.values["签发者"] == f"{SIGNER}（{installed['key'].fingerprint}）"
    assert dialog.values["文献包"] == "翰林库.hlb"
    dialog.close()

    # A writable library opened next gets the actions back and loses the badge.
    open_read_only(qtbot, window, seed_library)
    assert not window.access.read_only
    assert all(a.isVisible() and a.isEnabled() for a in window.librarian_actions)
    assert badge.isHidden() and "只读" not in window.windowTitle()


def test_searching_reading_and_noting_write_nothing_into_the_library(qtbot, make_window, installed,
                                                                     data_dir: Path):
    root = installed["root"]
    before = snapshot(root)
    window = make_window()
    open_read_only(qtbot, window, root)
    qtbot.waitUntil(lambda: not window.pools.busy())  # the warm-up search and the vocabulary

    window.search_page.box.setText("科技安全 风险")
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS) as searched:
        qtbot.keyClick(window.search_page.box, Qt.Key.Key_Return)
    first = searched.args[0].results.hits[0]
    model, view = window.search.results, window.search_page.results_view
    with qtbot.waitSignal(window.reader.page_ready, timeout=SEARCH_TIMEOUT_MS):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(model.index(0, 0, model.index(0, 0))).center())
    assert window.reader.current.passage_id == first.passage_id

    window.reader.text.select_span(first.page, first.start, first.start + 10)
    with qtbot.waitSignal(window.notes.note_added) as added:
        window.note_action.trigger()
    window.notes_view.editor.body.insertPlainText("只读库上的笔记")
    window.notes_view.editor.flush()
    note = window.notes.note(added.args[0].id)
    assert note.body_text == "只读库上的笔记"
    window.close()

    assert snapshot(root) == before
    assert (data_dir / "notes.db").is_file()  # the note went to the user's own data
