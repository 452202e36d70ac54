"""Classification marks: their order, per-document rows that survive re-indexing, read-only refusal."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from indexer.errors import LibraryError, MarkError
from indexer.extract.model import Document, ExtractResult, Passage
from indexer.library.catalog import Catalog, PathStat
from indexer.library.library import INSTALLED_MARKER, Library
from indexer.library.marks import DEFAULT_LEVELS, MarkLevels, clean_levels
from indexer.library.reader import CatalogReader
from indexer.meta import DocumentMeta

SHA_A, SHA_B, SHA_C = "a" * 64, "b" * 64, "c" * 64


def result(sha: str, titles: list[str]) -> ExtractResult:
    docs = [Document(DocumentMeta(title=t), first_page=1, last_page=1, passages=[Passage(1, f"{t}的正文", 0, 5, 1)])
            for t in titles]
    return ExtractResult(file="x.pdf", sha256=sha, pages=1, documents=docs, page_texts=["正文"])


def doc_id(sha: str, ordinal: int) -> str:
    return f"{sha[:16]}-{ordinal}"


@pytest.fixture
def catalog(tmp_path):
    cat = Catalog(tmp_path / "catalog.db")
    yield cat
    cat.close()


# ---------------------------------------------------------------------------- order


def test_levels_rank_and_highest():
    levels = MarkLevels()
    assert levels.levels == DEFAULT_LEVELS == ("公开", "内部", "秘密", "机密")
    assert levels.highest(["内部", "", "秘密", "公开"]) == "秘密"
    assert levels.highest(["", ""]) == "" and levels.highest([]) == ""
    assert levels.rank("") == 0 < levels.rank("公开") < levels.rank("机密") < levels.rank("绝密")


def test_covers_needs_the_same_or_a_higher_mark():
    levels = MarkLevels()
    assert levels.covers("", "") and levels.covers("内部", "")
    assert levels.covers("机密", "秘密") and levels.covers("秘密", "秘密")
    assert not levels.covers("内部", "秘密") and not levels.covers("", "公开")
    # A mark not in the list (a snapshot from another library) is covered only by itself.
    assert levels.covers("绝密", "绝密") and not levels.covers("机密", "绝密")


def test_check_and_clean_levels_refuse_bad_input():
    with pytest.raises(MarkError, match="not one of this library's marks"):
        MarkLevels().check("绝密")
    assert clean_levels([" 公开", "内部 "]) == ("公开", "内部")
    for bad in ([], ["公开", " "], ["公开", "公开"], ["a|b"]):
        with pytest.raises(MarkError):
            clean_levels(bad)


# ---------------------------------------------------------------------------- catalogue rows


def test_marks_survive_storing_the_same_content_again(catalog):
    catalog.store_result(SHA_A, [PathStat("/d/a.pdf", 1, 1)], result(SHA_A, ["甲文", "乙文"]))
    catalog.set_marks([doc_id(SHA_A, 1)], "秘密", "librarian")
    catalog.store_result(SHA_A, [PathStat("/d/a.pdf", 1, 2)], result(SHA_A, ["甲文", "乙文"]))  # re-extracted
    catalog.mark_all_pending()
    with CatalogReader(catalog.path.parent) as reader:
        assert reader.marks() == {doc_id(SHA_A, 1): "秘密"}
        assert reader.document(doc_id(SHA_A, 1)).mark == "秘密"
        assert reader.document(doc_id(SHA_A, 0)).mark == ""


def test_a_changed_file_at_the_same_path_keeps_its_marks_by_title_then_place(catalog):
    catalog.store_result(SHA_A, [PathStat("/d/a.pdf", 1, 1)], result(SHA_A, ["甲文", "乙文", "丙文"]))
    catalog.set_marks([doc_id(SHA_A, 0)], "内部", "x")
    catalog.set_marks([doc_id(SHA_A, 2)], "机密", "x")
    # Edited: a new article first, 甲文 moved to the second place, 丙文 retitled.
    catalog.store_result(SHA_B, [PathStat("/d/a.pdf", 2, 2)], result(SHA_B, ["新文", "甲 文", "丙文（修订）"]))
    with CatalogReader(catalog.path.parent) as reader:
        assert reader.marks([doc_id(SHA_B, i) for i in range(3)]) == {doc_id(SHA_B, 1): "内部",
                                                                       doc_id(SHA_B, 2): "机密"}
        assert reader.document(doc_id(SHA_A, 0)) is None  # the old content is gone


def test_marks_of_a_removed_content_come_back_with_the_same_bytes(catalog):
    catalog.store_result(SHA_A, [PathStat("/d/a.pdf", 1, 1)], result(SHA_A, ["甲文"]))
    catalog.set_marks([doc_id(SHA_A, 0)], "秘密", "x")
    catalog.prune(["/d/a.pdf"])
    catalog.mark_indexed([], [SHA_A])
    assert catalog.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    catalog.store_result(SHA_A, [PathStat("/e/copy.pdf", 1, 1)], result(SHA_A, ["甲文"]))
    with CatalogReader(catalog.path.parent) as reader:
        assert reader.marks() == {doc_id(SHA_A, 0): "秘密"}


def test_a_new_content_already_marked_keeps_its_own_mark(catalog):
    catalog.store_result(SHA_A, [PathStat("/d/a.pdf", 1, 1)], result(SHA_A, ["甲文"]))
    catalog.store_result(SHA_B, [PathStat("/d/b.pdf", 1, 1)], result(SHA_B, ["甲文"]))
    catalog.set_marks([doc_id(SHA_A, 0)], "机密", "x")
    catalog.set_marks([doc_id(SHA_B, 0)], "公开", "x")
    catalog.link_paths([(SHA_B, PathStat("/d/a.pdf", 2, 2))])  # a.pdf now holds b's bytes
    with CatalogReader(catalog.path.parent) as reader:
        assert reader.marks([doc_id(SHA_B, 0)]) == {doc_id(SHA_B, 0): "公开"}


def test_marking_an_unknown_document_is_refused(catalog):
    with pytest.raises(MarkError, match="no such document"):
        catalog.set_marks(["nope-0"], "秘密", "x")


def test_a_catalogue_without_the_marks_table_gets_it_and_readers_do_without(tmp_path):
    catalog = Catalog(tmp_path / "catalog.db")
    catalog.store_result(SHA_A, [PathStat("/d/a.pdf", 1, 1)], result(SHA_A, ["甲文"]))
    catalog.db.execute("DROP TABLE doc_marks")  # as written by Hanlin before marks existed
    catalog.close()
    with CatalogReader(tmp_path) as reader:
        assert reader.marks() == {} and reader.document(doc_id(SHA_A, 0)).mark == ""
        assert reader.mark_levels().levels == DEFAULT_LEVELS
    again = Catalog(tmp_path / "catalog.db")
    try:
        assert "doc_marks" in again.db.table_names()
    finally:
        again.close()


# ---------------------------------------------------------------------------- the library


@pytest.fixture
def library(tmp_path, make_pdf) -> Library:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, title in (("policy.pdf", "关于加强科技安全工作的通知"), ("paper.pdf", "新质生产力的内涵与路径")):
        made = make_pdf([[f"# {title}", "各地区要把科技安全摆在突出位置。" * 4]], name=f"_{name}")
        shutil.move(made, docs / name)
    lib = Library.open(tmp_path / "lib", create=True)
    lib.add([docs], workers=1)
    yield lib
    lib.close()


def test_library_marks_a_file_by_path_and_lists_it(library, tmp_path):
    ids = library.documents_of(tmp_path / "docs" / "policy.pdf")
    assert library.set_mark(ids, "秘密", set_by="资料员") == ids
    [marked] = library.marked_documents()
    assert (marked.doc_id, marked.mark, marked.set_by) == (ids[0], "秘密", "资料员")
    assert marked.title == "关于加强科技安全工作的通知" and marked.path.endswith("policy.pdf")
    assert library.documents_of(ids[0]) == ids
    assert library.clear_mark(ids) == ids and library.marks() == {}
    with pytest.raises(MarkError):
        library.documents_of(tmp_path / "docs" / "missing.pdf")


def test_unknown_mark_and_dropping_a_mark_in_use_are_refused(library, tmp_path):
    ids = library.documents_of(tmp_path / "docs" / "paper.pdf")
    with pytest.raises(MarkError, match="绝密"):
        library.set_mark(ids, "绝密")
    assert library.set_mark_levels(["公开", "内部", "秘密", "机密", "绝密"]).highest(["绝密", "机密"]) == "绝密"
    library.set_mark(ids, "绝密")
    with pytest.raises(MarkError, match="clear those marks first"):
        library.set_mark_levels(["公开", "秘密"])
    assert library.mark_levels().levels[-1] == "绝密"


def test_marks_survive_re_indexing_a_changed_file(library, tmp_path, make_pdf):
    target = tmp_path / "docs" / "policy.pdf"
    [old_id] = library.documents_of(target)
    library.set_mark([old_id], "内部")
    made = make_pdf([["# 关于加强科技安全工作的通知", "修订后的正文：健全科技安全风险监测预警体系。" * 3]], name="_v2.pdf")
    shutil.move(made, target)
    summary = library.add([tmp_path / "docs"], workers=1)
    assert summary.indexed == [str(target)]
    [new_id] = library.documents_of(target)
    assert new_id != old_id and library.marks() == {new_id: "内部"}


def test_a_read_only_library_refuses_marks_but_shows_them(library, tmp_path):
    ids = library.documents_of(tmp_path / "docs" / "policy.pdf")
    library.set_mark(ids, "秘密")
    library.close()
    (tmp_path / "lib" / INSTALLED_MARKER).write_text("{}", encoding="utf-8")
    with Library.open(tmp_path / "lib") as installed:
        assert installed.read_only and installed.marks() == {ids[0]: "秘密"}
        for write in (lambda: installed.set_mark(ids, "机密"), lambda: installed.clear_mark(ids),
                      lambda: installed.set_mark_levels(["公开"])):
            with pytest.raises(LibraryError, match="read-only"):
                write()
    with pytest.raises(sqlite3.OperationalError):  # and SQLite itself agrees
        conn = sqlite3.connect((tmp_path / "lib" / "catalog.db").resolve().as_uri() + "?mode=ro", uri=True)
        conn.execute("DELETE FROM doc_marks")


def test_reader_marks_for_a_page_of_hits(library, tmp_path):
    ids = library.documents_of(tmp_path / "docs" / "policy.pdf") + library.documents_of(tmp_path / "docs" / "paper.pdf")
    library.set_mark(ids[:1], "内部")
    with CatalogReader(Path(library.root)) as reader:
        assert reader.marks(ids) == {ids[0]: "内部"}
        assert reader.document(ids[0]).mark == "内部" and reader.document(ids[1]).mark == ""
