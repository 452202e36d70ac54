"""GUI benchmark: from Enter to the first results painted, and cold start to a usable window.

    .venv/bin/python bench/gui/bench_gui.py --readme bench/README.md
    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python bench/gui/bench_gui.py ...   # on a real X server

The library (default bench/out/gui/library) needs ≥ 100,000 passages. It is made once from
the search benchmark's corpus (`bench/out/search/corpus.json`, passages of the seed PDFs
replicated with perturbations; generated here with the same code if absent): the rows are
written to a catalogue, and the index is the search benchmark's Whoosh index when that
holds the same rows with the current schema (hard-linked), otherwise it is built from the
catalogue through `Library.sync_index` (about half an hour on two shared cores).

Measured in-process on the real `MainWindow` (offscreen unless a display is set):
- **first results**: for each of 50 queries (the search benchmark's word queries), the time
  from the Enter key in the search box to the results view's first paint with rows (or, when
  nothing matches, to the search's answer);
- **cold start**: a fresh interpreter started 5 times, from process start to the window shown
  and painted with the last library open (``usable``), and to the background warm-up done
  (index opened, word segmenter loaded: the first search is then as fast as the others).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEARCH_OUT = REPO / "bench" / "out" / "search"
DEFAULT_LIBRARY = REPO / "bench" / "out" / "gui" / "library"
MIN_PASSAGES = 100_000
START, END = "<!-- bench-gui:start -->", "<!-- bench-gui:end -->"


# ---------------------------------------------------------------------------- the library


def corpus_rows(passages: int) -> list[dict]:
    """The search benchmark's corpus rows (made with its generator when absent)."""
    path = SEARCH_OUT / "corpus.json"
    if not path.exists():
        sys.path.insert(0, str(REPO / "bench" / "search"))
        import random

        import bench_search

        rows = bench_search.make_corpus(bench_search.seed_passages(), passages, random.Random(11))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


def write_catalog(root: Path, rows: list[dict]) -> None:
    """Catalogue rows for the corpus: one file and one document per corpus document."""
    from indexer.catalog import DONE, OK, Catalog

    catalog = Catalog(root / "catalog.db")
    docs: dict[str, dict] = {}
    for row in rows:
        docs.setdefault(row["doc_id"], row)
    now = time.time()
    with catalog.db.atomic():
        catalog.db["files"].insert_all(({
            "sha256": r["file_sha256"], "path": r["file"], "size": 0, "pages": 10, "status": OK,
            "warnings": "[]", "documents": 1, "passages": 0, "extracted_at": now, "indexed_at": now,
            "index_state": DONE, "body_size": 10.5, "furniture": "{}"} for r in docs.values()), replace=True)
        catalog.db["documents"].insert_all(({
            "doc_id": r["doc_id"], "file_sha256": r["file_sha256"], "ordinal": 0, "title": r["title"],
            "authors": json.dumps(r["authors"], ensure_ascii=False), "source": r["source"], "keywords": "[]",
            "abstract": "", "year": r["year"], "doc_type": r["doc_type"], "doc_number": "", "first_page": 1,
            "last_page": 10} for r in docs.values()), replace=True)
        catalog.db["passages"].insert_all(({
            "passage_id": r["passage_id"], "doc_id": r["doc_id"], "file_sha256": r["file_sha256"],
            "ordinal": r["ordinal"], "page": r["page"], "end_page": r["end_page"], "start": r["start"],
            "end": r["end"], "text": r["text"]} for r in rows), replace=True)
        catalog.db["paths"].insert_all(({"path": r["file"], "sha256": r["file_sha256"], "size": 0,
                                         "mtime_ns": 0, "seen_at": now} for r in docs.values()), replace=True)
    catalog.close()


def reuse_search_index(root: Path, rows: int) -> bool:
    """Hard-link the search benchmark's index into the library if it holds `rows` passages of this schema."""
    from indexer.searchindex import SCHEMA_VERSION, IndexNeedsRebuild, SearchIndex

    source = SEARCH_OUT / "whoosh"
    try:
        index = SearchIndex.open(source, create=False)
    except (IndexNeedsRebuild, OSError):
        return False
    count = index.doc_count()
    index.close()
    if count != rows:
        return False
    target = root / "index"
    shutil.copytree(source, target, copy_function=os.link, ignore=shutil.ignore_patterns("*.tmp", "*LOCK"))
    from indexer.catalog import Catalog

    catalog = Catalog(root / "catalog.db")
    catalog.set_meta("index_schema_version", str(SCHEMA_VERSION))
    catalog.close()
    return True


