"""Render the screenshots in docs/screenshots/ from a library of the seed PDFs.

    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/render_screenshots.py

For each size (1366×768 and 1920×1080) the main window is shown at that size and captured:
after the search `科技安全 风险` (search-WxH.png), with the first hit open in the reader
(reader-WxH.png), and the Notes view with two notes made on that passage (notes-WxH.png).
The library is built once in a temporary folder (or pass --library DIR); settings and app data
go to temporary folders too, so the user's own are never touched. --lang en renders English.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
OUT = Path(__file__).resolve().parent
SIZES = ((1366, 768), (1920, 1080))
QUERY = "科技安全 风险"


def build_library(work: Path) -> Path:
    """Index the seed PDFs into a library under `work`."""
    from indexer.library import Library

    pdfs = work / "pdfs"
    shutil.copytree(SEEDS, pdfs, ignore=shutil.ignore_patterns("*.json"))
    with Library.open(work / "library", create=True) as library:
        library.add([pdfs])
    return work / "library"


def wait_for(signal, timeout_ms: int = 60_000) -> list:
    """Run the event loop until `signal` fires; returns its arguments."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop, got = QEventLoop(), []

    def fired(*args):
        got.append(args)
        loop.quit()

    signal.connect(fired)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(fired)
    if not got:
        raise TimeoutError(f"no {signal} within {timeout_ms} ms")
    return list(got[0])


def settle(ms: int = 300) -> None:
    """Let the window lay out and paint."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def capture(window, name: str) -> Path:
    settle()
    path = OUT / name
    window.grab().save(str(path))
    print(path.relative_to(REPO))
    return path


def shoot(library: Path, size: tuple[int, int], work: Path) -> None:
    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    os.environ["HANLIN_DATA_DIR"] = str(work / f"data-{size[0]}")  # notes of this size only
    settings = Settings(QSettings(str(work / f"settings-{size[0]}.ini"), QSettings.Format.IniFormat))
    settings.history = ["科技安全 风险", "数据安全", "人工智能 治理", "半导体 产业链"]
    window = MainWindow(settings)
    window.resize(*size)
    window.show()
    window.open_library(library)
    while window.pools.busy():  # the warm-up search and the status: a user would not type that fast
        settle(100)
    settle(300)
    suffix = f"{size[0]}x{size[1]}"
    window.search_page.box.setText(QUERY)
    window.search.search(QUERY)
    wait_for(window.search.finished)
    if window.search.results.is_streaming():
        wait_for(window.search.results.streaming_finished)
    capture(window, f"search-{suffix}.png")
    view = window.search_page.results_view
    view.setCurrentIndex(window.search.results.index(0, 0, window.search.results.index(0, 0)))
    view.activated.emit(view.currentIndex())
    wait_for(window.reader.page_ready)
    capture(window, f"reader-{suffix}.png")
    if window.notes is not None:
        add_notes(window)
        window.show_notes()
        settle(800)
        capture(window, f"notes-{suffix}.png")
    window.close()


NOTES = (
    (0, 14, "<p>把科技情报作为<b>安全治理</b>的前哨：建议对照本省重点产业链梳理监测清单。</p>",
     ("科技安全", "情报"), "支持"),
    (40, 62, "<p>“应急处置效能”未给出量化指标，需<i>持续关注</i>后续实施细则。</p>", ("应急", "风险"), "关注"),
)


def add_notes(window) -> None:
    """Notes on the passage open in the reader, as a user would make with Ctrl+N and the editor."""
    from desktop.reader_data import selection_of

    reader = window.reader
    passage, text = reader.current, reader.view.pages[reader.current.page]
    for start, end, body, tags, stance in NOTES:
        selection = selection_of(reader.view.doc.file_sha256, passage.page, text, passage.start + start,
                                 passage.start + end)
        note = window.notes.add_note(selection, reader.view.doc.title)
        window.notes.update_note(note.id, body_html=body, body_text=re.sub(r"<[^>]+>", "", body),
                                 tags=tags, stance=stance)
    window.notes_view.select_note(note.id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, help="a library to use instead of indexing the seeds")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hanlin-shots-"))
    os.environ["HANLIN_DATA_DIR"] = str(work / "data")
    sys.path.insert(0, str(REPO))
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import install_translators

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("Hanlin")
    app.setApplicationName("Hanlin")
    translators = install_translators(app, args.lang)  # noqa: F841 -- kept alive while shooting
    try:
        library = args.library or build_library(work)
        for size in SIZES:
            shoot(library, size, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
