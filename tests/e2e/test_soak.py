"""Soak: 2,000 searches from 4 threads while a librarian re-indexes in the background.

A library holds a few stable documents and one "live" document the librarian rewrites again
and again (through `Library.add`, the same call the GUI's write worker makes); each revision
carries its own marker word. Two searcher threads share one `SearchIndex` (as the GUI does), two
have their own. A seqlock tells a searcher whether no revision was being written while it
searched; then the result must be exact: the current marker found, no older one (stale) and no
passage twice (duplicated). In every search, whatever the timing, exactly one revision of the
live document is visible (a commit is atomic) and the stable query finds the same passages.

Pacing (condition variables, no sleeping): each searcher spreads its searches over the
revisions, waiting at the start of each quarter for revision 1, 2, 3, 4 to be committed, and the
librarian waits after each commit until the searchers have checked it a few times, so that the
searches run both while revisions are written and between them, and at least four revisions are
checked exactly however slow the machine is.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from indexer.library.library import Library
from indexer.search import SearchIndex

MARKERS = ["银杏", "梧桐", "松柏", "杨柳", "桃李", "芙蓉", "牡丹", "海棠", "丁香", "茉莉", "玉兰", "紫薇"]
SEARCHES = 2000
THREADS = 4
MIN_REVISIONS = 4
#: Exact checks the searchers make on each committed revision before the librarian writes the next.
CHECKS_PER_REVISION = 20
STABLE_QUERY = "数据安全法"
MARKER_QUERY = " | ".join(f'"{m}"' for m in MARKERS)


def write_pdf(path: Path, lines: list[str]) -> None:
    """Write a one-page PDF atomically (the librarian never exposes a half-written file)."""
    temp = path.with_suffix(".tmp")
    canvas = Canvas(str(temp), pagesize=A4, invariant=1)
    for number, line in enumerate(lines):
        canvas.setFont("STSong-Light", 16 if number == 0 else 10.5)
        canvas.drawString(56, 780 - 30 * number, line)
    canvas.showPage()
    canvas.save()
    os.replace(temp, path)


def live_lines(revision: int) -> list[str]:
    marker = MARKERS[revision % len(MARKERS)]
    return [f"馆藏通告第{revision}期", f"本期主题：{marker}。科技安全治理要点汇编。"]


class Librarian(threading.Thread):
    """Rewrites the live document and re-indexes it until told to stop (and at least N times)."""

    def __init__(self, root: Path, live: Path, stop: threading.Event):
        super().__init__(name="librarian", daemon=True)
        self.root, self.live, self.stop = root, live, stop
        self.seq = 0  # odd while a revision is being written
        self.current = 0
        self.revisions = 0
        self.error: BaseException | None = None
        self.changed = threading.Condition()
        self.checks: dict[int, int] = {}

    def wait_for_revision(self, revision: int) -> None:
        with self.changed:
            self.changed.wait_for(lambda: self.current >= revision or self.error is not None, timeout=60)

    def checked(self, revision: int) -> None:
        with self.changed:
            self.checks[revision] = self.checks.get(revision, 0) + 1
            self.changed.notify_all()

    def _committed(self, revision: int) -> None:
        with self.changed:
            self.current = revision
            self.seq += 1
            self.revisions += 1
            self.changed.notify_all()
            self.changed.wait_for(lambda: self.checks.get(revision, 0) >= CHECKS_PER_REVISION or self.stop.is_set(),
                                  timeout=30)

    def run(self) -> None:
        try:
            with Library.open(self.root) as library:
                revision = 0
                while not self.stop.is_set() or self.revisions < MIN_REVISIONS:
                    revision += 1
                    self.seq += 1
                    write_pdf(self.live, live_lines(revision))
                    summary = library.add([self.live], workers=1)
                    assert len(summary.indexed) == 1, summary
                    self._committed(revision)
        except BaseException as exc:  # noqa: BLE001 -- reported by the test
            self.error = exc
            with self.changed:
                self.changed.notify_all()


def markers_in(results) -> set[str]:
    return {m for h in results.hits for m in MARKERS if m in h.text}


def searcher(index: SearchIndex, librarian: Librarian, count: int, stable: set[str], errors: list, checked: list,
             overlapped: list):
    try:
        for n in range(count):
            if n % (count // MIN_REVISIONS) == 0:  # each quarter starts on the next committed revision
                librarian.wait_for_revision(n // (count // MIN_REVISIONS) + 1)
            if n % 2:
                results = index.search(STABLE_QUERY, limit=50)
                ids = [h.passage_id for h in results.hits]
                assert len(ids) == len(set(ids)), f"duplicated hit: {ids}"
                assert set(ids) == stable, f"stable query changed: {sorted(ids)} != {sorted(stable)}"
                continue
            before, current = librarian.seq, librarian.current
            results = index.search(MARKER_QUERY, limit=50)
            after = librarian.seq
            ids = [h.passage_id for h in results.hits]
            assert len(ids) == len(set(ids)), f"duplicated hit: {ids}"
            seen = markers_in(results)
            assert len(seen) == 1, f"not exactly one revision visible: {seen}"
            if before != after or before % 2:
                overlapped.append(1)
            if before == after and before % 2 == 0:
                expected = MARKERS[current % len(MARKERS)]
                assert seen == {expected}, f"stale hit: saw {seen}, revision {current} ({expected}) is committed"
                checked.append(current)
                librarian.checked(current)
    except BaseException as exc:  # noqa: BLE001 -- reported by the test
        errors.append(exc)


def test_searches_during_reindexing_see_no_error_no_stale_and_no_duplicate_hit(tmp_path: Path):
    started = time.monotonic()
    pdfs, root = tmp_path / "pdfs", tmp_path / "library"
    pdfs.mkdir()
    for n in range(4):
        write_pdf(pdfs / f"stable-{n}.pdf", [f"数据安全法实施情况研究之{n}", "本文分析数据安全法实施以来分类分级保护制度。"])
    live = pdfs / "live.pdf"
    write_pdf(live, live_lines(0))
    with Library.open(root, create=True) as library:
        library.add([pdfs], workers=1)
    shared = SearchIndex.open(root / "index", create=False)
    own = [SearchIndex.open(root / "index", create=False) for _ in range(THREADS // 2)]
    stable = {h.passage_id for h in shared.search(STABLE_QUERY, limit=50).hits}
    assert len(stable) >= 4

    stop = threading.Event()
    librarian = Librarian(root, live, stop)
    errors: list[BaseException] = []
    checked: list[int] = []
    overlapped: list[int] = []
    indexes = [shared, shared, *own]
    threads = [threading.Thread(target=searcher, args=(indexes[i], librarian, SEARCHES // THREADS, stable, errors,
                                                       checked, overlapped), name=f"searcher-{i}") for i in range(THREADS)]
    librarian.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    stop.set()
    librarian.join(timeout=240)
    elapsed = time.monotonic() - started

    assert not librarian.is_alive() and not any(t.is_alive() for t in threads)
    assert librarian.error is None, repr(librarian.error)
    assert errors == [], errors[:3]
    assert librarian.revisions >= MIN_REVISIONS
    assert len(set(checked)) >= MIN_REVISIONS, f"too few exact checks across revisions: {sorted(set(checked))}"
    assert len(overlapped) >= 100, "too few searches ran while a revision was being written"
    final = shared.search(MARKER_QUERY, limit=50)
    assert markers_in(final) == {MARKERS[librarian.current % len(MARKERS)]}
    with Library.open(root) as library:
        assert library.search_index().doc_count() == library.catalog.count_indexed_passages()
    for index in (shared, *own):
        index.close()
    print(f"soak: {SEARCHES} searches, {librarian.revisions} revisions, {len(checked)} exact checks, "
          f"{len(overlapped)} marker searches during a write, {elapsed:.1f} s")
