"""A corrupt library: a truncated index segment or table of contents, a damaged SQLite page.

Through the `hanlin` command line, with the user's folders (home, config, data, cache) in a
temporary folder holding a stand-in notes database: a damaged index is detected when the
library is opened, reported on stderr and rebuilt from the catalogue, after which searches give
the same hits as before; a damaged catalogue is reported with a clear message and exit status 4.
The user's data folder (where notes live) is never touched by any of it.

A damaged page inside a catalogue table is found by `hanlin status`, which reads the whole
catalogue (``PRAGMA quick_check``); searches do not pay for that check.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

QUERY = "科技安全"


def write_pdf(path: Path, lines: list[str]) -> None:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number, line in enumerate(lines):
        canvas.setFont("STSong-Light", 16 if number == 0 else 10.5)
        canvas.drawString(56, 780 - 30 * number, line)
    canvas.showPage()
    canvas.save()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A small library, indexed once; each test corrupts its own copy."""
    root = tmp_path_factory.mktemp("pristine")
    pdfs = root / "pdfs"
    pdfs.mkdir()
    for n in range(3):
        write_pdf(pdfs / f"{n}.pdf", [f"科技安全治理研究之{n}", "健全科技安全风险监测预警体系，加强数据安全法的实施。" * 2])
    run = subprocess.run([sys.executable, "-m", "indexer.cli", "index", str(pdfs), "--library", str(root / "library"),
                          "--quiet", "--workers", "1"], capture_output=True, text=True, encoding="utf-8", check=False)
    assert run.returncode == 0, run.stderr
    return root / "library"


class User:
    """A user's folders in a temporary home, with a stand-in notes database in the data folder."""

    def __init__(self, root: Path, pristine: Path):
        self.home, self.data = root / "home", root / "data"
        self.library = root / "library"
        shutil.copytree(pristine, self.library)
        self.data.mkdir(parents=True)
        notes = sqlite3.connect(self.data / "notes.db")
        notes.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        notes.execute("INSERT INTO notes (text) VALUES ('我的批注 my note')")
        notes.commit()
        notes.close()

    def hanlin(self, *args: str) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HANLIN_", "XDG_"))}
        env.update(HOME=str(self.home), HANLIN_DATA_DIR=str(self.data), XDG_CONFIG_HOME=str(self.home / ".config"),
                   XDG_DATA_HOME=str(self.home / ".local/share"), XDG_CACHE_HOME=str(self.home / ".cache"),
                   PYTHONIOENCODING="utf-8")
        return subprocess.run([sys.executable, "-m", "indexer.cli", *args], env=env, capture_output=True, text=True,
                              encoding="utf-8", timeout=240, check=False)

    def search(self) -> subprocess.CompletedProcess:
        return self.hanlin("search", QUERY, "--library", str(self.library), "--json", "--limit", "50")

    def data_snapshot(self) -> dict:
        return {str(p.relative_to(self.data)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
                for p in sorted(self.data.rglob("*")) if p.is_file()}


@pytest.fixture
def user(tmp_path: Path, pristine: Path) -> User:
    return User(tmp_path, pristine)


def hit_ids(run: subprocess.CompletedProcess) -> list[str]:
    return sorted(h["passage_id"] for h in json.loads(run.stdout)["hits"])


def damage_page(path: Path, page: int, page_size: int = 4096) -> None:
    with path.open("r+b") as handle:
        handle.seek(page * page_size + 8)
        handle.write(b"\xde\xad\xbe\xef" * 64)


def test_a_truncated_index_segment_is_rebuilt_from_the_catalogue(user: User):
    expected = hit_ids(user.search())
    notes = user.data_snapshot()
    segment = max((user.library / "index").glob("MAIN_*.*"), key=lambda p: p.stat().st_size)
    os.truncate(segment, segment.stat().st_size // 2)
    repaired = user.search()
    assert repaired.returncode == 0, repaired.stderr
    assert "索引" in repaired.stderr and "rebuilding the search index from the catalogue" in repaired.stderr
    assert hit_ids(repaired) == expected
    again = user.search()
    assert again.stderr == "" and hit_ids(again) == expected
    assert user.data_snapshot() == notes


def test_a_missing_index_folder_is_rebuilt_from_the_catalogue(user: User):
    expected = hit_ids(user.search())
    shutil.rmtree(user.library / "index")
    (user.library / "index").mkdir()
    (user.library / "index" / "junk").write_bytes(b"\0" * 100)
    repaired = user.search()
    assert repaired.returncode == 0, repaired.stderr
    assert "rebuilding the search index" in repaired.stderr
    assert hit_ids(repaired) == expected


def test_a_truncated_table_of_contents_is_rebuilt_from_the_catalogue(user: User):
    expected = hit_ids(user.search())
    toc = next((user.library / "index").glob("_MAIN_*.toc"))
    os.truncate(toc, toc.stat().st_size // 2)
    repaired = user.search()
    assert repaired.returncode == 0, repaired.stderr
    assert hit_ids(repaired) == expected


def test_a_truncated_table_of_contents_is_rebuilt_by_hanlin_index(user: User, tmp_path: Path):
    expected = hit_ids(user.search())
    toc = next((user.library / "index").glob("_MAIN_*.toc"))
    os.truncate(toc, toc.stat().st_size // 2)
    (tmp_path / "empty").mkdir()
    run = user.hanlin("index", str(tmp_path / "empty"), "--library", str(user.library), "--quiet")
    assert run.returncode == 0, run.stderr
    assert "rebuilding the search index" in run.stderr
    assert hit_ids(user.search()) == expected


@pytest.mark.parametrize("command", ["search", "status", "index"])
def test_a_damaged_catalogue_header_page_is_reported_clearly(user: User, command: str, tmp_path: Path):
    notes = user.data_snapshot()
    damage_page(user.library / "catalog.db", 0)
    args = {"search": ["search", QUERY], "status": ["status"], "index": ["index", str(tmp_path)]}[command]
    run = user.hanlin(*args, "--library", str(user.library))
    assert run.returncode == 4, run.stderr
    assert "目录数据库已损坏" in run.stderr and "the catalogue database is corrupt" in run.stderr
    assert "Traceback" not in run.stderr
    assert user.data_snapshot() == notes


def test_a_damaged_catalogue_table_page_is_detected_by_status(user: User):
    pages = (user.library / "catalog.db").stat().st_size // 4096
    damage_page(user.library / "catalog.db", pages // 2)
    run = user.hanlin("status", "--library", str(user.library))
    assert run.returncode == 4
    assert "目录数据库已损坏" in run.stderr
