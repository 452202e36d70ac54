"""Check the dialogs and menus at 1366×768 on a real X server: capture each one, whole screen.

    docs/screenshots/render_dialogs.py is run on an X display (Xvfb 1366×768 with openbox, Qt's xcb
    platform), e.g.  DISPLAY=:57 QT_QPA_PLATFORM=xcb .venv/bin/python docs/screenshots/render_dialogs.py OUT

With the seed PDFs and a broken file indexed into a temporary library, the window opened at the
size it picks for the screen, it captures into OUT: the progress panel while indexing, the
results with the facets, a hit's context menu, the reader with a hit (the passage tinted and the
words marked), the page's context menu, 设置密级, the failed files and their menu, 文献库状态,
关于, the 最近打开 menu, the offer to make a library of a folder of PDFs, the rebuild offer, the
署名 question and the digest's cover form. Settings and app data go to temporary folders.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
QUERY = "科技安全 风险"


def settle(ms: int = 300) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(signal, timeout_ms: int = 240_000) -> list:
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


class Shooter:
    def __init__(self, out: Path):
        self.out = out
        out.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str, ms: int = 400) -> None:
        from PySide6.QtGui import QGuiApplication

        settle(ms)
        path = self.out / f"{name}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        print(path)


def top_dialog(kind):
    from PySide6.QtWidgets import QApplication

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return shown[-1] if shown else None


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "bench" / "out" / "dialogs"
    work = Path(tempfile.mkdtemp(prefix="hanlin-dialogs-"))
    os.environ["HANLIN_DATA_DIR"] = str(work / "data")
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QPoint, QSettings
    from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMenu, QMessageBox

    import hanlin_resources  # noqa: F401
    from desktop.app import app_icon
    from desktop.i18n import install_translators
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("Hanlin")
    app.setApplicationName("Hanlin")
    app.setDesktopFileName("hanlin")
    app.setWindowIcon(app_icon())
    translators = install_translators(app, "zh_CN")  # noqa: F841
    shot = Shooter(out)
    pdfs = work / "pdfs"
    shutil.copytree(SEEDS, pdfs, ignore=shutil.ignore_patterns("*.json"))
    (pdfs / "损坏的文件_传输中断.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    settings.recent_libraries = [str(work / "旧文献库（已删除）")]
    window = MainWindow(settings)
    window.show()
    settle(800)
    window.open_library(work / "library")
    window.librarian.add([str(pdfs)])
    wait_for(window.librarian.progressed)
    settle(2500)
    shot("01-progress")
    wait_for(window.librarian.finished)
    while window.pools.busy():
        settle(100)
    window.search_page.box.setText(QUERY)
    window.search.search(QUERY)
    wait_for(window.search.finished)
    shot("02-search")
    view = window.search_page.results_view
    first = window.search.results.index(0, 0)
    view.customContextMenuRequested.emit(view.visualRect(first).center())
    shot("03-hit-menu")
    view.findChild(QMenu, "resultsMenu").close()
    passage = window.search.results.index(0, 0, first)
    view.setCurrentIndex(passage)
    view.activated.emit(passage)
    wait_for(window.reader.page_ready)
    shot("04-reader")
    canvas = window.reader.pdf.canvas
    canvas.customContextMenuRequested.emit(QPoint(200, 200))
    shot("05-page-menu")
    canvas.findChild(QMenu, "pageMenu").close()
    window.digest.set_mark_of(window.search.results.hits()[0].doc_id)
    while top_dialog(QDialog) is None:
        settle(100)
    shot("06-mark-dialog")
    top_dialog(QDialog).reject()
    window.show_failures()
    shot("07-failures")
    dialog = top_dialog(QDialog)
    table = dialog.table
    table.customContextMenuRequested.emit(table.visualRect(table.model().index(0, 0)).center())
    shot("08-failures-menu")
    table.findChild(QMenu, "failuresMenu").close()
    dialog.reject()
    window.show_status()
    settle(1000)
    shot("09-status")
    top_dialog(QDialog).reject()
    window.show_about()
    shot("10-about")
    top_dialog(QMessageBox).accept()
    window.menuBar().actions()[0].menu().popup(window.mapToGlobal(QPoint(0, 20)))
    settle(300)
    window.recent_menu.popup(window.mapToGlobal(QPoint(260, 40)))
    shot("11-recent")
    window.recent_menu.close()
    window.menuBar().actions()[0].menu().close()
    folder = work / "一批新资料"
    folder.mkdir()
    for pdf in sorted(pdfs.glob("00[0-2]*.pdf")):
        shutil.copy(pdf, folder / pdf.name)
    window.open_folder(str(folder))
    while top_dialog(QMessageBox) is None:
        settle(100)
    shot("12-offer-library")
    top_dialog(QMessageBox).reject()
    from indexer.search import IndexNeedsRebuild

    window.offer_rebuild(IndexNeedsRebuild(f"{work / 'library' / 'index'}: 索引已损坏，需要重建 (the index is corrupt)"))
    shot("13-rebuild")
    top_dialog(QMessageBox).reject()
    window.ask_author_name()
    shot("14-author")
    top_dialog(QInputDialog).reject()
    window.digest.add_current_hit()
    settle(1500)
    window.digest.show_panel()
    shot("15-digest", 1500)
    window.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
