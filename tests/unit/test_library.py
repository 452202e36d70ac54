"""The library: incremental indexing, failures, index rebuilds and crash recovery, on real small PDFs."""

from __future__ import annotations

import gc
import io
import logging
import os
import shutil
from pathlib import Path

import pytest

from indexer.errors import LibraryError
from indexer.extract.sandbox import GC_YOUNG_THRESHOLD
from indexer.library.catalog import PENDING
from indexer.library.library import SCHEMA_META_KEY, Library, find_pdfs
from indexer.library.progress import IndexProgress, ProgressPrinter

TOPICS = {
    "policy.pdf": ("关于加强科技安全工作的通知", "各地区要把科技安全摆在突出位置，完善青蒿素研发的风险评估机制。"),
    "paper.pdf": ("新质生产力的内涵与路径", "新质生产力以创新为主导，摆脱传统增长路径，推动量子通信产业发展。"),
    "news.pdf": ("揭榜挂帅项目启动", "本市首批揭榜挂帅项目今日启动，聚焦卡脖子技术攻关与稀土永磁材料。"),
}


@pytest.fixture
def pdf(make_pdf, tmp_path):
    """`pdf(name, title, body, folder="docs")` writes a one-page Chinese PDF into tmp_path/folder."""

    def make(name: str, title: str, body: str, folder: str = "docs") -> Path:
        made = make_pdf([[f"# {title}", body * 3, "第二段：" + body]], name=f"_{name}")
        target = tmp_path / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(made, target)
        return target

    return make


@pytest.fixture
def docs(pdf, tmp_path) -> Path:
    for name, (title, body) in TOPICS.items():
        pdf(name, title, body)
    return tmp_path / "docs"


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "lib", create=True)
    yield lib
    lib.close()


def passages_in_index(library: Library) -> int:
    return library.search_index().doc_count()


def catalogued_passages(library: Library) -> int:
    return library.catalog.stats()["passages"]


def hit_files(library: Library, query: str) -> set[str]:
    """Names of the files whose passages match `query`."""
    results = library.search_index().search(query, limit=100)
    return {Path(hit.file).name for hit in results.hits}


def test_find_pdfs_recurses_any_case_and_keeps_named_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.pdf", "a/b/Y.PDF", "a/notes.xlsx", "z.Pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    found, missing = find_pdfs([tmp_path / "a", tmp_path / "z.Pdf", tmp_path / "a" / "notes.xlsx",
                                tmp_path / "gone"])
    assert [p.name for p in found] == ["x.pdf", "Y.PDF", "z.Pdf", "notes.xlsx"]
    assert missing == [str(tmp_path / "gone")]


def test_first_run_indexes_every_passage(library, docs):
    summary = library.add([docs], workers=2)
    assert len(summary.indexed) == 3 and not summary.failed
    assert summary.passages == catalogued_passages(library) == passages_in_index(library) > 0
    assert hit_files(library, "青蒿素") == {"policy.pdf"}
    assert library.catalog.needing_index() == []


def test_an_index_run_defers_garbage_collection_and_restores_it(library, docs):
    """During a run young collections wait for many more objects and the objects alive at its
    start are set aside; the process's collector is as it was once the run ends, even in error."""
    before = gc.get_threshold()
    seen: list[tuple[int, bool]] = []

    def progress(_: IndexProgress) -> None:
        seen.append((gc.get_threshold()[0], gc.get_freeze_count() > 0))

    summary = library.add([docs], workers=2, on_progress=progress)
    assert len(summary.indexed) == 3
    assert seen and set(seen) == {(GC_YOUNG_THRESHOLD, True)}
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0

    def broken(_: IndexProgress) -> None:
        raise RuntimeError("the caller's own bug")

    (docs / "paper.pdf").write_bytes((docs / "paper.pdf").read_bytes() + b"\n")
    with pytest.raises(RuntimeError, match="the caller's own bug"):
        library.add([docs], workers=1, on_progress=broken)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_unchanged_files_are_skipped_without_hashing(library, docs, monkeypatch):
    library.add([docs], workers=1)
    before = passages_in_index(library)
    import indexer.library.library

    def no_hashing(path):
        raise AssertionError(f"hashed an unchanged file: {path}")

    monkeypatch.setattr(indexer.library.library, "sha256_file", no_hashing)
    summary = library.add([docs], workers=1)
    assert summary.skipped == 3 and not summary.indexed
    assert passages_in_index(library) == before


