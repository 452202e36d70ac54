"""Indexing from the app against `hanlin index` on the same files, side by side.

    .venv/bin/python bench/gui/bench_indexing.py --rounds 3 [--label NAME] [PATHS...]

Each round builds a fresh library of the same folders twice, in alternating order: once with
`hanlin index --library DIR PATHS` (a subprocess), once through the app (a subprocess that
opens a `MainWindow` offscreen, or on $DISPLAY with `--platform xcb`, and adds the paths as
添加文件夹 does, timing from the call to the librarian's `finished` signal). Both report the
wall time of the run; the app also reports the progress snapshots its GUI thread received and
the ETA it showed along the way (for the honesty of the estimate: the time the bar said
"剩余 0:00" while work was left). Default folders: the seeds, real/zh_policy, real/zh_paper.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_PATHS = [CORPUS / "seeds", CORPUS / "real" / "zh_policy", CORPUS / "real" / "zh_paper"]

APP_RUN = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.tasks import Pools

library, paths, out = sys.argv[1], sys.argv[2:-1], sys.argv[-1]
app = QApplication(["bench"])
settings = Settings(QSettings(str(Path(out).with_suffix(".ini")), QSettings.Format.IniFormat))
window = MainWindow(settings, Pools())
window.show()
record = {"snapshots": 0, "etas": [], "started": None}

def progressed(p):
    record["snapshots"] += 1
    label = window.progress.label.text()
    record["etas"].append([round(time.monotonic() - record["started"], 2), p.files_done, p.files_total,
                           round(p.fraction, 3), p.eta_seconds, label])

def thread_cpu():
    import os
    ticks = os.sysconf("SC_CLK_TCK")
    main = Path(f"/proc/self/task/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(main[11]) + int(main[12])) / ticks

def finished(summary):
    record["seconds"] = time.monotonic() - record["started"]
    record["gui_thread_cpu"] = thread_cpu()
    record["core_seconds"] = summary.seconds if summary is not None else None
    record["files"] = len(summary.indexed) + len(summary.failed)
    record["passages"] = summary.passages
    record["pages"] = summary.pages
    Path(out).write_text(json.dumps(record, ensure_ascii=False))
    QTimer.singleShot(0, window.close)

def failed(exc):
    record["error"] = repr(exc)
    Path(out).write_text(json.dumps(record, ensure_ascii=False))
    QTimer.singleShot(0, window.close)

window.librarian.progressed.connect(progressed)
window.librarian.finished.connect(finished)
window.librarian.failed.connect(failed)

def go():
    window.open_library(library)
    record["started"] = time.monotonic()
    window.add_paths(paths)

QTimer.singleShot(200, go)
app.exec()
"""


def run(argv: list[str], env: dict | None = None) -> dict:
    """Run `argv`; its wall time and the CPU seconds of it and its reaped children (the extraction workers)."""
    started = time.monotonic()
    process = subprocess.Popen(argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{argv[0]} ended with status {process.returncode}")
    return {"wall": time.monotonic() - started, "cpu": usage.ru_utime + usage.ru_stime}


def run_cli(library: Path, paths: list[str]) -> dict:
    result = run([str(REPO / ".venv" / "bin" / "hanlin"), "index", "--library", str(library), *paths])
    result["seconds"] = result["wall"]
    return result


def run_app(library: Path, paths: list[str], platform: str, data: Path) -> dict:
    out = data / "app.json"
    env = dict(os.environ, QT_QPA_PLATFORM=platform, HANLIN_DATA_DIR=str(data))
    result = run([sys.executable, "-c", APP_RUN, str(library), *paths, str(out)], env)
    return {**json.loads(out.read_text()), **result}


def stale_eta(etas: list) -> float:
    """Seconds the app showed an ETA of 0:00 (or less than a second) before the run ended."""
    stale, previous = 0.0, None
    for at, _done, _total, _fraction, eta, _label in etas:
        if previous is not None:
            stale += at - previous
            previous = None
        if eta is not None and eta < 1:
            previous = at
    return stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--platform", default="offscreen")
    parser.add_argument("--label", default="", help="a name for this run in the output")
    parser.add_argument("paths", nargs="*", default=[str(p) for p in DEFAULT_PATHS])
    args = parser.parse_args()
    rows = []
    for round_ in range(args.rounds):
        order = ("cli", "app") if round_ % 2 == 0 else ("app", "cli")
        for mode in order:
            with tempfile.TemporaryDirectory(prefix="hanlin-bench-") as tmp:
                library = Path(tmp) / "library"
                load = os.getloadavg()[0]
                result = run_cli(library, args.paths) if mode == "cli" else run_app(
                    library, args.paths, args.platform, Path(tmp))
                result.update(mode=mode, round=round_, load=load)
                if mode == "app":
                    result["stale_eta"] = stale_eta(result["etas"])
                rows.append(result)
                print(f"round {round_} {mode}: {result['seconds']:.1f} s, CPU {result['cpu']:.1f} s (load {load:.1f})"
                      + (f", GUI thread CPU {result['gui_thread_cpu']:.1f} s, {result['snapshots']} snapshots, "
                         f"ETA <1 s shown for {result['stale_eta']:.1f} s"
                         if mode == "app" else ""), flush=True)
    for mode in ("cli", "app"):
        times = [r["seconds"] for r in rows if r["mode"] == mode]
        print(f"{mode}: median {statistics.median(times):.1f} s, {', '.join(f'{t:.1f}' for t in times)}")
    out = REPO / "bench" / "out" / f"indexing{('-' + args.label) if args.label else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    print(f"details: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
