"""The catalogue: rows per content, path links, orphans, index states, failures, storage errors."""

from __future__ import annotations

import pytest

from indexer.errors import ExtractionError, LibraryError
from indexer.extract.model import Document, ExtractResult, Passage
from indexer.library.catalog import DELETING, DONE, PENDING, Catalog, PathStat
from indexer.meta import DocumentMeta

SHA_A = "a" * 64
SHA_B = "b" * 64


def result(sha: str, texts: list[str], title: str = "关于加强科技安全的通知") -> ExtractResult:
    passages = [Passage(page=i + 1, text=t, start=0, end=len(t), end_page=i + 1) for i, t in enumerate(texts)]
    meta = DocumentMeta(title=title, authors=("张三", "李四"), year=2024, doc_type="policy", doc_number="国科发〔2024〕1号")
    doc = Document(meta, keywords=["科技安全"], last_page=len(texts), passages=passages)
    return ExtractResult(file="x.pdf", sha256=sha, pages=len(texts), documents=[doc])


def stat(path: str, size: int = 100, mtime: int = 1) -> PathStat:
    return PathStat(path, size, mtime)


@pytest.fixture
def catalog(tmp_path):
    cat = Catalog(tmp_path / "catalog.db")
    yield cat
    cat.close()


def states(catalog: Catalog) -> dict[str, str]:
    return dict(catalog.db.execute("SELECT sha256, index_state FROM files").fetchall())


def test_stored_result_is_pending_until_marked(catalog):
    catalog.store_result(SHA_A, [stat("/d/a.pdf")], result(SHA_A, ["第一段科技安全", "第二段"]))
    assert catalog.needing_index() == [(SHA_A, PENDING)]
    assert catalog.count_indexed_passages() == 0
    catalog.mark_indexed([SHA_A], [])
    assert catalog.needing_index() == []
    assert catalog.count_indexed_passages() == 2


def test_passage_rows_carry_document_metadata(catalog):
    catalog.store_result(SHA_A, [stat("/d/a.pdf")], result(SHA_A, ["甲", "乙"]))
    rows = list(catalog.passage_rows(SHA_A))
    assert [r["text"] for r in rows] == ["甲", "乙"]
    assert [r["ordinal"] for r in rows] == [0, 1]
    first = rows[0]
    assert first["file"] == "/d/a.pdf" and first["file_sha256"] == SHA_A
    assert first["authors"] == ["张三", "李四"] and first["keywords"] == ["科技安全"]
    assert first["year"] == 2024 and first["doc_number"] == "国科发〔2024〕1号"
    assert len({r["passage_id"] for r in rows}) == 2


def test_every_metadata_field_is_stored_and_read_back(catalog, tmp_path):
    from indexer.library.reader import CatalogReader
    from indexer.search import IndexedPassage

    meta = DocumentMeta(title="数字拟人品", authors=("罗兴武", "孙萌"), source="管理世界", year=2024, doc_type="paper",
                        issue="3", issuer="", date="2024-03", journal="管理世界", volume="40", pages="24-45",
                        affiliations=("浙江财经大学工商管理学院", "浙江大学管理学院"), degree="", institution="",
                        supervisor="")
    thesis = DocumentMeta(title="一种方法研究", authors=("杨宗稳",), year=2023, doc_type="paper", date="2023-06",
                          degree="工学硕士", institution="南开大学", supervisor="蒲凌君")
    docs = [Document(m, last_page=1, passages=[Passage(1, "正文", 0, 2, 1)]) for m in (meta, thesis)]
    catalog.store_result(SHA_A, [stat("/d/a.pdf")], ExtractResult("a.pdf", SHA_A, 1, documents=docs))
    rows = list(catalog.passage_rows(SHA_A))
    assert [IndexedPassage.from_row(row).meta for row in rows] == [meta, thesis]
    with CatalogReader(tmp_path) as reader:
        assert reader.document(rows[0]["doc_id"]).meta == meta
        assert reader.document(rows[1]["doc_id"]).meta == thesis


def test_second_path_to_same_content_is_linked(catalog):
    catalog.store_result(SHA_A, [stat("/d/a.pdf")], result(SHA_A, ["甲"]))
    catalog.link_paths([(SHA_A, stat("/e/copy.pdf"))])
    assert set(catalog.known_paths()) == {"/d/a.pdf", "/e/copy.pdf"}
    assert catalog.stats()["files_ok"] == 1 and catalog.stats()["paths"] == 2


def test_changed_content_orphans_the_old_one(catalog):
    catalog.store_result(SHA_A, [stat("/d/a.pdf")], result(SHA_A, ["旧"]))
    catalog.mark_indexed([SHA_A], [])
    catalog.store_result(SHA_B, [stat("/d/a.pdf", mtime=2)], result(SHA_B, ["新"]))
    assert states(catalog) == {SHA_A: DELETING, SHA_B: PENDING}
    assert [r["text"] for r in catalog.passage_rows(SHA_A)] == []
    assert not catalog.has_content(SHA_A)
    catalog.mark_indexed([SHA_B], [SHA_A])
    assert states(catalog) == {SHA_B: DONE}


