"""GUI benchmark: from Enter to the first results painted, and cold start to a usable window.

    .venv/bin/python bench/gui/bench_gui.py --readme bench/README.md
    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python bench/gui/bench_gui.py ...   # on a real X server

The library (default bench/out/gui/library) needs ≥ 100,000 passages. It is made once from
the search benchmark's corpus (`bench/out/search/corpus.json`, passages of the seed PDFs
replicated with perturbations; generated here with the same code if absent): the rows are
written to a catalogue, and the index is the search benchmark's Whoosh index, hard-linked,
when that is a finished build (`whoosh_build.json` written after it) of the same number of
passages with the current schema. A library whose index is of an older schema gets that
index anew the same way. Otherwise the script stops and says so, unless `--build-index`
asks for the index to be built from the catalogue (about half an hour on two shared cores).

Measured in-process on the real `MainWindow` (offscreen unless a display is set):
- **first results**: for each of 50 queries (the search benchmark's word queries), the time
  from the Enter key in the search box to the results view's first paint with rows (or, when
  nothing matches, to the search's answer), split into the search itself (`elapsed_ms`), the
  hand-off (Enter → answer in the GUI thread, less the search: starting the worker, author
  counts, queueing) and the first rows (answer → painted: model, layout, paint). Each query
  starts from an idle window: the previous results have finished streaming in;
- **cold start**: a fresh interpreter started 5 times, from process start to the window shown
  and painted with the last library open (``usable``), and to the background warm-up done
  (index opened, word segmenter loaded: the first search is then as fast as the others).

`--busy-cores N` keeps N cores busy with spinning processes during both measurements, for
figures on a machine shared with other work that do not depend on what else happens to run.
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
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEARCH_OUT = REPO / "bench" / "out" / "search"
DEFAULT_LIBRARY = REPO / "bench" / "out" / "gui" / "library"
MIN_PASSAGES = 100_000
TAG = "bench-gui"


# ---------------------------------------------------------------------------- the library


def corpus_rows(passages: int) -> Iterator[dict]:
    """The search benchmark's corpus rows (`SEARCH_OUT/corpus.jsonl`; the replicated corpus is made
    with its generator when absent)."""
    path = SEARCH_OUT / "corpus.jsonl"
    if not path.exists():
        sys.path.insert(0, str(REPO / "bench" / "search"))
        import random

        import bench_search

        rows = bench_search.make_corpus(bench_search.seed_passages(), passages, random.Random(11))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def write_catalog(root: Path, rows: Callable[[], Iterator[dict]]) -> None:
    """Catalogue rows for the corpus (`rows()` read twice): one file and one document per corpus document."""
    from indexer.library.catalog import DONE, OK, Catalog

    catalog = Catalog(root / "catalog.db")
    docs: dict[str, dict] = {}
    for row in rows():
        docs.setdefault(row["doc_id"], {k: v for k, v in row.items() if k != "text"})
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
            "end": r["end"], "text": r["text"]} for r in rows()), batch_size=5000, replace=True)
        catalog.db["paths"].insert_all(({"path": r["file"], "sha256": r["file_sha256"], "size": 0,
                                         "mtime_ns": 0, "seen_at": now} for r in docs.values()), replace=True)
    catalog.close()


def index_usable(path: Path) -> bool:
    """Whether `path` holds an index this code can search (the current schema)."""
    from indexer.search import IndexNeedsRebuild, SearchIndex

    try:
        index = SearchIndex.open(path, create=False)
    except (IndexNeedsRebuild, OSError):
        return False
    index.close()
    return True


def search_index_finished() -> bool:
    """Whether the search benchmark's index build ended after its last change (not under way)."""
    source, stamp = SEARCH_OUT / "whoosh", SEARCH_OUT / "whoosh_build.json"
    if not stamp.exists() or not source.is_dir():
        return False
    changed = max((f.stat().st_mtime for f in source.iterdir() if f.is_file() and not f.name.endswith("LOCK")),
                  default=0.0)
    return stamp.stat().st_mtime >= changed


