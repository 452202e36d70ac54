"""The main window: welcome page, the demo library filling in the background, failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.app import build_parser, create_window
from desktop.main_window import MainWindow
from desktop.models import DocumentRow, DocumentTableModel, rows_from_result
from indexer.extract import extract_pdf

LOAD_TIMEOUT_MS = 120_000


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


def expected_titles(folder: Path) -> list[str]:
    """What the core extracts from the folder's PDFs, in the order the window lists them."""
    return [row.title for path in sorted(folder.glob("*.pdf")) for row in rows_from_result(extract_pdf(path))]


def test_window_starts_on_the_welcome_page(window: MainWindow):
    assert window.windowTitle() == "翰林 Hanlin"
    assert window.pages.currentWidget() is window.welcome
    assert window.welcome.demo_button.text() == "使用内置示例库"
    assert window.welcome.folder_button.text() == "添加文件夹…"
    assert window.welcome.demo_button.isEnabled() and window.welcome.folder_button.isEnabled()


def test_demo_flag_lists_the_demo_documents(qtbot, demo_dir: Path):
    titles = expected_titles(demo_dir)
    assert len(titles) >= 3
    win = create_window(build_parser().parse_args(["--demo"]))
    qtbot.addWidget(win)
    win.show()

    qtbot.waitUntil(lambda: win.model.titles() == titles, timeout=LOAD_TIMEOUT_MS)

    assert win.pages.currentWidget() is win.library
    assert str(demo_dir) in win.library.heading.text()
    pdfs = {p.name for p in demo_dir.glob("*.pdf")}
    shown = {win.model.index(r, DocumentTableModel.FILE).data() for r in range(win.model.rowCount())}
    assert shown == pdfs


def test_demo_button_opens_the_demo_and_reports_in_the_status_bar(qtbot, window: MainWindow):
    with qtbot.waitSignal(window.loading_finished, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)

    assert window.model.rowCount() >= 3
    assert "已读取 3 个文件" in window.statusBar().currentMessage()
    assert window.progress.isHidden()


def test_search_box_waits_for_the_library(window: MainWindow):
    box = window.library.search_box
    assert not box.isEnabled()
    assert "检索" in box.placeholderText()


def test_unreadable_file_is_reported_and_the_rest_listed(qtbot, window: MainWindow, tmp_path: Path, make_pdf):
    make_pdf([["# 测试文件标题", "这是一份用于测试的文件，正文只有一段。"]], name="good.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"not a pdf at all")

    with qtbot.waitSignal(window.loading_finished, timeout=LOAD_TIMEOUT_MS):
        window.open_folder(tmp_path)

    assert {Path(r.file).name for r in rows(window.model)} == {"good.pdf"}
    assert "1 个文件无法读取" in window.statusBar().currentMessage()
    assert "broken.pdf" in window.statusBar().toolTip()


def test_empty_folder_says_so(qtbot, window: MainWindow, tmp_path: Path):
    with qtbot.waitSignal(window.loading_finished, timeout=1000):
        window.open_folder(tmp_path)
    assert window.model.rowCount() == 0
    assert window.statusBar().currentMessage() == "没有找到 PDF 文件"


def test_opening_another_folder_drops_the_first_one_s_late_results(qtbot, window: MainWindow, tmp_path: Path,
                                                                    make_pdf):
    make_pdf([["# 只有这一篇", "正文一段。"]], name="only.pdf")
    window.open_demo()
    with qtbot.waitSignal(window.loading_finished, timeout=LOAD_TIMEOUT_MS):
        window.open_folder(tmp_path)

    assert [Path(r.file).name for r in rows(window.model)] == ["only.pdf"]
    assert "已读取 1 个文件" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.pool.activeThreadCount() == 0)
    assert window.progress.isHidden()


def test_closing_while_loading_stops_the_worker(qtbot, window: MainWindow):
    window.open_demo()
    window.close()
    assert window.pool.activeThreadCount() == 0


def test_document_model_is_a_valid_qt_model(qtmodeltester):
    model = DocumentTableModel()
    model.append_rows([
        DocumentRow("关于印发管理办法的通知", "policy", 1, 2, "/tmp/a.pdf"),
        DocumentRow("区域科技政策协同度测度", "paper", 1, 3, "/tmp/b.pdf"),
    ])
    qtmodeltester.check(model)
    assert model.index(0, DocumentTableModel.TYPE).data() == "政策文件"
    assert model.index(1, DocumentTableModel.PAGES).data() == "1–3"


def rows(model: DocumentTableModel) -> list[DocumentRow]:
    return [model.index(r, 0).data(DocumentTableModel.RowRole) for r in range(model.rowCount())]