def test_prune_drops_content_without_paths_and_moves_shown_path(catalog):
    catalog.store_result(SHA_A, [stat("/d/a.pdf"), stat("/e/a.pdf")], result(SHA_A, ["甲"]))
    catalog.store_result(SHA_B, [stat("/d/b.pdf")], result(SHA_B, ["乙"]))
    catalog.mark_indexed([SHA_A, SHA_B], [])
    assert catalog.prune(["/d/a.pdf", "/d/b.pdf"]) == 2
    assert states(catalog) == {SHA_A: PENDING, SHA_B: DELETING}  # A is re-indexed under its new path
    assert catalog.content_path(SHA_A) == "/e/a.pdf"
    assert catalog.stats()["passages"] == 1


def test_failure_is_recorded_with_reason(catalog):
    error = ExtractionError("/d/bad.pdf", "encrypted", "PDF 设有打开密码 (password protected)")
    catalog.store_failure(SHA_A, [stat("/d/bad.pdf")], error)
    [failure] = catalog.failures()
    assert (failure.path, failure.reason) == ("/d/bad.pdf", "encrypted")
    assert catalog.needing_index() == []  # nothing to index
    assert catalog.stats()["files_failed"] == 1


def test_rebuild_marks_everything_pending(catalog):
    catalog.store_result(SHA_A, [stat("/d/a.pdf")], result(SHA_A, ["甲"]))
    catalog.mark_indexed([SHA_A], [])
    catalog.mark_all_pending()
    assert catalog.needing_index() == [(SHA_A, PENDING)]


def test_reopening_keeps_everything(tmp_path):
    first = Catalog(tmp_path / "catalog.db")
    first.store_result(SHA_A, [stat("/d/a.pdf")], result(SHA_A, ["甲", "乙"]))
    first.close()
    again = Catalog(tmp_path / "catalog.db")
    assert again.stats()["passages"] == 2
    assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()


def test_newer_catalogue_is_refused(tmp_path):
    cat = Catalog(tmp_path / "catalog.db")
    cat.set_meta("catalog_version", "999")
    cat.close()
    with pytest.raises(LibraryError, match="newer"):
        Catalog(tmp_path / "catalog.db")


def test_full_disk_raises_library_error_and_keeps_stored_rows(catalog):
    catalog.store_result(SHA_A, [stat("/d/a.pdf")], result(SHA_A, ["甲"]))
    pages = catalog.db.execute("PRAGMA page_count").fetchone()[0]
    catalog.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
    with pytest.raises(LibraryError, match="disk is full"):
        catalog.store_result(SHA_B, [stat("/d/b.pdf")], result(SHA_B, ["乙" * 20000] * 20))
    assert catalog.stats()["passages"] == 1
    assert set(catalog.known_paths()) == {"/d/a.pdf"}


def test_not_a_database_raises_library_error(tmp_path):
    path = tmp_path / "catalog.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="corrupt"):
        Catalog(path)


def test_page_texts_and_layout_params_let_a_page_be_located_again(tmp_path, seeds_dir):
    from indexer.extract.locate import page_text
    from indexer.extract.pipeline import extract_pdf
    from indexer.library.catalog import Catalog, PathStat

    path = seeds_dir / "000-journal-two-column.pdf"
    result = extract_pdf(path)
    catalog = Catalog(tmp_path / "catalog.db")
    try:
        catalog.store_result(result.sha256, [PathStat(str(path), 1, 1)], result)
        body, furniture = catalog.layout_params(result.sha256)
        stored = catalog.page_text(result.sha256, 2)
    finally:
        catalog.close()
    assert stored == result.page_texts[1]
    assert page_text(path, 2, body, furniture.get(2)).text == stored


def test_a_version_1_catalogue_is_upgraded_in_place(tmp_path):
    import sqlite3

    from indexer.library.catalog import CATALOG_VERSION, Catalog

    db = tmp_path / "catalog.db"
    conn = sqlite3.connect(db)
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
        "INSERT INTO meta VALUES ('catalog_version', '1');"
        "CREATE TABLE files (sha256 TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER, pages INTEGER DEFAULT 0,"
        " status TEXT NOT NULL, error_reason TEXT, error_message TEXT, warnings TEXT DEFAULT '[]',"
        " documents INTEGER DEFAULT 0, passages INTEGER DEFAULT 0, extracted_at REAL, indexed_at REAL,"
        " index_state TEXT NOT NULL);"
        "INSERT INTO files(sha256, path, status, index_state) VALUES ('ab', '/x.pdf', 'ok', 'done');"
    )
    conn.commit()
    conn.close()
    catalog = Catalog(db)
    try:
        assert catalog.get_meta("catalog_version") == str(CATALOG_VERSION)
        assert {"body_size", "furniture"} <= set(catalog.db["files"].columns_dict)
        assert catalog.layout_params("ab") is None  # extracted before the columns existed
        assert "page_texts" in catalog.db.table_names()
    finally:
        catalog.close()
