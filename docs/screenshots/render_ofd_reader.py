"""Render docs/screenshots/reader-ofd-1366x768.png: an OFD page in the reader with a hit highlighted.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/render_ofd_reader.py

A library of the real OFD files (../shared/corpus/real/ofd) is built in a temporary folder; the search
`"同意张阿三同志辞职"` finds the red-header notice of 路桥区卫生局, whose first hit is opened in the reader:
the page painted from its OFD objects (desktop/reader/ofd_render.py) with the passage tinted and the
words marked. Settings and app data go to temporary folders.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_screenshots import OUT, REPO, settle, wait_for

OFD = REPO.parent / "shared" / "corpus" / "real" / "ofd"
QUERY = '"同意张阿三同志辞职"'


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from indexer.library.library import Library

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="hanlin-ofd-shot-") as folder:
        work = Path(folder)
        os.environ["HANLIN_DATA_DIR"] = str(work / "data")
        with Library.open(work / "library", create=True) as library:
            library.add([OFD])
        settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings)
        window.resize(1366, 768)
        window.show()
        window.open_library(work / "library")
        while window.pools.busy():
            settle(100)
        window.search_page.box.setText(QUERY)
        window.search.search(QUERY)
        wait_for(window.search.finished)
        view = window.search_page.results_view
        view.setCurrentIndex(window.search.results.index(0, 0, window.search.results.index(0, 0)))
        view.activated.emit(view.currentIndex())
        wait_for(window.reader.page_ready)
        settle(500)
        path = OUT / "reader-ofd-1366x768.png"
        window.grab().save(str(path))
        print(path.relative_to(REPO))
        window.close()
    app.quit()


if __name__ == "__main__":
    main()
