"""Render docs/screenshots/question-1366x768.png: a question with an abbreviation on a long document.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/render_question.py

The 228-page 人民日报 compilation of the shared corpus is indexed into a temporary library (OCR
off: its text layer is whole). The window asks
`浦口经开区的IC测试设备是什么型号`: the line under the summary says what else was searched
(经开区 → 经济技术开发区/经济开发区, IC → 集成电路), and the first hit, opened in the reader, is
the passage on page 187 that names the models. Settings and app data go to temporary folders.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import render_screenshots as shots  # beside this script

SIZE = (1366, 768)
REAL = shots.REPO.parent / "shared" / "corpus" / "real"
FILES = (REAL / "zh_news" / "人民日报_20251020_文章汇编_228p.pdf",)
QUESTION = "浦口经开区的IC测试设备是什么型号"


def build(work: Path) -> Path:
    from indexer.library.library import Library

    with Library.open(work / "library", create=True) as library:
        library.set_ocr_enabled(False)
        library.add([str(f) for f in FILES])
    return work / "library"


def shoot(library: Path, work: Path) -> None:
    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()
    window.open_library(library)
    while window.pools.busy():
        shots.settle(100)
    window.search_page.box.setText(QUESTION)
    window.search.search(QUESTION)
    shots.wait_for(window.search.finished)
    if window.search.results.is_streaming():
        shots.wait_for(window.search.results.streaming_finished)
    view = window.search_page.results_view
    view.setCurrentIndex(window.search.results.index(0, 0, window.search.results.index(0, 0)))
    view.activated.emit(view.currentIndex())
    shots.wait_for(window.reader.page_ready)
    shots.capture(window, f"question-{SIZE[0]}x{SIZE[1]}.png")
    window.close()


def main() -> int:
    return shots.run_in_app("hanlin-question-", lambda work: shoot(build(work), work))


if __name__ == "__main__":
    sys.exit(main())