def reuse_search_index(root: Path, rows: int) -> bool:
    """Hard-link the search benchmark's index into the library if it holds `rows` passages of this schema."""
    from indexer.library.catalog import Catalog
    from indexer.search import SCHEMA_VERSION, SearchIndex

    source = SEARCH_OUT / "whoosh"
    if not search_index_finished() or not index_usable(source):
        return False
    index = SearchIndex.open(source, create=False)
    count = index.doc_count()
    index.close()
    if count != rows:
        return False
    target = root / "index"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, copy_function=os.link, ignore=shutil.ignore_patterns("*.tmp", "*LOCK"))
    catalog = Catalog(root / "catalog.db")
    catalog.set_meta("index_schema_version", str(SCHEMA_VERSION))
    catalog.close()
    return True


def catalog_stats(root: Path) -> dict:
    """The library's counts from its catalogue."""
    from indexer.library.catalog import Catalog

    catalog = Catalog(root / "catalog.db")
    try:
        return catalog.stats()
    finally:
        catalog.close()


def ensure_library(root: Path, passages: int, build: bool = False, optimize: bool = False) -> dict:
    """Make the benchmark library, or give it an index of the current schema (merged into one
    segment if `optimize`); returns its counts."""
    from indexer.library.catalog import Catalog
    from indexer.library.library import Library

    if not (root / "catalog.db").exists():
        root.mkdir(parents=True, exist_ok=True)
        write_catalog(root, lambda: corpus_rows(passages))
    if not index_usable(root / "index"):
        catalog = Catalog(root / "catalog.db")
        rows = catalog.stats()["passages"]
        catalog.close()
        if not reuse_search_index(root, rows):
            if not build:
                raise SystemExit(
                    f"{root}: no index of the current schema, and {SEARCH_OUT / 'whoosh'} is not a finished "
                    f"index of its {rows:,} passages to link (bench/search/bench_search.py --phase whoosh-build "
                    "makes one); --build-index builds the library's own (about half an hour)")
            catalog = Catalog(root / "catalog.db")
            catalog.mark_all_pending()
            catalog.close()
            with Library.open(root) as library:
                library.rebuild_index("bench: building the GUI benchmark's index")
    if optimize:
        from indexer.search import SearchIndex

        index = SearchIndex.open(root / "index", create=False)
        if index.segment_count() > 1:
            index.optimize()  # new files: the search benchmark's, hard-linked, stay as they are
        index.close()
    with Library.open(root) as library:
        stats = library.catalog.stats()
    if stats["passages"] < MIN_PASSAGES:
        raise SystemExit(f"{root}: {stats['passages']} passages, the benchmark needs {MIN_PASSAGES}")
    return stats


# ---------------------------------------------------------------------------- first results


