"""Everyday operations on a large library, as a librarian runs them: `hanlin index` whole processes.

On a copy of a benchmark library (bench/gui/bench_gui.py's, made from a search-benchmark
corpus: its catalogue copied, its index hard-linked), whose documents are given placeholder
files that match the catalogue (so they count as unchanged), times:

1. re-indexing the unchanged library (`hanlin index FOLDER`: every file stat'ed, nothing to do);
2. adding one real PDF (a seed) to it;
3. deleting that PDF again (`--prune`);
4. deleting one of the library's own documents (`--prune`: its passages deleted from a large segment).

Each is checked by a search afterwards (the added file found, then not). Usage:

    .venv/bin/python bench/search/bench_library_ops.py --library bench/out/gui/library-synth \\
        [--readme bench/README.md]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
HANLIN = [sys.executable, "-m", "indexer.cli"]
TAG = "bench-library-ops"


def copy_library(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(source / "catalog.db", target / "catalog.db")
    shutil.copytree(source / "index", target / "index", copy_function=os.link,
                    ignore=shutil.ignore_patterns("*.tmp", "*LOCK"))


def placeholder_files(library: Path, folder: Path) -> int:
    """Point every catalogued path into `folder` and create an empty file there that matches the
    catalogue's size and modification time, so `hanlin index` sees it unchanged."""
    folder.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(library / "catalog.db")
    rows = db.execute("SELECT path, sha256 FROM paths").fetchall()
    moved = []
    for old, sha in rows:
        new = str(folder / Path(old).name)
        moved.append((new, 0, 0, old))
        Path(new).touch()
        os.utime(new, ns=(0, 0))
    db.executemany("UPDATE paths SET path = ?, size = ?, mtime_ns = ? WHERE path = ?", moved)
    db.executemany("UPDATE files SET path = ? WHERE path = ?", [(new, old) for new, _, _, old in moved])
    db.commit()
    db.close()
    return len(rows)


def hanlin(*args: str) -> tuple[float, dict]:
    started = time.perf_counter()
    run = subprocess.run([*HANLIN, *args], capture_output=True, text=True, encoding="utf-8", cwd=REPO, check=False)
    elapsed = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"hanlin {' '.join(args)} failed ({run.returncode}):\n{run.stderr[-2000:]}")
    out = run.stdout.strip()
    return elapsed, (json.loads(out) if out.startswith("{") else {"stdout": out})


def search_total(library: Path, query: str) -> int:
    _, result = hanlin("search", "--library", str(library), "--json", query)
    return int(result["total"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", type=Path, required=True)
    ap.add_argument("--work", type=Path, default=REPO / "bench" / "out" / "library-ops")
    ap.add_argument("--readme", type=Path)
    ap.add_argument("--tag", help="a README block of its own beside the first (e.g. 1m for another library size)")
    a = ap.parse_args()
    lib = a.work / "library"
    folder = a.work / "files"
    if folder.exists():
        shutil.rmtree(folder)
    copy_library(a.library, lib)
    files = placeholder_files(lib, folder)
    _, status = hanlin("status", "--library", str(lib), "--json")
    passages = status["passages"]
    seed = min(SEEDS.glob("*.pdf"))
    probe = "科技安全"
    results = []

    seconds, summary = hanlin("index", "--library", str(lib), "--json", "--quiet", str(folder))
    results.append(("re-index the unchanged library (every file stat'ed)", seconds, summary))
    before = search_total(lib, probe)
    shutil.copy2(seed, folder / seed.name)
    seconds, summary = hanlin("index", "--library", str(lib), "--json", "--quiet", str(folder))
    results.append((f"add one PDF ({seed.name})", seconds, summary))
    added = search_total(lib, probe)
    (folder / seed.name).unlink()
    seconds, summary = hanlin("index", "--library", str(lib), "--json", "--quiet", "--prune", str(folder))
    results.append(("delete that PDF (`--prune`)", seconds, summary))
    after = search_total(lib, probe)
    victim = sorted(folder.iterdir())[files // 2]
    victim.unlink()
    seconds, summary = hanlin("index", "--library", str(lib), "--json", "--quiet", "--prune", str(folder))
    results.append(("delete one of the library's documents (`--prune`)", seconds, summary))
    _, status = hanlin("status", "--library", str(lib), "--json")
    sys.path.insert(0, str(REPO))
    from indexer.search import SearchIndex

    index = SearchIndex.open(lib / "index", create=False)
    segments = index.segment_count()
    index.close()
    lines = [(f"Library: {passages:,} passages in {files:,} files (a copy of `{a.library.name}`); "
             f"{os.cpu_count()} CPUs shared with other work; load average {os.getloadavg()[0]:.1f}; "
             f"{time.strftime('%Y-%m-%d')}."), "", "| operation (`hanlin index`, whole process) | seconds |",
             "| --- | ---: |"]
    lines += [f"| {name} | {seconds:.1f} |" for name, seconds, _ in results]
    lines += ["", (f"Check: `{probe}` found in {before} passages, {added} with the PDF added, {after} after "
              f"deleting it; {status['passages']:,} passages at the end, "
              f"{segments} index segments.")]
    text = "\n".join(lines)
    print(text)
    if added <= before or after != before:
        print("the searches do not show the file added and deleted", file=sys.stderr)
        return 1
    if a.readme:
        sys.path.insert(0, str(REPO / "bench"))
        from readme_block import write_block

        write_block(a.readme, TAG if a.tag is None else f"{TAG}-{a.tag}", text, after=TAG)
    return 0


if __name__ == "__main__":
    sys.exit(main())
