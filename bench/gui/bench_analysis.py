"""GUI benchmark of the 分析 window: from the menu action to the charts filled and painted.

    .venv/bin/python bench/gui/bench_analysis.py --library bench/out/gui/library --readme bench/README.md

The library is the GUI benchmark's (`bench_gui.py` makes it: ≥ 100,000 passages); its index must
be usable. Measured in-process on the real `MainWindow` (offscreen unless a display is set), after
the window's own warm-up (index opened, word segmenter loaded), as a user meets it:
- **whole library**: 文献库 → 分析整个文献库… triggered, until the analysis is in the window (counts,
  people, timeline, network, bursts and their tables filled) and the window has painted; the first
  time in the session (the 分析 window built; QtCharts and networkx were loaded in the background a
  few seconds after the library opened, `AnalysisActions.PRELOAD_DELAY_MS`) and then `--runs` more;
- **a search's documents**: for each of `--queries` word queries of the search benchmark, the query
  searched in the main window, then 分析检索结果… timed the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/: readme_block
import bench_gui
from readme_block import write_block

TAG = "bench-analysis"
QUERIES = ["科技安全", "风险", "人工智能 治理", "数据 安全", "创新", "政策", "国家", "发展", "技术", "治理"]


def open_analysis(window, search: bool) -> dict:
    """Trigger one of the two actions; time until the outcome is shown and painted."""
    actions = window.analysis
    started = time.perf_counter()
    (actions.search_action if search else actions.library_action).trigger()
    analysis_window = actions.window
    bench_gui.run_until(lambda: analysis_window.analysis is not None and not analysis_window.controller.is_running()
                        and analysis_window.controller.outcome is not None, poll_ms=2)
    analysis_window.repaint()
    shown = time.perf_counter()
    outcome = analysis_window.controller.outcome
    return {"ms": (shown - started) * 1000, "core_ms": outcome.elapsed_ms, "documents": outcome.analysis.documents}


def measure(root: Path, queries: list[str], runs: int, work: Path) -> dict:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    keep = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 -- alive while the window is
    window = MainWindow(Settings(QSettings(str(work / "bench.ini"), QSettings.Format.IniFormat)))
    window.resize(1366, 768)
    window.show()
    window.open_library(root)
    bench_gui.run_until(lambda: not window.pools.busy(), poll_ms=10)
    bench_gui.idle(window.analysis.PRELOAD_DELAY_MS + 200)  # the app's own background preload, as a user's first
    bench_gui.run_until(lambda: not window.pools.busy(), poll_ms=10)  # 分析 a few seconds after opening meets it
    first = open_analysis(window, search=False)
    library = []
    for _ in range(runs):
        window.analysis.window.controller.outcome = None
        window.analysis.window.analysis = None
        library.append(open_analysis(window, search=False))
    searches = []
    for query in queries:
        window.search_page.box.setText(query)
        window.search.search(query)
        bench_gui.run_until(lambda: not window.search.is_running(), (window.search.finished,), poll_ms=5)
        window.analysis.window.controller.outcome = None
        window.analysis.window.analysis = None
        run = open_analysis(window, search=True)
        run["query"] = query
        searches.append(run)
    window.analysis.close()
    window.close()
    return {"first": first, "library": library, "searches": searches}


def report(stats: dict, result: dict, platform: str, load: list[float]) -> str:
    pct, verdict = bench_gui.pct, (lambda value, target: "met" if value <= target else "**missed**")
    library = [r["ms"] for r in result["library"]]
    core = [r["core_ms"] for r in result["library"]]
    search = [r["ms"] for r in result["searches"]]
    search_core = [r["core_ms"] for r in result["searches"]]
    docs = sorted(r["documents"] for r in result["searches"])
    first = result["first"]
    return "\n".join([
        (f"Library: {stats['passages']:,} passages in {stats['documents']:,} documents; Qt platform `{platform}`; "
         f"{os.cpu_count()} CPUs shared with other work (load average {load[0]:.1f} at the start, {load[1]:.1f} at "
         f"the end); {time.strftime('%Y-%m-%d')}."),
        "",
        "| measure | p50 | p95 | max | target |",
        "| --- | --- | --- | --- | --- |",
        (f"| 分析整个文献库, first time in the session (the window built) | "
         f"{first['ms']:.0f} ms | | | ≤ 2 s: {verdict(first['ms'], 2000)} |"),
        (f"| 分析整个文献库, again ({len(library)} runs) | {pct(library, 50):.0f} ms | {pct(library, 95):.0f} ms | "
         f"{max(library):.0f} ms | ≤ 2 s: {verdict(pct(library, 95), 2000)} |"),
        (f"| … of which the analysis in the worker | {pct(core, 50):.0f} ms | {pct(core, 95):.0f} ms | "
         f"{max(core):.0f} ms | |"),
        (f"| 分析检索结果 ({len(search)} queries) | {pct(search, 50):.0f} ms | {pct(search, 95):.0f} ms | "
         f"{max(search):.0f} ms | ≤ 1 s: {verdict(pct(search, 95), 1000)} |"),
        (f"| … of which the analysis in the worker | {pct(search_core, 50):.0f} ms | {pct(search_core, 95):.0f} ms | "
         f"{max(search_core):.0f} ms | |"),
        "",
        (f"Documents analysed per search: median {docs[len(docs) // 2]:,}, largest {docs[-1]:,}; the whole library: "
         f"{first['documents']:,}."),
    ])


def write_readme(readme: Path, text: str) -> None:
    write_block(readme, TAG, text, heading="### The 分析 window\n\n" + __doc__.split("\n\n", 2)[2].strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=bench_gui.DEFAULT_LIBRARY)
    parser.add_argument("--queries-from", type=Path, help="a search benchmark's queries.json (its word queries)")
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--readme", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    sys.path.insert(0, str(REPO))
    if not bench_gui.index_usable(args.library / "index"):
        raise SystemExit(f"{args.library}: no usable index (bench/gui/bench_gui.py makes the GUI benchmark's library)")
    stats = bench_gui.catalog_stats(args.library)
    queries = QUERIES
    if args.queries_from and args.queries_from.exists():
        queries = json.loads(args.queries_from.read_text(encoding="utf-8"))["word"]
    queries = (queries * (args.queries // max(1, len(queries)) + 1))[: args.queries]
    work = Path(tempfile.mkdtemp(prefix="hanlin-bench-analysis-"))
    os.environ["HANLIN_DATA_DIR"] = str(work / "data")
    load = [os.getloadavg()[0]]
    result = measure(args.library, queries, args.runs, work)
    load.append(os.getloadavg()[0])
    text = report(stats, result, os.environ["QT_QPA_PLATFORM"], load)
    print(text)
    (args.library.parent / f"{args.library.name}-analysis.json").write_text(json.dumps(result), encoding="utf-8")
    if args.readme:
        write_readme(args.readme, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
