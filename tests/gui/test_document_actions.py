"""A document's own actions (open in the system viewer, show in folder, copy path, copy citation) from a
hit's menu, the reader's page menu and the File menu; the failures list's menu (retry, copy path)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMenu

from desktop.librarian.views import FailuresDialog
from desktop.main_window import MainWindow
from desktop.paths import display_path, file_url
from indexer.library.reader import CatalogReader
from tests.gui.conftest import INDEX_TIMEOUT_MS, SEARCH_TIMEOUT_MS
from tests.gui.test_app import open_first_hit, search
from userdata.digest.sources import citation


class UrlCatcher(QObject):
    """Stands in for the desktop's file handler: QDesktopServices hands it the file:// URLs it opens."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def window(make_window, seed_library: Path) -> MainWindow:
    win = make_window()
    win.open_library(seed_library)
    return win


def menu_action(menu: QMenu, name: str):
    return next(a for a in menu.actions() if a.objectName() == name)


def results_menu(window: MainWindow) -> QMenu:
    view = window.search_page.results_view
    view.customContextMenuRequested.emit(view.visualRect(window.search.results.index(0, 0)).center())
    return view.findChild(QMenu, "resultsMenu")


def test_a_hits_menu_opens_shows_and_copies_its_document(qtbot, window: MainWindow, opened, seed_library: Path):
    search(qtbot, window)
    hit = window.search.results.hits()[0]
    menu = results_menu(window)
    menu_action(menu, "openExternal").trigger()
    menu_action(menu, "showInFolder").trigger()  # no file manager on the test's bus: the folder opens
    assert [url.toLocalFile() for url in opened] == [hit.file, str(Path(hit.file).parent)]
    menu_action(menu, "copyPath").trigger()
    assert QApplication.clipboard().text() == hit.file
    menu_action(menu, "copyCitation").trigger()
    with CatalogReader(seed_library) as reader:
        entry = citation(reader, hit.doc_id)
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == entry, timeout=SEARCH_TIMEOUT_MS)
    assert "[" in entry and hit.doc_title.replace(" ", "")[:6] in entry.replace(" ", "")
    menu.close()


def test_the_readers_page_menu_copies_the_selection_and_has_the_documents_actions(qtbot, window: MainWindow,
                                                                                   opened):
    search(qtbot, window)
    open_first_hit(qtbot, window)
    reader = window.reader
    canvas = reader.pdf.canvas
    canvas.customContextMenuRequested.emit(canvas.rect().center())
    menu = canvas.findChild(QMenu, "pageMenu")
    assert not menu_action(menu, "copySelection").isEnabled()  # nothing selected yet
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == ["copySelection", "noteSelection", "digestSelection", "openExternal", "showInFolder",
                     "copyPath", "copyCitation"]
    menu.close()
    passage = reader.current
    reader.text.select_span(passage.page, passage.start, passage.start + 6)
    canvas.customContextMenuRequested.emit(canvas.rect().center())
    menu = [m for m in canvas.findChildren(QMenu, "pageMenu") if m.isVisible()][-1]
    menu_action(menu, "copySelection").trigger()
    assert QApplication.clipboard().text() == reader.selection.quote
    menu_action(menu, "openExternal").trigger()
    assert [url.toLocalFile() for url in opened] == [reader.view.doc.file.path]
    menu.close()


def test_the_file_menu_acts_on_the_document_in_the_reader(qtbot, window: MainWindow, opened):
    window.open_external_action.trigger()
    assert "请先" in window.statusBar().currentMessage() and not opened
    search(qtbot, window)
    open_first_hit(qtbot, window)
    window.show_in_folder_action.trigger()
    assert [url.toLocalFile() for url in opened] == [str(Path(window.reader.view.doc.file.path).parent)]
    window.cite_action.trigger()
    qtbot.waitUntil(lambda: "[" in QApplication.clipboard().text(), timeout=SEARCH_TIMEOUT_MS)


def test_a_file_gone_from_its_place_is_said_so(qtbot, make_window, opened, tmp_path: Path):
    win = make_window()
    assert not win.documents.open_file(str(tmp_path / "gone.pdf"))
    assert "不在原处" in win.last_error and not opened


def test_failed_files_can_be_retried_and_their_path_copied(qtbot, make_window, make_pdf, tmp_path: Path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    broken = folder / "半截.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj\n<<")  # cut off while being copied
    win = make_window()
    with qtbot.waitSignal(win.librarian.status_ready, timeout=INDEX_TIMEOUT_MS):
        win.add_paths([str(folder)])
    assert [f.path for f in win.librarian.failures.failures()] == [str(broken)]
    win.show_failures()
    dialog = win.findChild(FailuresDialog)
    table = dialog.table
    table.customContextMenuRequested.emit(table.visualRect(table.model().index(0, 0)).center())
    menu = table.findChild(QMenu, "failuresMenu")
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "重试此文件", "用系统阅读器打开", "在文件夹中显示", "复制文件路径"]
    menu_action(menu, "copyPath").trigger()
    assert QApplication.clipboard().text() == str(broken)
    shutil.copyfile(make_pdf([["# 关于数据安全的通知", "加强数据安全风险防范，健全监测预警体系。" * 6]]), broken)
    with qtbot.waitSignal(win.librarian.finished, timeout=INDEX_TIMEOUT_MS) as done:
        menu_action(menu, "retryFile").trigger()
    assert done.args[0].indexed == [str(broken)] and not done.args[0].failed
    qtbot.waitUntil(lambda: not win.librarian.failures.failures(), timeout=SEARCH_TIMEOUT_MS)
    assert win.findChild(FailuresDialog) is None  # closed with the retry (and deleted)


def test_undecodable_bytes_of_a_name_stay_visible(tmp_path: Path):
    name = os.fsdecode(b"\xb1\xa8\xb8\xe6.pdf")  # 报告.pdf in GBK, on a UTF-8 file system
    assert display_path(name) == "\\xb1\\xa8\\xb8\\xe6.pdf"
    assert display_path(os.fsdecode(b"\xb1\xa8.pdf")) != display_path(os.fsdecode(b"\xb8\xe6.pdf"))
    assert display_path("报告.pdf") == "报告.pdf"
    assert file_url(str(tmp_path / name)).endswith(b"/%B1%A8%B8%E6.pdf")
