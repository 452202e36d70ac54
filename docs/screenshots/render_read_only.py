"""Render docs/screenshots/read-only-1366x768.png: the main window on a library installed from a bundle.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/render_read_only.py

The seed PDFs are indexed into a librarian's library, which is bundled with a key named 资料室 and
installed as a staff machine would (`hanlin bundle install`), all in a temporary folder (keys,
settings and app data too). The window searches `科技安全 风险` and opens the first hit; the
status bar shows the read-only badge. read-only-menu-1366x768.png is the screen with the
文献库 menu open: only 文献库状态… is left of the librarian's actions.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import render_screenshots as shots  # beside this script

SIZE = (1366, 768)
SIGNER = "资料室"


def install_bundle(work: Path) -> Path:
    """Index the seeds, bundle them signed by SIGNER and install the bundle; returns the installed library."""
    from indexer.bundles import bundle, keys
    os.environ[keys.CONFIG_DIR_ENV] = str(work / "config")
    keys.create_key(SIGNER)
    library = shots.build_library(work)
    bundle.create_bundle(library, work / "翰林库-2026-11.hlb", key_name=SIGNER)
    bundle.install_bundle(work / "翰林库-2026-11.hlb", work / "staff" / "翰林库")
    return work / "staff" / "翰林库"


def shoot(library: Path, work: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()
    window.open_library(library)
    while window.pools.busy() or window.access is None:
        shots.settle(100)
    window.search_page.box.setText(shots.QUERY)
    window.search.search(shots.QUERY)
    shots.wait_for(window.search.finished)
    if window.search.results.is_streaming():
        shots.wait_for(window.search.results.streaming_finished)
    view = window.search_page.results_view
    view.setCurrentIndex(window.search.results.index(0, 0, window.search.results.index(0, 0)))
    view.activated.emit(view.currentIndex())
    shots.wait_for(window.reader.page_ready)
    shots.capture(window, f"read-only-{SIZE[0]}x{SIZE[1]}.png")

    menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("文献库"))
    window.menuBar().setActiveAction(menu.menuAction())
    shots.settle(500)
    path = HERE / f"read-only-menu-{SIZE[0]}x{SIZE[1]}.png"
    QApplication.primaryScreen().grabWindow(0).copy(window.frameGeometry().adjusted(0, 0, 0, -420)).save(str(path))
    print(path.relative_to(shots.REPO))
    menu.close()
    window.close()


def main() -> int:
    return shots.run_in_app("hanlin-read-only-", lambda work: shoot(install_bundle(work), work))


if __name__ == "__main__":
    sys.exit(main())
