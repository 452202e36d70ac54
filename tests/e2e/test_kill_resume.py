"""`kill -9` during `hanlin index`: the library still opens and searches, and a rerun completes it.

The indexer runs as a subprocess over copies of the seed PDFs (each copy made distinct by a
trailing PDF comment, so every file is extracted); the test waits until the catalogue shows
a committed file, kills the whole process group with SIGKILL, checks the library, kills a
resumed run the same way further on, and lets a third run finish.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.library.library import Library
from indexer.search import SearchIndex

HANLIN = Path(sys.executable).with_name("hanlin")
COPIES = 3
WAIT_SECONDS = 180
QUERY = "科技"


def hanlin(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(HANLIN), *map(str, args)], check=False, capture_output=True, text=True,
                          encoding="utf-8", timeout=600)


@pytest.fixture
def corpus(seeds_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in sorted(seeds_dir.glob("*.pdf")):
        for copy in range(COPIES):
            target = folder / f"{seed.stem}-{copy}.pdf"
            shutil.copy(seed, target)
            with open(target, "ab") as f:
                f.write(f"\n% hanlin test copy {copy}\n".encode())
    return folder


def committed_files(catalog: Path) -> int:
    """Files committed to the index with passages holding QUERY, read as another process would."""
    if not catalog.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(
                "SELECT COUNT(DISTINCT f.sha256) FROM files f JOIN passages p ON p.file_sha256 = f.sha256 "
                "WHERE f.index_state = 'done' AND p.text LIKE ?", [f"%{QUERY}%"]
            ).fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def index_and_kill_after(corpus: Path, lib: Path, committed: int) -> None:
    """Run `hanlin index`, SIGKILL it (and its workers) once `committed` files are committed."""
    proc = subprocess.Popen([str(HANLIN), "index", str(corpus), "--library", str(lib), "--commit-every", "1",
                             "--workers", "2", "--quiet"], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + WAIT_SECONDS
    try:
        while committed_files(lib / "catalog.db") < committed:
            assert proc.poll() is None, f"hanlin index ended before the kill: {proc.stderr.read()!r}"
            assert time.monotonic() < deadline, "no committed file in time"
            time.sleep(0.02)  # a polling interval, not a wait for an effect
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


def search_hits(lib: Path, query: str) -> list:
    """Search the index as committed, opened directly: no rebuild may be needed after a kill."""
    index = SearchIndex.open(lib / "index", create=False)
    try:
        return index.search(query, limit=1000).hits
    finally:
        index.close()


def assert_opens_and_searches(lib: Path) -> None:
    status = hanlin("status", "--library", lib, "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["files_ok"] >= 1
    hits = search_hits(lib, QUERY)
    assert hits and len({h.passage_id for h in hits}) == len(hits)


def test_kill_9_then_resume_leaves_no_duplicates(corpus: Path, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    files = len(list(corpus.glob("*.pdf")))

    index_and_kill_after(corpus, lib, committed=1)
    assert_opens_and_searches(lib)
    index_and_kill_after(corpus, lib, committed=files // 3)
    assert_opens_and_searches(lib)

    final = hanlin("index", corpus, "--library", lib, "--json")
    assert final.returncode == 0, final.stderr
    assert json.loads(final.stdout)["failed"] == []

    status = json.loads(hanlin("status", "--library", lib, "--json").stdout)
    assert status["files_ok"] == files and status["paths"] == files and status["pending_index"] == 0
    with Library.open(lib) as library:
        assert library.search_index().doc_count() == status["passages"]
        rows = library.catalog.db.execute("SELECT COUNT(DISTINCT passage_id), COUNT(*) FROM passages").fetchone()
        assert rows[0] == rows[1] == status["passages"]
    hits = search_hits(lib, QUERY)
    assert hits and len({h.passage_id for h in hits}) == len(hits)
