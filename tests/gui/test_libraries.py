"""Libraries in the window: recent libraries, a folder of PDFs offered to become a library, a damaged
index offered a rebuild, and the display name notes are signed with (and exports print)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.main_window import MainWindow
from desktop.settings import Settings
from indexer.library.catalog import CATALOG_NAME
from tests.gui.conftest import INDEX_TIMEOUT_MS, SEARCH_TIMEOUT_MS
from tests.gui.test_app import open_first_hit, search


@pytest.fixture
def two_libraries(seed_library: Path, tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "甲库", tmp_path / "乙库"
    shutil.copytree(seed_library, first)
    shutil.copytree(seed_library, second)
    return first, second


def recent_entries(window: MainWindow) -> list[tuple[str, bool]]:
    window.recent_menu.aboutToShow.emit()
    return [(a.data(), a.isEnabled()) for a in window.recent_menu.actions() if a.data()]


def test_recent_libraries_most_recent_first_missing_ones_greyed(qtbot, make_window, settings: Settings,
                                                                 two_libraries: tuple[Path, Path]):
    first, second = two_libraries
    win = make_window()
    assert recent_entries(win) == []
    win.open_library(first)
    win.open_library(second)
    win.open_library(first)
    assert recent_entries(win) == [(str(first), True), (str(second), True)]
    assert settings.recent_libraries == [str(first), str(second)]  # kept in the settings
    second.rename(second.with_name("乙库（已移走）"))  # moved away (files of it may still be open)
    assert recent_entries(win) == [(str(first), True), (str(second), False)]
    texts = [a.text() for a in win.recent_menu.actions()]
    assert any(t.endswith("（找不到）") for t in texts) and "移除找不到的文献库" in texts
    win.open_recent(str(second))  # e.g. from a menu built before the folder went
    assert "已从最近列表中移除" in win.last_error
    assert settings.recent_libraries == [str(first)]
    next(a for a in win.recent_menu.actions() if a.text() == "清除列表").trigger()
    assert settings.recent_libraries == []


def test_a_folder_of_pdfs_is_offered_to_become_a_library(qtbot, make_window, make_pdf, tmp_path: Path):
    folder = tmp_path / "资料"
    folder.mkdir()
    shutil.move(make_pdf([["# 关于数据安全的通知", "加强数据安全风险防范，健全监测预警体系。" * 6]]), folder / "通知.pdf")
    win = make_window()
    win.open_folder(str(folder))
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "offerLibraryBox") is not None, timeout=SEARCH_TIMEOUT_MS)
    box = win.findChild(QMessageBox, "offerLibraryBox")
    assert "1 个可索引的文件" in box.text()
    with qtbot.waitSignal(win.librarian.finished, timeout=INDEX_TIMEOUT_MS) as done:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert done.args[0].indexed == [str(folder / "通知.pdf")]
    assert (folder / CATALOG_NAME).is_file() and win.session.root == folder
    empty = tmp_path / "空"
    empty.mkdir()
    win.open_folder(str(empty))
    qtbot.waitUntil(lambda: "没有可索引的文件" in win.last_error, timeout=SEARCH_TIMEOUT_MS)


def test_a_damaged_index_reported_by_a_search_is_offered_a_rebuild(qtbot, make_window, seed_library: Path,
                                                                    tmp_path: Path):
    from indexer.search import IndexNeedsRebuild

    library = tmp_path / "library"
    shutil.copytree(seed_library, library)
    win = make_window()
    win.open_library(library)
    search(qtbot, win)
    win.search.failed.emit(IndexNeedsRebuild(f"{library / 'index'}: 索引已损坏，需要重建 (the index is corrupt)"))
    box = win.findChild(QMessageBox, "rebuildBox")
    assert box is not None and "重建" in box.text() and "索引已损坏" in box.detailedText()
    before = {p.name for p in (library / "index").iterdir()}
    with qtbot.waitSignal(win.search.finished, timeout=INDEX_TIMEOUT_MS) as searched:  # the query again, after
        box.button(QMessageBox.StandardButton.Yes).click()
    assert searched.args[0].results.hits
    assert {p.name for p in (library / "index").iterdir()} != before  # a new index was written


def test_notes_are_signed_with_the_display_name_and_exports_print_it(qtbot, make_window, settings: Settings,
                                                                      seed_library: Path, tmp_path: Path):
    settings.author_name = "王芳"
    win = make_window()
    win.open_library(seed_library)
    search(qtbot, win)
    open_first_hit(qtbot, win)
    reader = win.reader
    passage = reader.current
    reader.text.select_span(passage.page, passage.start, passage.start + 10)
    with qtbot.waitSignal(win.notes.notes_changed, timeout=SEARCH_TIMEOUT_MS):
        win.note_action.trigger()
    note = win.notes.all_notes()[-1]
    assert note.author == "王芳"
    win.notes.update_note(note.id, body_text="值得关注")
    with qtbot.waitSignal(win.digest.controller.item_added, timeout=SEARCH_TIMEOUT_MS):
        win.digest.add_note(note)
    target = tmp_path / "摘编.md"
    exporter = win.digest.panel.exporter
    with qtbot.waitSignal(exporter.exported, timeout=SEARCH_TIMEOUT_MS):
        exporter.export("md", str(target))
    text = target.read_text(encoding="utf-8")
    signed = [line for line in text.splitlines() if "值得关注" in line or "王芳" in line]
    assert any("王芳" in line for line in signed), text  # the note's signature, not the login name


def test_the_display_name_is_asked_once_before_the_first_note(qtbot, make_window, fresh_settings: Settings,
                                                               seed_library: Path):
    fresh_settings.reset(Settings.author_asked)  # (make_window's `settings` is this object, marked asked)
    win = make_window(fresh_settings)
    win.open_library(seed_library)
    search(qtbot, win)
    open_first_hit(qtbot, win)
    reader = win.reader
    reader.text.select_span(reader.current.page, reader.current.start, reader.current.start + 10)
    win.note_action.trigger()
    dialog = win.findChild(QInputDialog, "authorDialog")
    assert dialog is not None and not win.notes.all_notes()  # the note waits for the answer
    dialog.setTextValue("政策研究室 李明")
    with qtbot.waitSignal(win.notes.notes_changed, timeout=SEARCH_TIMEOUT_MS):
        dialog.accept()
    assert [n.author for n in win.notes.all_notes()] == ["政策研究室 李明"]
    assert fresh_settings.author_name == "政策研究室 李明" and fresh_settings.author_asked
    reader.text.select_span(reader.current.page, reader.current.start + 12, reader.current.start + 20)
    with qtbot.waitSignal(win.notes.notes_changed, timeout=SEARCH_TIMEOUT_MS):
        win.note_action.trigger()  # not asked again
    assert not any(d.isVisible() for d in win.findChildren(QInputDialog))
    assert [n.author for n in win.notes.all_notes()] == ["政策研究室 李明"] * 2
