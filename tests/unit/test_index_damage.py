"""Damaged index and catalogue files: detected, reported, and repaired only from a sound catalogue.

The index is a cache: flipped bytes in any of its files are caught by the checksums written at
commit, and it is rebuilt from the catalogue — in a sibling folder swapped in only when complete,
so a rebuild that fails (a catalogue row that cannot be read) keeps the working index. The
catalogue is never replaced: a 0-byte one is refused, not started afresh.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest

from indexer.errors import LibraryError
from indexer.library import searching
from indexer.library.catalog import CATALOG_NAME
from indexer.library.library import Library
from indexer.search import IndexNeedsRebuild, SearchIndex
from indexer.search._whoosh import checksums
from indexer.search._whoosh import index as whoosh_index

QUERY = "科技安全"


@pytest.fixture
def built(make_pdf, tmp_path) -> Path:
    """A closed library of three one-page PDFs."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(3):
        made = make_pdf([[f"# 科技安全治理研究之{n}", "健全科技安全风险监测预警体系，加强数据安全法的实施。" * 2]],
                        name=f"_d{n}")
        shutil.move(made, docs / f"{n}.pdf")
    with Library.open(tmp_path / "lib", create=True) as library:
        library.add([docs], workers=1)
    return tmp_path / "lib"


def hits(root: Path) -> list[str]:
    return sorted(h.passage_id for h in searching.search_library(root, QUERY, limit=50).hits)


def flip(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0xFF]))


def index_files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "index").iterdir()) if p.is_file()}


def segment(root: Path) -> Path:
    """The largest file of the index's segments (the packed postings, or stored fields)."""
    return max((root / "index").glob("MAIN_*.*"), key=lambda p: p.stat().st_size)


@pytest.fixture(autouse=True)
def _fresh_checksum_cache():
    checksums.forget()
    yield
    checksums.forget()


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_a_flipped_byte_anywhere_in_a_segment_is_detected_when_the_index_opens(built, fraction):
    seg = segment(built)
    flip(seg, int(seg.stat().st_size * fraction))
    with pytest.raises(IndexNeedsRebuild, match="checksum mismatch"):
        SearchIndex.open(built / "index", create=False)


def test_a_flipped_byte_in_a_segment_is_rebuilt_from_the_catalogue_on_search(built, caplog):
    expected = hits(built)
    flip(segment(built), segment(built).stat().st_size // 2)
    checksums.forget()
    assert hits(built) == expected
    assert "rebuilding the search index from the catalogue" in caplog.text
    SearchIndex.open(built / "index", create=False).close()  # the rebuilt index verifies


def test_undecodable_bytes_met_by_a_search_ask_for_a_rebuild(built, monkeypatch):
    expected = hits(built)
    calls = []

    def broken(self, text):
        calls.append(text)
        if len(calls) == 1:
            raise zlib.error("Error -3 while decompressing data: invalid block type")
        return real(self, text)

    real = whoosh_index._Run.execute
    monkeypatch.setattr(whoosh_index._Run, "execute", broken)
    index = SearchIndex.open(built / "index", create=False)
    with pytest.raises(IndexNeedsRebuild, match="decompressing"):
        index.search(QUERY)
    index.close()
    calls.clear()
    assert hits(built) == expected  # search_library rebuilt the index and searched again


def test_a_bug_in_a_search_is_not_taken_for_damage(built, monkeypatch):
    def broken(self, text):
        raise RuntimeError("a bug")

    monkeypatch.setattr(whoosh_index._Run, "execute", broken)
    index = SearchIndex.open(built / "index", create=False)
    with pytest.raises(RuntimeError, match="a bug"):
        index.search(QUERY)
    index.close()


def test_a_damaged_checksum_manifest_means_a_rebuild(built):
    (built / "index" / checksums.MANIFEST).write_bytes(b"{not json")
    with pytest.raises(IndexNeedsRebuild, match="manifest"):
        SearchIndex.open(built / "index", create=False)


def test_a_read_only_library_with_a_damaged_segment_asks_for_a_reinstall(built):
    flip(segment(built), 100)
    with pytest.raises(LibraryError, match="install the bundle again"), Library.open(built, read_only=True) as library:
        library.search_index()


def test_an_unreadable_catalogue_row_keeps_the_working_index(built):
    before = index_files(built)
    expected = hits(built)
    conn = sqlite3.connect(built / CATALOG_NAME)
    conn.execute("UPDATE passages SET text = CAST(x'e7a791ff' AS TEXT) WHERE rowid = 2")
    conn.commit()
    conn.close()
    with Library.open(built) as library, pytest.raises(LibraryError, match="catalogue database is corrupt"):
        library.rebuild_index("test")
    assert index_files(built) == before
    assert not list(built.glob("index.*"))
    assert hits(built) == expected


def test_a_damaged_catalogue_page_stops_a_rebuild_before_the_index_is_touched(built):
    before = index_files(built)
    path = built / CATALOG_NAME
    pages = path.stat().st_size // 4096
    with path.open("r+b") as handle:
        handle.seek(pages // 2 * 4096 + 8)
        handle.write(b"\xde\xad\xbe\xef" * 64)
    with Library.open(built) as library, pytest.raises(LibraryError, match="corrupt"):
        library.rebuild_index("test")
    assert index_files(built) == before


def test_a_zero_byte_catalogue_is_refused_and_left_alone(built):
    os.truncate(built / CATALOG_NAME, 0)
    for options in ({}, {"create": True}, {"read_only": True}):
        with pytest.raises(LibraryError, match="0 bytes"):
            Library.open(built, **options)
    assert (built / CATALOG_NAME).stat().st_size == 0


def test_files_of_uncommitted_writers_are_removed_when_the_library_is_next_locked(built):
    kept = index_files(built)
    (built / "index" / "MAIN_0123456789abcdef.seg").write_bytes(b"\0" * (4 << 20))
    (built / "index" / "MAIN.tmp").mkdir()
    (built / "index" / "MAIN.tmp" / "run1.run").write_bytes(b"\0" * 1000)
    (built / "index" / "_MAIN_7.toc.1767225600.0").write_bytes(b"partial")
    (built / "index.rebuilding-99999").mkdir()
    (built / "index.rebuilding-99999" / "_MAIN_1.toc").write_bytes(b"x")
    with Library.open(built) as library:
        library.lock()
    assert index_files(built) == kept
    assert sorted(p.name for p in (built / "index").iterdir()) == sorted(kept)
    assert not (built / "index.rebuilding-99999").exists()
    assert hits(built)
