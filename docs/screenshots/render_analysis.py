"""Render the 分析 window's screenshots and a digest with inserted charts.

    Xvfb :57 -screen 0 1366x768x24 & DISPLAY=:57 openbox &
    DISPLAY=:57 QT_QPA_PLATFORM=xcb .venv/bin/python docs/screenshots/render_analysis.py \
        [--library DIR] [--bursts-library bench/out/gui/library]

Writes analysis-{overview,people,timeline,network}-1366x768.png from a library of the seed PDFs and
some files of the real corpus (built in a temporary folder unless --library names one; the files of
`tests/unit/insight_library.py`), and analysis-bursts-1366x768.png from --bursts-library (the GUI
benchmark's synthetic library: its documents span many years, which burst detection needs; else the
same library). Then two charts are inserted into a digest, exported to DOCX and PDF, and rendered
to PNG (LibreOffice for the DOCX, pdftoppm): digest-figure-docx-N.png and digest-figure-pdf-N.png.
Settings and app data go to temporary folders.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
TABS = ("overview", "people", "timeline", "network", "bursts")


def wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main_window(library: Path, work: Path):
    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    window = MainWindow(Settings(QSettings(str(work / "s.ini"), QSettings.Format.IniFormat)))
    window.resize(1366, 768)
    window.show()
    window.open_library(library)
    wait(1500)
    return window


def analyse(window):
    analysis = window.analysis.open(search=False)
    analysis.showMaximized()
    wait(300)
    while analysis.controller.is_running():
        wait(50)
    wait(600)
    return analysis


def shoot(app, analysis, tabs: list[int]) -> None:
    for index in tabs:
        analysis.tabs.setCurrentIndex(index)
        wait(600)
        path = OUT / f"analysis-{TABS[index]}-1366x768.png"
        app.primaryScreen().grabWindow(0).save(str(path))
        print("saved", path)


def digest(window, analysis, work: Path) -> None:
    from userdata.digest.export import write
    from userdata.digest.render import render

    for index in (0, 3):
        analysis.tabs.setCurrentIndex(index)
        wait(300)
        analysis.digest_button.click()
    controller = window.digest.controller
    document = render(controller.store, controller.current_id)
    for fmt in ("docx", "pdf"):
        write(document, fmt, work / f"digest.{fmt}")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work / "docx"),
                    str(work / "digest.docx")], check=True, capture_output=True, timeout=180)
    for name, pdf in (("docx", work / "docx" / "digest.pdf"), ("pdf", work / "digest.pdf")):
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(OUT / f"digest-figure-{name}")], check=True)
    print("saved", sorted(p.name for p in OUT.glob("digest-figure-*.png")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path)
    parser.add_argument("--bursts-library", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hanlin-analysis-shots-"))
    os.environ["HANLIN_DATA_DIR"] = str(work / "data")
    sys.path.insert(0, str(REPO))
    library = args.library
    if library is None:
        from tests.unit.insight_library import build

        library = build(work / "seeds", REPO.parent / "shared" / "corpus")
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import install_translators

    app = QApplication(sys.argv[:1])
    keep = install_translators(app, "zh_CN")  # noqa: F841 -- alive while the app is
    window = main_window(library, work)
    analysis = analyse(window)
    shoot(app, analysis, [0, 1, 2, 3] if args.bursts_library else [0, 1, 2, 3, 4])
    digest(window, analysis, work)
    if args.bursts_library:
        window.open_library(args.bursts_library)
        wait(2000)
        analysis = analyse(window)
        shoot(app, analysis, [4])
    window.analysis.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
