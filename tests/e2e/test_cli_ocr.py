"""Scans through `hanlin index` / `search` / `status`, and an OCR run cancelled and resumed.

One real two-page scan from ../shared/corpus (资本论, low resolution, CCITT images only, no text
layer): a phrase read off its first page must be found, marked as OCR text; with `--no-ocr` the file
is listed with its reason and found by its file name; a cancelled run keeps the pages it recognised.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from indexer.library.catalog import Catalog
from indexer.library.library import Library
from indexer.library.progress import IndexProgress

HANLIN = Path(sys.executable).with_name("hanlin")
SCAN = "资本论_扫描_低清_2p.pdf"
PHRASE = '"交换价值首先表现"'  # page 1, line 3 of the printed page


def hanlin(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(HANLIN), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          timeout=300, check=False, env=dict(os.environ, PYTHONIOENCODING="utf-8"))


@pytest.fixture
def folder(shared_dir: Path, tmp_path: Path) -> Path:
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    shutil.copy(shared_dir / "corpus" / "real" / "zh_scanned" / SCAN, pdfs / SCAN)
    return pdfs


def test_no_ocr_lists_the_scan_with_its_reason_and_the_next_run_recognises_it(folder: Path, tmp_path: Path) -> None:
    library = tmp_path / "library"
    indexed = hanlin("index", folder, "--library", library, "--no-ocr")
    assert indexed.returncode == 0, indexed.stderr
    assert "无可检索文字 no searchable text 1" in indexed.stdout
    status = hanlin("status", "--library", library)
    assert "无可检索文字的文件" in status.stdout
    line = next(line for line in status.stdout.splitlines() if SCAN in line)
    assert "OCR 已关闭" in line and line.endswith("[ocr_off]")
    by_name = json.loads(hanlin("search", "资本论", "--library", library, "--json").stdout)["hits"]
    assert [h["file"] for h in by_name] == [str(folder / SCAN)] and by_name[0]["ocr"] is None

    again = hanlin("index", folder, "--library", library, "--json", "--quiet")  # OCR on: recognised now
    summary = json.loads(again.stdout)
    assert summary["indexed"] == 1 and summary["no_text"] == [] and summary["passages"] >= 2
    hits = json.loads(hanlin("search", PHRASE, "--library", library, "--json").stdout)["hits"]
    assert [h["file"] for h in hits] == [str(folder / SCAN)]
    assert hits[0]["page"] == 1 and 0.8 < hits[0]["ocr"] <= 1
    assert json.loads(hanlin("status", "--library", library, "--json").stdout)["no_text_files"] == []


def test_a_cancelled_run_resumes_without_recognising_its_pages_again(folder: Path, tmp_path: Path) -> None:
    root = tmp_path / "library"
    cancel = threading.Event()

    def stop_after_first_page(progress: IndexProgress) -> None:
        if progress.ocr_pages_done >= 1:
            cancel.set()

    with Library.open(root, create=True) as library:
        first = library.add([folder], workers=1, on_progress=stop_after_first_page, cancel=cancel)
    assert first.cancelled and first.indexed == []
    catalog = Catalog(root / "catalog.db")
    kept = catalog.db.execute("SELECT page, recognised_at FROM ocr_pages").fetchall()
    catalog.close()
    assert [page for page, _ in kept] == [1]

    with Library.open(root) as library:
        second = library.add([folder], workers=1)
    assert len(second.indexed) == 1
    catalog = Catalog(root / "catalog.db")
    rows = dict(catalog.db.execute("SELECT page, recognised_at FROM ocr_pages").fetchall())
    used = catalog.db.execute("SELECT page FROM ocr_pages WHERE used = 1 ORDER BY page").fetchall()
    catalog.close()
    assert rows[1] == kept[0][1]  # page 1 was taken from the catalogue, not recognised again
    assert set(rows) == {1, 2} and used == [(1,), (2,)]
    hits = json.loads(hanlin("search", PHRASE, "--library", root, "--json").stdout)["hits"]
    assert hits and hits[0]["ocr"] > 0.8