def ensure_library(root: Path, passages: int) -> dict:
    """Make the benchmark library if it is missing; returns its counts."""
    from indexer.library import Library

    if not (root / "catalog.db").exists():
        root.mkdir(parents=True, exist_ok=True)
        rows = corpus_rows(passages)
        write_catalog(root, rows)
        if not reuse_search_index(root, len(rows)):
            from indexer.catalog import Catalog

            catalog = Catalog(root / "catalog.db")
            catalog.mark_all_pending()
            catalog.close()
            with Library.open(root) as library:
                library.rebuild_index("bench: building the GUI benchmark's index")
    with Library.open(root) as library:
        stats = library.catalog.stats()
    if stats["passages"] < MIN_PASSAGES:
        raise SystemExit(f"{root}: {stats['passages']} passages, the benchmark needs {MIN_PASSAGES}")
    return stats


# ---------------------------------------------------------------------------- first results


def wait(signal, timeout_ms: int = 120_000) -> float:
    """Run the event loop until `signal` fires; the time it fired (perf_counter)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop, when = QEventLoop(), []

    def fired(*_):
        when.append(time.perf_counter())
        loop.quit()

    signal.connect(fired)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(fired)
    if not when:
        raise TimeoutError(f"{signal} did not fire within {timeout_ms} ms")
    return when[0]


def first_results(root: Path, queries: list[str], work: Path) -> dict:
    """Enter → first results painted, per query, in one app."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = MainWindow(Settings(QSettings(str(work / "bench.ini"), QSettings.Format.IniFormat)))
    window.resize(1366, 768)
    window.show()
    window.open_library(root)
    while window.pools.busy():  # the warm-up search
        app.processEvents()
    box, view = window.search_page.box, window.search_page.results_view
    times, engine, hits = [], [], []
    for query in queries:
        box.setText(query)
        painted, answered = [], []

        def on_painted(painted=painted):
            painted.append(time.perf_counter())

        def on_answered(outcome, answered=answered):
            answered.append(outcome)

        view.first_rows_painted.connect(on_painted)
        window.search.finished.connect(on_answered)
        started = time.perf_counter()
        QTest.keyClick(box, Qt.Key.Key_Return)
        while not painted and not (answered and not answered[0].results.hits):
            app.processEvents()
        done = painted[0] if painted else time.perf_counter()
        view.first_rows_painted.disconnect(on_painted)
        window.search.finished.disconnect(on_answered)
        times.append((done - started) * 1000)
        engine.append(answered[0].results.elapsed_ms)
        hits.append(len(answered[0].results.hits))
    window.close()
    return {"ms": times, "engine_ms": engine, "hits": hits}


# ---------------------------------------------------------------------------- cold start

CHILD = r"""
import json, os, sys, time
started = float(os.environ["BENCH_STARTED"])
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
from desktop.app import build_parser, create_window
from desktop.i18n import install_translators
from desktop.settings import Settings
keep = install_translators(app, "zh_CN")
settings = Settings(QSettings(os.environ["BENCH_SETTINGS"], QSettings.Format.IniFormat))
window = create_window(build_parser().parse_args([]), settings)
window.show()
marks = {}
def painted():
    marks["usable_ms"] = (time.time() - started) * 1000
    def idle():
        if window.pools.busy():
            QTimer.singleShot(5, idle)
            return
        marks["warm_ms"] = (time.time() - started) * 1000
        print(json.dumps(marks), flush=True)
        window.close()
        app.quit()
    idle()
QTimer.singleShot(0, painted)
app.exec()
"""


