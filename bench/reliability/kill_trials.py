"""`kill -9` trials: `hanlin index` killed at random moments, resumed, compared with a clean build.

Each trial copies the seed PDFs (`../shared/corpus/seeds`) several times (each copy made
distinct by a trailing PDF comment), starts `hanlin index` with one commit per file, kills its
whole process group with SIGKILL after a random delay, runs it again to the end, and compares
the library with one built in a single clean run: the catalogue's passages (none missing, none
twice), the index's passage count, and the top 50 hits of a few queries (score and passage text
at each rank: passages of copies tie, and ties are ordered by when their file was committed).

    .venv/bin/python bench/reliability/kill_trials.py --trials 10 [--copies 2] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
HANLIN = Path(sys.executable).with_name("hanlin")
QUERIES = ("科技", "数据 安全", '"科技情报"', "政策 创新 -论文")


def make_corpus(folder: Path, copies: int) -> None:
    folder.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.pdf")):
        for copy in range(copies):
            target = folder / f"{seed.stem}-{copy}.pdf"
            shutil.copy(seed, target)
            with open(target, "ab") as f:
                f.write(f"\n% kill trial copy {copy}\n".encode())


def index(corpus: Path, lib: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(HANLIN), "index", str(corpus), "--library", str(lib), "--commit-every", "1",
                             "--quiet"], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def snapshot(lib: Path) -> dict[str, object]:
    """What must match a clean build: passages in the catalogue and the index, and the top hits."""
    with sqlite3.connect(f"file:{lib / 'catalog.db'}?mode=ro", uri=True) as conn:
        ids = [r[0] for r in conn.execute("SELECT passage_id FROM passages ORDER BY passage_id")]
    status = json.loads(run("status", "--library", str(lib), "--json").stdout)
    tops = {}
    for query in QUERIES:
        out = run("search", query, "--library", str(lib), "--json", "--limit", "50")
        # (score, text) at each rank: the copies of a seed hold the same passages with the same
        # scores, whose order among themselves follows the order the files were committed in.
        tops[query] = [(h["score"], h["text"]) for h in json.loads(out.stdout)["hits"]]
    return {"passages": len(ids), "distinct": len(set(ids)), "ids": ids, "status_passages": status["passages"],
            "pending": status["pending_index"], "tops": tops}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(HANLIN), *args], capture_output=True, text=True, encoding="utf-8", timeout=900,
                          check=False)
    if done.returncode != 0 or "Traceback" in done.stderr:
        raise SystemExit(f"hanlin {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    work = Path(tempfile.mkdtemp(prefix="hanlin-kill-"))
    try:
        corpus = work / "corpus"
        make_corpus(corpus, a.copies)
        started = time.monotonic()
        clean_proc = index(corpus, work / "clean")
        _, err = clean_proc.communicate()
        clean_seconds = time.monotonic() - started
        if clean_proc.returncode != 0:
            raise SystemExit(f"clean build failed: {err.decode()}")
        clean = snapshot(work / "clean")
        print(f"clean build: {clean['passages']} passages in {clean_seconds:.1f} s")
        matched = 0
        for trial in range(1, a.trials + 1):
            lib = work / f"trial-{trial}"
            delay = rnd.uniform(0.3, 0.9) * clean_seconds
            proc = index(corpus, lib)
            time.sleep(delay)
            killed = proc.poll() is None
            if killed:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
            proc.stderr.close() if proc.stderr else None
            resumed = index(corpus, lib)
            _, err = resumed.communicate()
            if resumed.returncode != 0:
                print(f"trial {trial}: resume failed ({resumed.returncode}): {err.decode()}")
                continue
            got = snapshot(lib)
            same = (got["ids"] == clean["ids"] and got["distinct"] == got["passages"]
                    and got["status_passages"] == clean["status_passages"] and got["pending"] == 0
                    and got["tops"] == clean["tops"])
            matched += same
            print(f"trial {trial}: killed after {delay:.1f} s{'' if killed else ' (had finished)'}; "
                  f"{got['passages']} passages, {got['passages'] - got['distinct']} twice; "
                  f"top-50 hits {'identical' if got['tops'] == clean['tops'] else 'DIFFERENT'}; "
                  f"{'matches' if same else 'DIFFERS FROM'} the clean build")
        print(f"SUMMARY {matched}/{a.trials} trials match a clean build exactly")
        return 0 if matched == a.trials else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