def test_touched_file_with_same_bytes_is_skipped(library, docs):
    library.add([docs], workers=1)
    os.utime(docs / "paper.pdf", ns=(1, 1))
    summary = library.add([docs], workers=1)
    assert summary.skipped == 3 and not summary.indexed


def test_changed_file_replaces_its_documents(library, docs, pdf):
    library.add([docs], workers=1)
    pdf("policy.pdf", "关于数据安全的意见", "加强数据中心建设，保护个人信息，完善跨境数据流动规则。")
    summary = library.add([docs], workers=1)
    assert [Path(p).name for p in summary.indexed] == ["policy.pdf"] and summary.skipped == 2
    assert hit_files(library, "青蒿素") == set()
    assert hit_files(library, "数据中心") == {"policy.pdf"}
    assert catalogued_passages(library) == passages_in_index(library)
    assert library.catalog.stats()["files_ok"] == 3


def test_same_file_under_two_paths_is_indexed_once(library, docs, tmp_path):
    library.add([docs], workers=1)
    before = passages_in_index(library)
    other = tmp_path / "copies"
    other.mkdir()
    shutil.copy(docs / "news.pdf", other / "news-copy.pdf")
    summary = library.add([docs, other], workers=1)
    assert summary.duplicates == 1 and not summary.indexed
    assert passages_in_index(library) == before
    assert library.catalog.stats()["paths"] == 4 and library.catalog.stats()["files_ok"] == 3


def test_duplicates_within_one_run_are_extracted_once(library, docs, tmp_path):
    shutil.copy(docs / "news.pdf", docs / "news-again.pdf")
    summary = library.add([docs], workers=2)
    assert len(summary.indexed) == 3 and summary.duplicates == 1
    assert catalogued_passages(library) == passages_in_index(library)
    assert library.catalog.stats()["paths"] == 4


def test_prune_drops_files_that_are_gone(library, docs):
    library.add([docs], workers=1)
    (docs / "news.pdf").unlink()
    library.add([docs], workers=1)
    assert hit_files(library, "揭榜挂帅") == {"news.pdf"}  # kept without --prune
    summary = library.add([docs], workers=1, prune=True)
    assert summary.pruned == 1
    assert hit_files(library, "揭榜挂帅") == set()
    assert library.catalog.stats()["files_ok"] == 2
    assert catalogued_passages(library) == passages_in_index(library)


def test_prune_keeps_content_still_present_under_another_path(library, docs, tmp_path):
    shutil.copy(docs / "news.pdf", tmp_path / "news-copy.pdf")
    library.add([docs, tmp_path / "news-copy.pdf"], workers=1)
    (docs / "news.pdf").unlink()
    library.add([docs], workers=1, prune=True)
    assert hit_files(library, "揭榜挂帅") == {"news-copy.pdf"}
    assert catalogued_passages(library) == passages_in_index(library)


def test_failed_files_are_recorded_and_the_rest_indexed(library, docs):
    (docs / "empty.pdf").write_bytes(b"")
    (docs / "fake.pdf").write_bytes(b"<html>not a pdf</html>")
    summary = library.add([docs], workers=2)
    assert {(Path(f.path).name, f.reason) for f in summary.failed} == {("empty.pdf", "empty"),
                                                                      ("fake.pdf", "not_pdf")}
    assert len(summary.indexed) == 3
    status = library.status()
    assert status["files_failed"] == 2 and status["files_ok"] == 3
    assert {Path(f["path"]).name for f in status["failures"]} == {"empty.pdf", "fake.pdf"}
    again = library.add([docs], workers=1)
    assert again.skipped == 5 and not again.failed  # failures stay recorded, not retried


def test_retry_failed_extracts_failed_files_again(library, docs):
    (docs / "fake.pdf").write_bytes(b"<html>not a pdf</html>")
    library.add([docs], workers=1)
    again = library.add([docs], workers=1, retry_failed=True)
    assert again.skipped == 3 and [Path(f.path).name for f in again.failed] == ["fake.pdf"]
    assert library.status()["files_failed"] == 1


def _first_segment(index_dir: Path) -> Path:
    segments = sorted(p for p in index_dir.iterdir() if p.suffix in (".seg", ".hpk"))
    assert segments, f"no segment file in {sorted(index_dir.iterdir())}"
    return segments[0]