def cold_start(root: Path, work: Path, runs: int = 5) -> list[dict]:
    """Start a fresh app `runs` times with `root` as the last library."""
    from PySide6.QtCore import QSettings

    from desktop.settings import Settings

    ini = work / "cold.ini"
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    settings.last_library = str(root)
    settings.sync()
    out = []
    for _ in range(runs):
        env = dict(os.environ, BENCH_STARTED=repr(time.time()), BENCH_SETTINGS=str(ini),
                   HANLIN_DATA_DIR=str(work / "data"))
        env.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
        run = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, env=env, capture_output=True, text=True,
                             timeout=300, check=True)
        out.append(json.loads(run.stdout.strip().splitlines()[-1]))
    return out


# ---------------------------------------------------------------------------- report


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def report(stats: dict, first: dict, cold: list[dict], platform: str) -> str:
    ms, engine = first["ms"], first["engine_ms"]
    usable = [c["usable_ms"] for c in cold]
    warm = [c["warm_ms"] for c in cold]
    gui = [m - e for m, e in zip(ms, engine, strict=True)]
    verdict = lambda value, target: "met" if value <= target else "**missed**"
    return "\n".join([
        (f"Library: {stats['passages']:,} passages in {stats['documents']:,} documents; Qt platform `{platform}`; "
        f"2 CPUs shared with other work; {time.strftime('%Y-%m-%d')}."),
        "",
        "| measure | p50 | p95 | max | target |",
        "| --- | --- | --- | --- | --- |",
        (f"| Enter → first results painted ({len(ms)} queries) | {pct(ms, 50):.0f} ms | {pct(ms, 95):.0f} ms | "
        f"{max(ms):.0f} ms | ≤ 150 ms p95: {verdict(pct(ms, 95), 150)} |"),
        (f"| of which the search itself (`elapsed_ms`) | {pct(engine, 50):.0f} ms | {pct(engine, 95):.0f} ms | "
        f"{max(engine):.0f} ms | |"),
        (f"| GUI share (painted − search), per query | {pct(gui, 50):.0f} ms | {pct(gui, 95):.0f} ms | "
         f"{max(gui):.0f} ms | |"),
        (f"| cold start → window usable, last library open ({len(cold)} runs) | {pct(usable, 50):.0f} ms | "
        f"{pct(usable, 95):.0f} ms | {max(usable):.0f} ms | ≤ 2 s: {verdict(pct(usable, 95), 2000)} |"),
        (f"| cold start → background warm-up done (first search at full speed) | {pct(warm, 50):.0f} ms | "
        f"{pct(warm, 95):.0f} ms | {max(warm):.0f} ms | |"),
        "",
        f"Median documents shown per query: {statistics.median(first['hits']):.0f}.",
    ])


def write_readme(readme: Path, text: str) -> None:
    content = readme.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in content:
        content = content[: content.index(START)] + block + content[content.index(END) + len(END):]
    else:
        content = content.rstrip("\n") + "\n\n## GUI\n\n" + __doc__.split("\n\n", 2)[2].strip() + "\n\n" + block + "\n"
    readme.write_text(content, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=DEFAULT_LIBRARY)
    parser.add_argument("--passages", type=int, default=MIN_PASSAGES)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--readme", type=Path)
    parser.add_argument("--report-only", action="store_true", help="report the last run's results.json again")
    args = parser.parse_args()
    if args.report_only:
        saved = json.loads((args.library.parent / f"{args.library.name}-results.json").read_text(encoding="utf-8"))
        text = report(ensure_library(args.library, args.passages), saved["first"], saved["cold"], saved["platform"])
        print(text)
        if args.readme:
            write_readme(args.readme, text)
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    sys.path.insert(0, str(REPO))
    stats = ensure_library(args.library, args.passages)
    queries = json.loads((SEARCH_OUT / "queries.json").read_text(encoding="utf-8"))["word"][: args.queries] \
        if (SEARCH_OUT / "queries.json").exists() else ["科技安全", "风险", "人工智能 治理"] * 17
    work = Path(tempfile.mkdtemp(prefix="hanlin-bench-gui-"))
    try:
        cold = cold_start(args.library, work)
        first = first_results(args.library, queries[: args.queries], work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(stats, first, cold, os.environ["QT_QPA_PLATFORM"])
    print(text)
    saved = {"first": first, "cold": cold, "platform": os.environ["QT_QPA_PLATFORM"]}
    (args.library.parent / f"{args.library.name}-results.json").write_text(json.dumps(saved), encoding="utf-8")
    if args.readme:
        write_readme(args.readme, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