def run_until(done, signals=(), timeout_ms: int = 120_000, poll_ms: int = 0) -> None:
    """Run the event loop until `done()`, checked when one of `signals` fires (or every `poll_ms`)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()

    def check(*_):
        if done():
            loop.quit()

    for signal in signals:
        signal.connect(check)
    poll = QTimer(interval=poll_ms) if poll_ms else None
    if poll is not None:
        poll.timeout.connect(check)
        poll.start()
    QTimer.singleShot(timeout_ms, loop.quit)
    if not done():
        loop.exec()
    for signal in signals:
        signal.disconnect(check)
    if poll is not None:
        poll.stop()
    if not done():
        raise TimeoutError(f"not done within {timeout_ms} ms")


def idle(ms: int) -> None:
    """Let the event loop run for `ms` milliseconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def first_results(root: Path, queries: list[str], work: Path) -> dict:
    """Enter → first results painted, per query, in one app, each query from an idle window."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    keep = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 -- alive while the window is
    window = MainWindow(Settings(QSettings(str(work / "bench.ini"), QSettings.Format.IniFormat)))
    window.resize(1366, 768)
    window.show()
    window.open_library(root)
    run_until(lambda: not window.pools.busy(), poll_ms=10)  # the warm-up search
    idle(200)
    runs = [one_query(window, query) for query in queries]
    window.close()
    return {key: [run[key] for run in runs] for key in ("ms", "engine_ms", "answered_ms", "hits")}


def one_query(window, query: str) -> dict:
    """Type `query`, press Enter, time the first rows painted; return once the results stopped streaming."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    box, view, search = window.search_page.box, window.search_page.results_view, window.search
    box.setText(query)
    marks: dict[str, float] = {}
    outcome = []

    def painted():
        marks.setdefault("painted", time.perf_counter())

    def answered(result):
        marks.setdefault("answered", time.perf_counter())
        outcome.append(result)

    def finished(_):
        marks.setdefault("finished", time.perf_counter())

    def shown() -> bool:
        return "finished" in marks and ("painted" in marks or not outcome[0].results.hits)

    view.first_rows_painted.connect(painted)
    search.answered.connect(answered)
    search.finished.connect(finished)
    started = time.perf_counter()
    QTest.keyClick(box, Qt.Key.Key_Return)
    run_until(shown, (view.first_rows_painted, search.finished))
    view.first_rows_painted.disconnect(painted)
    search.answered.disconnect(answered)
    search.finished.disconnect(finished)
    run_until(lambda: not search.results.is_streaming(), (search.results.streaming_finished,))
    idle(100)  # the last rows laid out and painted before the next query
    results = outcome[0].results
    done = marks["painted"] if results.hits else marks["answered"]
    return {"ms": (done - started) * 1000, "engine_ms": results.elapsed_ms,
            "answered_ms": (marks["answered"] - started) * 1000, "hits": len(results.hits)}


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


def report(stats: dict, first: dict, cold: list[dict], platform: str, load: list[float] | None = None,
           busy_cores: int = 0) -> str:
    ms, engine = first["ms"], first["engine_ms"]
    usable = [c["usable_ms"] for c in cold]
    warm = [c["warm_ms"] for c in cold]
    gui = [m - e for m, e in zip(ms, engine, strict=True)]
    verdict = lambda value, target: "met" if value <= target else "**missed**"
    return "\n".join([
        (f"Library: {stats['passages']:,} passages in {stats['documents']:,} documents; Qt platform `{platform}`; "
        f"{os.cpu_count()} CPUs shared with other work"
         + (f", {busy_cores} of them kept busy by the benchmark" if busy_cores else "")
         + (f" (load average {load[0]:.1f} at the start, {load[1]:.1f} at the end)" if load else "")
         + f"; {time.strftime('%Y-%m-%d')}."),
        "",
        "| measure | p50 | p95 | max | target |",
        "| --- | --- | --- | --- | --- |",
        (f"| Enter → first results painted ({len(ms)} queries) | {pct(ms, 50):.0f} ms | {pct(ms, 95):.0f} ms | "
        f"{max(ms):.0f} ms | ≤ 150 ms p95: {verdict(pct(ms, 95), 150)} |"),
        (f"| of which the search itself (`elapsed_ms`) | {pct(engine, 50):.0f} ms | {pct(engine, 95):.0f} ms | "
        f"{max(engine):.0f} ms | |"),
        (f"| GUI share (painted − search), per query | {pct(gui, 50):.0f} ms | {pct(gui, 95):.0f} ms | "
         f"{max(gui):.0f} ms | |"),
        *split_rows(first),
        (f"| cold start → window usable, last library open ({len(cold)} runs) | {pct(usable, 50):.0f} ms | "
        f"{pct(usable, 95):.0f} ms | {max(usable):.0f} ms | ≤ 2 s: {verdict(pct(usable, 95), 2000)} |"),
        (f"| cold start → background warm-up done (first search at full speed) | {pct(warm, 50):.0f} ms | "
        f"{pct(warm, 95):.0f} ms | {max(warm):.0f} ms | |"),
        "",
        f"Median documents shown per query: {statistics.median(first['hits']):.0f}.",
    ])