# Whoosh leaves the damaged segment's file open when it fails to read it (closed by the GC).
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("damage", ["truncate", "garble"])
def test_corrupt_index_is_rebuilt_from_the_catalogue(tmp_path, docs, caplog, damage):
    with Library.open(tmp_path / "lib", create=True) as lib:
        lib.add([docs], workers=2)
        expected = catalogued_passages(lib)
    segment = _first_segment(tmp_path / "lib" / "index")
    data = segment.read_bytes()
    if damage == "truncate":
        segment.write_bytes(data[: len(data) // 3])
    else:
        segment.write_bytes(data[:64] + bytes(b ^ 0x5A for b in data[64:]))
    with caplog.at_level(logging.WARNING, logger="hanlin.library"), Library.open(tmp_path / "lib") as lib:
        assert passages_in_index(lib) == expected
        assert hit_files(lib, "量子通信") == {"paper.pdf"}
    assert "重建" in caplog.text and "rebuilding" in caplog.text


def test_schema_mismatch_is_rebuilt(tmp_path, docs, caplog):
    with Library.open(tmp_path / "lib", create=True) as lib:
        lib.add([docs], workers=2)
        lib.catalog.set_meta(SCHEMA_META_KEY, "-1")
    with caplog.at_level(logging.WARNING, logger="hanlin.library"), Library.open(tmp_path / "lib") as lib:
        assert hit_files(lib, "卡脖子") == {"news.pdf"}
        assert lib.catalog.get_meta(SCHEMA_META_KEY) != "-1"
    assert "-1" in caplog.text


def test_missing_index_folder_is_rebuilt(tmp_path, docs):
    with Library.open(tmp_path / "lib", create=True) as lib:
        lib.add([docs], workers=2)
        expected = catalogued_passages(lib)
    shutil.rmtree(tmp_path / "lib" / "index")
    with Library.open(tmp_path / "lib") as lib:
        lib.sync_index()
        assert passages_in_index(lib) == expected


def test_missing_or_emptied_index_is_rebuilt_before_a_search(tmp_path, docs):
    """A search (not only `hanlin index`) on a library whose index folder is gone or empty
    rebuilds it from the catalogue instead of answering from a new empty index."""
    with Library.open(tmp_path / "lib", create=True) as lib:
        lib.add([docs], workers=2)
    for damage in (shutil.rmtree, lambda folder: [p.unlink() for p in folder.iterdir()]):
        damage(tmp_path / "lib" / "index")
        with Library.open(tmp_path / "lib") as lib:
            assert hit_files(lib, "卡脖子") == {"news.pdf"}


def test_searching_a_library_without_passages_finds_nothing(tmp_path, docs):
    """An index with no committed passage (every file failed, or a first run before its first
    commit) answers every kind of query with nothing."""
    (tmp_path / "empty").mkdir()
    with Library.open(tmp_path / "lib", create=True) as lib:
        lib.add([tmp_path / "empty"], workers=1)
        index = lib.search_index()
        assert index.doc_count() == 0
        for query in ("科技", '"科技安全"', "title:科技 author:张 -数据", "type:policy 2020..2021", "科技 OR 数据"):
            for grouped in (False, True):
                results = index.search(query, grouped=grouped, sort="date")
                assert (results.total, results.hits, results.any_total) == (0, [], 0)


def test_pending_files_left_by_a_crash_are_indexed_once(library, docs):
    """Both crash windows: before the index commit, and after it but before the catalogue flip."""
    library.add([docs], workers=1)
    expected = catalogued_passages(library)
    rows = library.catalog.db.execute("SELECT sha256 FROM files").fetchall()
    with library.catalog._writing():  # state after a crash between index commit and flip
        library.catalog.db.execute("UPDATE files SET index_state = ?", [PENDING])
    library.sync_index()
    assert passages_in_index(library) == expected
    assert library.catalog.needing_index() == [] and len(rows) == 3


def test_index_holding_more_than_the_catalogue_is_rebuilt(library, docs, caplog):
    library.add([docs], workers=1)
    expected = catalogued_passages(library)
    sha = library.catalog.indexable()[0]
    with library.catalog._writing():  # passages the catalogue no longer has
        library.catalog.db.execute("DELETE FROM passages WHERE file_sha256 = ?", [sha])
        library.catalog.db.execute("DELETE FROM files WHERE sha256 = ?", [sha])
    with caplog.at_level(logging.WARNING, logger="hanlin.library"):
        library.sync_index()
    assert passages_in_index(library) == catalogued_passages(library) < expected
    assert "does not match" in caplog.text


def test_second_writer_is_refused(library, tmp_path):
    library.lock()
    other = Library.open(tmp_path / "lib")
    with pytest.raises(LibraryError, match="another Hanlin process"):
        other.lock()
    other.close()


def test_library_path_that_is_a_file_raises_library_error(tmp_path):
    (tmp_path / "occupied").write_text("x")
    with pytest.raises(LibraryError):
        Library.open(tmp_path / "occupied" / "lib", create=True)
    with pytest.raises(LibraryError, match="not a Hanlin library"):
        Library.open(tmp_path / "nowhere")


def test_full_disk_while_indexing_raises_library_error_and_keeps_what_was_stored(library, docs, make_pdf):
    library.add([docs], workers=1)
    before = library.catalog.stats()
    body = "国家实验室体系建设持续推进，基础研究投入稳步增长。" * 50
    shutil.move(make_pdf([[body], [body], [body]], name="more.pdf"), docs / "more.pdf")
    pages = library.catalog.db.execute("PRAGMA page_count").fetchone()[0]
    library.catalog.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(LibraryError, match="disk is full"):
        library.add([docs], workers=1)
    library.catalog.db.execute("PRAGMA max_page_count = 1073741823")
    assert library.catalog.stats()["passages"] == before["passages"]
    assert passages_in_index(library) == before["passages"]


def test_progress_reaches_every_file_and_page(library, docs):
    seen = []
    library.add([docs], workers=2, on_progress=lambda p: seen.append((p.files_done, p.pages_done)))
    assert seen[-1] == (3, 3)
    assert [files for files, _ in seen] == sorted(files for files, _ in seen)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise():
    progress = IndexProgress(files_total=4, bytes_total=400)
    progress.started -= 10
    progress.page_done("/a.pdf", 2, 4, 200)
    progress.file_done("/b.pdf", 100, failed=True)
    terminal, log = _Terminal(), io.StringIO()
    for stream in (terminal, log):
        printer = ProgressPrinter(stream, interval=0)
        printer(progress)
        printer(progress)
        printer.finish()
    assert terminal.getvalue().startswith("\r[") and terminal.getvalue().count("\r") == 2
    assert "#" in terminal.getvalue() and terminal.getvalue().endswith("\n")
    lines = log.getvalue().splitlines()
    assert len(lines) == 2 and "\r" not in log.getvalue()
    assert "files 1/4" in lines[0] and "failed 1" in lines[0] and "pages 2" in lines[0]
    assert "ETA 00:" in lines[0]  # 200 of 400 bytes in 10 s: about 10 s left


def test_commits_grow_with_the_index_so_segments_double(library, pdf, tmp_path, monkeypatch):
    import indexer.library.library as library_module

    for i in range(12):
        pdf(f"f{i:02d}.pdf", f"第{i}号文件", f"第{i}号文件的正文，讨论科技安全与创新发展。")
    monkeypatch.setattr(library_module, "COMMIT_MIN_PASSAGES", 2)
    library.add([tmp_path / "docs"], workers=1)
    per_file = library.catalog.stats()["passages"] / 12
    assert per_file >= 1
    # Commits at 2, then as many again as indexed (2, 4, 8 …): far fewer commits than files.
    segments = library.search_index().segment_count()
    assert 2 <= segments <= 6
    library.rebuild_index("test")
    assert passages_in_index(library) == catalogued_passages(library)
    assert 2 <= library.search_index().segment_count() <= 6


def test_commits_grow_with_the_index_up_to_a_bounded_size():
    from indexer.library.library import COMMIT_MAX_PASSAGES, COMMIT_MIN_PASSAGES, commit_threshold

    assert commit_threshold(0) == COMMIT_MIN_PASSAGES
    assert commit_threshold(COMMIT_MIN_PASSAGES * 3) == COMMIT_MIN_PASSAGES * 3
    assert commit_threshold(10 ** 6) == COMMIT_MAX_PASSAGES  # the writer's memory stays bounded


def test_a_run_commits_once_a_worker_is_idle_and_at_its_last_file():
    from indexer.library.library import tail_commits

    assert tail_commits(37, 2) == {36, 37}  # the 36th file leaves one worker with nothing to take
    assert tail_commits(37, 8) == {30, 37}
    assert tail_commits(3, 8) == {1, 3}  # three files take three workers
    assert tail_commits(5, 1) == {5}
    assert tail_commits(1, 4) == {1}
    assert tail_commits(0, 2) == set()


def test_a_run_commits_ahead_when_the_extraction_left_is_about_as_long_as_the_commit():
    from indexer.library.library import COMMIT_SECONDS_PER_PASSAGE, commit_ahead

    cost = 2000 * COMMIT_SECONDS_PER_PASSAGE
    assert commit_ahead(2000, cost * 0.9)
    assert not commit_ahead(2000, cost * 1.5)  # the last files would wait for nothing: later
    assert not commit_ahead(0, 0.0)  # nothing to commit
    assert not commit_ahead(2000, None)  # no rate known yet


def test_growing_batches_cut_by_passages():
    from indexer.library.library import _growing_batches

    todo = [(f"s{i}", PENDING) for i in range(10)]
    counts = {sha: 1000 for sha, _ in todo}
    sizes = [len(part) for part in _growing_batches(todo, counts, 0)]
    assert sizes == [2, 2, 4, 2]  # 2,000 passages, then 2,000 (= indexed), then 4,000, then the rest
    assert sum(sizes) == len(todo)


def test_a_version_2_catalogue_is_read_without_upgrading_and_upgraded_when_written(tmp_path, docs):
    """Catalogue version 3 added documents.issue. Libraries installed from bundles of version 2 are
    read-only and cannot be upgraded: they must still open, search and show documents."""
    import sqlite3

    from indexer.library.reader import CatalogReader

    with Library.open(tmp_path / "lib", create=True) as lib:
        lib.add([docs], workers=1)
    conn = sqlite3.connect(tmp_path / "lib" / "catalog.db")
    conn.execute("ALTER TABLE documents DROP COLUMN issue")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'catalog_version'")
    conn.commit()
    conn.close()
    before = (tmp_path / "lib" / "catalog.db").read_bytes()

    with Library.open(tmp_path / "lib", read_only=True) as lib:
        assert hit_files(lib, "卡脖子") == {"news.pdf"}
        sha = lib.catalog.indexable()[0]
        assert [row["issue"] for row in lib.catalog.passage_rows(sha)][:1] == [""]
        doc_id = lib.catalog.db.execute("SELECT doc_id FROM documents LIMIT 1").fetchone()[0]
    with CatalogReader(tmp_path / "lib") as reader:
        assert reader.document(doc_id).meta.issue == ""
    assert (tmp_path / "lib" / "catalog.db").read_bytes() == before  # read, never upgraded

    with Library.open(tmp_path / "lib") as lib:  # a librarian's library is upgraded in place
        assert lib.catalog.get_meta("catalog_version") == "4"
        assert "issue" in lib.catalog.db["documents"].columns_dict


def test_a_version_3_catalogue_reads_the_version_4_fields_as_empty_and_gains_them_when_written(tmp_path, docs):
    """Catalogue version 4 added the documents' issuer, date and the details of papers and theses.
    A version 3 catalogue (a bundle installed read-only) opens, searches and shows its documents with
    those fields empty; opened for writing, it gains the columns and new extractions fill them."""
    import sqlite3

    from indexer.library.reader import CatalogReader
    from indexer.meta import DETAIL_KEYS

    with Library.open(tmp_path / "lib", create=True) as lib:
        lib.add([docs], workers=1)
    conn = sqlite3.connect(tmp_path / "lib" / "catalog.db")
    for key in DETAIL_KEYS:
        conn.execute(f"ALTER TABLE documents DROP COLUMN {key}")
    conn.execute("UPDATE meta SET value = '3' WHERE key = 'catalog_version'")
    conn.commit()
    conn.close()
    before = (tmp_path / "lib" / "catalog.db").read_bytes()

    with Library.open(tmp_path / "lib", read_only=True) as lib:
        assert hit_files(lib, "卡脖子") == {"news.pdf"}
        sha = lib.catalog.indexable()[0]
        row = next(lib.catalog.passage_rows(sha))
        assert (row["issuer"], row["date"], row["affiliations"]) == ("", "", [])
        doc_id = lib.catalog.db.execute("SELECT doc_id FROM documents LIMIT 1").fetchone()[0]
    with CatalogReader(tmp_path / "lib") as reader:
        meta = reader.document(doc_id).meta
        assert (meta.issuer, meta.journal, meta.affiliations, meta.supervisor) == ("", "", (), "")
    assert (tmp_path / "lib" / "catalog.db").read_bytes() == before  # read, never upgraded

    with Library.open(tmp_path / "lib") as lib:
        assert lib.catalog.get_meta("catalog_version") == "4"
        assert set(DETAIL_KEYS) <= set(lib.catalog.db["documents"].columns_dict)


def test_words_made_by_the_workers_are_used_only_for_the_text_they_were_cut_from() -> None:
    from indexer.library.library import WorkerWords
    from indexer.search import IndexedPassage

    def passage(pid: str, text: str, sha256: str = "f") -> IndexedPassage:
        return IndexedPassage(pid, "d", sha256, "x.pdf", 1, 1, 0, len(text), 0, text)

    words = WorkerWords()
    words.passages.update({"a": (4, "科技\x1f安全", [0, 1]), "b": (9, "旧\x1f文本", [0, 1]), "c": None,
                           "d": (0, "", [])})
    words.texts["f"] = {"科技安全": (4, "科技\x1f安全", [0, 1])}
    assert words.passage(passage("a", "科技安全")) == [("科技", 0), ("安全", 1)]
    assert words.passage(passage("b", "另一段不同长度的文本")) is None  # cut from another text: made again
    assert words.passage(passage("c", "x")) is None and words.passage(passage("zz", "x")) is None
    assert words.passage(passage("d", "")) == []
    assert words.passages == {}  # taken as used
    assert words.text(passage("a", ""), "科技安全") == [("科技", 0), ("安全", 1)]
    assert words.text(passage("a", ""), "别的标题") is None
    assert words.text(passage("a", "", sha256="g"), "科技安全") is None  # another file's
    words.done(["f"])
    assert words.texts == {}


def test_the_index_writer_takes_every_document_text_from_the_workers(make_pdf, tmp_path, monkeypatch) -> None:
    """The extraction workers cut the title, keywords and abstract the index cuts into words, so the
    writer never segments (nor loads jieba for) them; the index finds the documents by them."""
    from indexer.library.library import WorkerWords

    made = tmp_path / "docs" / "thesis.pdf"
    made.parent.mkdir()
    shutil.move(make_pdf([["# 数字治理的演进", "摘要：本文讨论数字治理与平台经济的关系，以及公共数据开放的路径。",
                           "关键词：数字治理；平台经济；算法", "一、引言。公共数据开放是数字治理的基础。" * 4]],
                         name="_thesis"), made)
    asked: list[tuple[str, bool]] = []
    text = WorkerWords.text

    def recording(self: WorkerWords, passage, value: str):
        found = text(self, passage, value)
        asked.append((value, found is not None))
        return found

    monkeypatch.setattr(WorkerWords, "text", recording)
    with Library.open(tmp_path / "lib", create=True) as lib:
        lib.add([made.parent], workers=1)
        assert {value for value, _ in asked} >= {"数字治理的演进", "数字治理；平台经济；算法"}
        assert all(found for _, found in asked)
        assert hit_files(lib, "平台经济") == {made.name}



def test_workers_started_ahead_are_used_or_stopped_once_the_files_are_known(library, docs):
    """`hanlin index` starts its workers before it opens the library: a run takes the ones its
    files need and stops the rest at once; with nothing to read, it stops them all."""
    from indexer.extract.sandbox import StartedWorkers

    with StartedWorkers(3) as started:
        processes = [worker.process for worker in started.workers]
        summary = library.add([docs], workers=2, started=started)
        files = len(summary.indexed)
        assert files == summary.found == 3 and not summary.failed
        assert started.workers == []  # two taken by the run, the third stopped
        assert not any(process.is_alive() for process in processes)
    with StartedWorkers(2) as started:
        processes = [worker.process for worker in started.workers]
        assert library.add([docs], workers=2, started=started).skipped == files
        assert started.workers == [] and not any(process.is_alive() for process in processes)


def test_the_index_command_loads_the_library_after_starting_its_workers():
    """`hanlin index --help` and the moment the workers start come before the library's modules
    (SQLite catalogue, Whoosh, NumPy: about a fifth of a second) are loaded."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from indexer.cli import build_parser\n"
        "build_parser('index').parse_args(['index', 'x', '--library', 'y'])\n"
        "print('indexer.library.library' in sys.modules, 'numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
