"""Render the screenshots in docs/screenshots/ from a library of the seed PDFs.

    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/render_screenshots.py

For each size (1366×768 and 1920×1080) the main window is shown at that size and captured:
after the search `科技安全 风险` (search-WxH.png), with the first hit open in the reader
(reader-WxH.png), the Notes view with two notes made on that passage (notes-WxH.png), and the
digest panel holding a digest of several quotations from hits, with those notes, a commentary
and its live preview (digest-WxH.png). The library is built once in a temporary folder (or pass
--library DIR); settings and app data go to temporary folders too, so the user's own are never
touched. --lang en renders English; --only digest (search, reader, notes) writes only those.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
OUT = Path(__file__).resolve().parent
SIZES = ((1366, 768), (1920, 1080))
QUERY = "科技安全 风险"


def run_in_app(prefix: str, shoot: Callable[[Path], None]) -> int:
    """`shoot(work)` in a QApplication named as the app is, with a scratch folder `work` (prefixed
    `prefix`, holding the user data) removed afterwards: the frame of the one-picture scripts."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["HANLIN_DATA_DIR"] = str(work / "data")
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("Hanlin")
    app.setApplicationName("Hanlin")
    try:
        shoot(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def build_library(work: Path) -> Path:
    """Index the seed PDFs into a library under `work`."""
    from indexer.library.library import Library

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


ONLY: set[str] = set()  # --only: the captures to write (all when empty)
MARK_FIRST_HIT = False  # only in a library this script built


def capture(window, name: str) -> Path | None:
    if ONLY and name.split("-")[0] not in ONLY:
        return None
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
    if MARK_FIRST_HIT:  # a library built here: the librarian's 设置密级… on the first hit (shown in the reader)
        from desktop.digest.jobs import write_mark

        write_mark(library, window.search.results.hits()[0].doc_id, "内部")
    view.setCurrentIndex(window.search.results.index(0, 0, window.search.results.index(0, 0)))
    view.activated.emit(view.currentIndex())
    wait_for(window.reader.page_ready)
    capture(window, f"reader-{suffix}.png")
    if window.notes is not None:
        add_notes(window)
        window.show_notes()
        settle(800)
        capture(window, f"notes-{suffix}.png")
    if window.digest.controller is not None:
        make_digest(window)
        window.digest.show_panel()
        while window.digest.panel.preview.pending() or window.pools.busy():
            settle(100)
        capture(window, f"digest-{suffix}.png")
    window.close()


NOTES = (
    (0, 14, "<p>把科技情报作为<b>安全治理</b>的前哨：建议对照本省重点产业链梳理监测清单。</p>",
     ("科技安全", "情报"), "支持"),
    (40, 62, "<p>“应急处置效能”未给出量化指标，需<i>持续关注</i>后续实施细则。</p>", ("应急", "风险"), "关注"),
)


def add_notes(window) -> None:
    """Notes on the passage open in the reader, as a user would make with Ctrl+N and the editor."""
    from desktop.reader.data import selection_of

    reader = window.reader
    passage, text = reader.current, reader.view.pages[reader.current.page]
    for start, end, body, tags, stance in NOTES:
        selection = selection_of(reader.view.doc.file_sha256, passage.page, text, passage.start + start,
                                 passage.start + end)
        note = window.notes.add_note(selection, reader.view.doc.title)
        window.notes.update_note(note.id, body_html=body, body_text=re.sub(r"<[^>]+>", "", body),
                                 tags=tags, stance=stance)
    window.notes_view.select_note(note.id)


#: (heading, commentary, ((query, result row, passage row), ...)) of the digest shown.
DIGEST_PARTS = (
    ("总体形势", "", (("科技安全 风险", 0, 0), ("科技安全 风险", 1, 0), ("新质生产力", 0, 0))),
    ("外部挑战与产业安全", "编者按：以下摘录近期文献中关于出口管制、半导体产业链和科技开放合作的判断，供研判参考。",
     (("出口管制", 1, 0), ("半导体 产业链", 0, 0), ("出口管制", 0, 0))),
)


def make_digest(window) -> None:
    """A digest of passages found by searching, as a user would add them from the results (加入摘编)."""
    from desktop.digest import jobs
    from desktop.search.results_model import ResultsModel

    digests = window.digest.controller
    digests.create_digest("科技安全专题摘编", issue="2026年第3期", compiler="政策研究室",
                          organisation="科技情报研究所", date="2026-04-20")
    for heading, commentary, picks in DIGEST_PARTS:
        section = digests.add_section(heading)
        digests.target_section_id = section.id
        if commentary:
            digests.add_commentary(section.id, commentary)
        for query, doc_row, passage_row in picks:
            window.search.search(query)
            wait_for(window.search.finished)
            results = window.search.results
            if results.is_streaming():
                wait_for(results.streaming_finished)
            if results.rowCount() <= doc_row:
                continue
            ref = results.index(passage_row, 0, results.index(doc_row, 0)).data(ResultsModel.PassageRole)
            digests.add_pending(jobs.quote_from_passage(window.session, ref.doc_id, ref.passage_id))
    digests.update_cover(digests.current_id, mark="内部")
    panel = window.digest.panel
    panel.outline.select(panel.model.index(0, 0, panel.model.index(0, 0)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, help="a library to use instead of indexing the seeds")
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--only", action="append", choices=("search", "reader", "notes", "digest"),
                        help="write only these screenshots (repeatable)")
    args = parser.parse_args()
    ONLY.update(args.only or ())
    global MARK_FIRST_HIT
    MARK_FIRST_HIT = args.library is None
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