def split_rows(first: dict) -> list[str]:
    """The GUI share split at the answer's arrival in the GUI thread (runs saved before the split: none)."""
    if "answered_ms" not in first:
        return []
    hand_off = [a - e for a, e in zip(first["answered_ms"], first["engine_ms"], strict=True)]
    rows = [m - a for m, a in zip(first["ms"], first["answered_ms"], strict=True)]
    return [f"| {label} | {pct(values, 50):.0f} ms | {pct(values, 95):.0f} ms | {max(values):.0f} ms | |"
            for label, values in (("… hand-off: Enter → answer in the GUI thread, less the search", hand_off),
                                  ("… first rows: answer → painted (model, layout, paint)", rows))]


def write_readme(readme: Path, text: str, tag: str = TAG) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from readme_block import write_block

    write_block(readme, tag, text, after=TAG, heading="## GUI\n\n" + __doc__.split("\n\n", 2)[2].strip())


def main() -> int:
    global SEARCH_OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=DEFAULT_LIBRARY)
    parser.add_argument("--search-out", type=Path, default=REPO / "bench" / "out" / "search",
                        help="the search benchmark's output whose corpus, queries and index to use "
                             "(bench_search.py --out; e.g. bench/out/search-synth)")
    parser.add_argument("--passages", type=int, default=MIN_PASSAGES)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--readme", type=Path)
    parser.add_argument("--tag", help="a README block of its own beside the first (e.g. synth-1m for another library)")
    parser.add_argument("--report-only", action="store_true", help="report the last run's results.json again")
    parser.add_argument("--build-index", action="store_true",
                        help="build the library's index from its catalogue when the search benchmark's cannot be linked")
    parser.add_argument("--optimize", action="store_true",
                        help="merge the library's index into one segment first (SearchIndex.optimize: ~20 min)")
    parser.add_argument("--busy-cores", type=int, default=0,
                        help="keep this many cores busy with other processes while measuring (other work on the machine)")
    args = parser.parse_args()
    SEARCH_OUT = args.search_out
    if args.report_only:
        saved = json.loads((args.library.parent / f"{args.library.name}-results.json").read_text(encoding="utf-8"))
        text = report(catalog_stats(args.library), saved["first"], saved["cold"], saved["platform"], saved.get("load"),
                      saved.get("busy_cores", 0))
        print(text)
        if args.readme:
            write_readme(args.readme, text, TAG if args.tag is None else f"{TAG}-{args.tag}")
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    sys.path.insert(0, str(REPO))
    stats = ensure_library(args.library, args.passages, args.build_index, args.optimize)
    queries = json.loads((SEARCH_OUT / "queries.json").read_text(encoding="utf-8"))["word"][: args.queries] \
        if (SEARCH_OUT / "queries.json").exists() else ["科技安全", "风险", "人工智能 治理"] * 17
    work = Path(tempfile.mkdtemp(prefix="hanlin-bench-gui-"))
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy_cores)]
    load = [os.getloadavg()[0]]
    try:
        cold = cold_start(args.library, work)
        first = first_results(args.library, queries[: args.queries], work)
    finally:
        load.append(os.getloadavg()[0])
        for hog in hogs:
            hog.kill()
            hog.wait()
        shutil.rmtree(work, ignore_errors=True)
    text = report(stats, first, cold, os.environ["QT_QPA_PLATFORM"], load, args.busy_cores)
    print(text)
    saved = {"first": first, "cold": cold, "platform": os.environ["QT_QPA_PLATFORM"], "load": load,
             "busy_cores": args.busy_cores}
    (args.library.parent / f"{args.library.name}-results.json").write_text(json.dumps(saved), encoding="utf-8")
    if args.readme:
        write_readme(args.readme, text, TAG if args.tag is None else f"{TAG}-{args.tag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
