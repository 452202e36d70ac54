"""Librarian actions from the GUI: indexing with progress, failures, cancel, re-index, status, demo."""

from __future__ import annotations

from pathlib import Path

from desktop.librarian.controller import Progress
from desktop.librarian.views import FailuresDialog, ProgressPanel, StatusDialog, clock
from desktop.main_window import MainWindow
from desktop.resources import demo_library_dir
from indexer.library.library import IndexSummary

INDEX_TIMEOUT_MS = 240_000


def index(qtbot, window: MainWindow, paths: list[str]) -> IndexSummary:
    progress = []
    window.librarian.progressed.connect(progress.append)
    with qtbot.waitSignal(window.librarian.finished, timeout=INDEX_TIMEOUT_MS) as blocker:
        window.add_paths(paths)
        assert window.progress.isVisible()
    window.librarian.progressed.disconnect(progress.append)
    window._progress_seen = progress
    return blocker.args[0]


def test_adding_a_folder_indexes_it_reports_progress_and_failures(qtbot, make_window, seed_copy: Path,
                                                                  data_dir: Path):
    (seed_copy / "broken.pdf").write_bytes(b"not a pdf at all")
    window = make_window()
    summary = index(qtbot, window, [str(seed_copy)])
    assert len(summary.indexed) == len(list(seed_copy.glob("*.pdf"))) - 1
    assert [Path(f.path).name for f in summary.failed] == ["broken.pdf"]
    assert window.session.root == data_dir / "library"
    assert window.progress.isHidden()
    assert window._progress_seen and window._progress_seen[-1].files_total >= 1
    assert "失败" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.librarian.failures.rowCount() == 1)
    failure = window.librarian.failures.failures()[0]
    assert Path(failure.path).name == "broken.pdf" and failure.reason == "not_pdf"
    assert "(" in failure.message  # Chinese with the English in brackets


def test_reindex_skips_unchanged_files_and_drops_removed_ones(qtbot, make_window, seed_copy: Path):
    window = make_window()
    index(qtbot, window, [str(seed_copy)])
    removed = min(seed_copy.glob("*.pdf"))
    removed.unlink()
    with qtbot.waitSignal(window.librarian.finished, timeout=INDEX_TIMEOUT_MS) as blocker:
        assert window.librarian.reindex()
    summary = blocker.args[0]
    assert summary.indexed == [] and summary.pruned == 1


def test_a_second_run_waits_for_the_first(qtbot, make_window, seed_copy: Path):
    window = make_window()
    with qtbot.waitSignal(window.librarian.finished, timeout=INDEX_TIMEOUT_MS):
        window.add_paths([str(seed_copy)])
        window.add_paths([str(seed_copy)])
        assert "另一项索引" in window.last_error


def test_cancel_stops_the_run(qtbot, make_window, seed_copy: Path):
    window = make_window()
    with qtbot.waitSignal(window.librarian.finished, timeout=INDEX_TIMEOUT_MS) as blocker:
        window.add_paths([str(seed_copy)])
        window.progress.cancel_button.click()
    summary = blocker.args[0]
    assert summary.cancelled
    assert "已取消" in window.statusBar().currentMessage()


def test_status_and_failures_dialogs(qtbot, make_window, seed_library: Path):
    window = make_window()
    window.open_library(seed_library)
    with qtbot.waitSignal(window.librarian.status_ready, timeout=30_000) as blocker:
        window.librarian.load_status()
    dialog = StatusDialog(blocker.args[0], window)
    qtbot.addWidget(dialog)
    assert int(dialog.values["段落"]) > 100
    failures = FailuresDialog(window.librarian.failures, window)
    qtbot.addWidget(failures)
    assert failures.table.model().rowCount() == 0


def test_progress_panel_shows_rate_and_time_left(qtbot):
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.start("正在索引…")
    assert panel.isVisibleTo(None) or not panel.isHidden()
    panel.update_progress(Progress(3, 10, 1, 42, 0.3, 5.25, 75, "/d/a.pdf"))
    text = panel.label.text()
    assert "3/10" in text and "5.2 页/秒" in text and "1:15" in text and "失败 1" in text
    assert panel.bar.value() == 300
    assert clock(None) == "--:--" and clock(3725) == "1:02:05"


def test_first_start_offers_the_demo_and_builds_it_in_the_data_folder(qtbot, make_window, data_dir: Path):
    window = make_window()
    with qtbot.waitSignal(window.librarian.finished, timeout=INDEX_TIMEOUT_MS) as blocker:
        window.welcome.demo_button.click()
    assert len(blocker.args[0].indexed) == 3
    assert window.session.root == demo_library_dir() == data_dir / "demo-library"
    assert "内置示例库" in window.windowTitle()
    again = make_window()
    again.open_demo()
    assert not again.librarian.is_running()  # built once


def test_searching_while_the_demo_is_being_built_never_fails(qtbot, make_window, data_dir: Path):
    """The README's first command: a search typed before the demo library is built is answered
    (empty, with a word that the library is being built), never an error; it runs again at the end."""
    window = make_window()
    failures, answers = [], []
    window.search.failed.connect(failures.append)
    window.search.finished.connect(answers.append)
    window.welcome.demo_button.click()
    answered_while_building = 0
    while window.librarian.is_running():
        before = len(answers)
        window.search.search("数据")
        qtbot.waitUntil(lambda before=before: len(answers) > before or bool(failures), timeout=30_000)
        assert failures == [] and window.last_error == ""
        if not answers[-1].results.hits:
            answered_while_building += 1
            assert "正在建立" in window.search_page.summary.text()
    assert answered_while_building >= 1
    qtbot.waitUntil(lambda: bool(answers[-1].results.hits), timeout=30_000)
    assert failures == [] and window.last_error == ""
    assert "篇文档相符" in window.search_page.summary.text()
