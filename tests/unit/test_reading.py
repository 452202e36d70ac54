"""Read-only catalogue views: documents, passages, page texts, authors, vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import LibraryError
from indexer.extract.model import Document, ExtractResult, Passage
from indexer.library.catalog import Catalog, PathStat
from indexer.library.reader import CatalogReader, context
from indexer.meta import DocumentMeta

SHA_A = "a" * 64
SHA_B = "b" * 64


def result(sha: str) -> ExtractResult:
    first = Document(DocumentMeta(title="关于加强科技安全的通知", authors=("张三", "李四"), source="科技部", year=2024,
                                  doc_type="policy", doc_number="国科发〔2024〕1号"),
                     keywords=["科技安全"], first_page=1, last_page=2,
                     passages=[Passage(1, "第一段", 0, 3, 1), Passage(2, "第二段", 4, 7, 2)])
    second = Document(DocumentMeta(title="风险评估", authors=("张三",)), keywords=["风险", "科技安全"], first_page=2, last_page=2,
                      passages=[Passage(2, "第三段", 10, 13, 2)])
    return ExtractResult(file="x.pdf", sha256=sha, pages=2, documents=[first, second],
                         page_texts=["一页的文字", "二页的文字"], body_size=10.5, furniture={2: ["页眉"]})


@pytest.fixture
def library(tmp_path: Path) -> Path:
    catalog = Catalog(tmp_path / "catalog.db")
    catalog.store_result(SHA_A, [PathStat("/d/a.pdf", 10, 1)], result(SHA_A))
    catalog.close()
    return tmp_path


def test_document_with_file_and_layout(library):
    with CatalogReader(library) as reader:
        doc = reader.document(f"{SHA_A[:16]}-0")
    assert doc.title == "关于加强科技安全的通知" and doc.authors == ("张三", "李四")
    assert (doc.year, doc.doc_type, doc.first_page, doc.last_page) == (2024, "policy", 1, 2)
    assert doc.file.path == "/d/a.pdf" and doc.file.pages == 2
    assert doc.file.body_size == 10.5 and doc.file.furniture == {2: ["页眉"]}


def test_unknown_document_and_file_are_none(library):
    with CatalogReader(library) as reader:
        assert reader.document("nope") is None
        assert reader.file(SHA_B) is None


def test_passages_in_reading_order(library):
    with CatalogReader(library) as reader:
        doc_passages = reader.passages(f"{SHA_A[:16]}-0")
        file_passages = reader.file_passages(SHA_A)
    assert [(p.page, p.start, p.end, p.text) for p in doc_passages] == [(1, 0, 3, "第一段"), (2, 4, 7, "第二段")]
    assert [p.text for p in file_passages] == ["第一段", "第二段", "第三段"]


def test_page_texts_by_range(library):
    with CatalogReader(library) as reader:
        assert reader.page_texts(SHA_A) == {1: "一页的文字", 2: "二页的文字"}
        assert reader.page_texts(SHA_A, 2, 2) == {2: "二页的文字"}


def test_author_counts_and_vocabulary(library):
    with CatalogReader(library) as reader:
        counts = reader.author_counts([f"{SHA_A[:16]}-0", f"{SHA_A[:16]}-1", f"{SHA_A[:16]}-1"])
        words = reader.vocabulary()
        assert reader.document_count() == 2
        assert reader.paths() == ["/d/a.pdf"]
    assert counts == {"张三": 2, "李四": 1}
    assert words[0] == "科技安全"
    assert {"风险", "张三", "科技部", "风险评估"} <= set(words)
    assert len(words) == len(set(words))


def test_reader_never_writes(library):
    with CatalogReader(library) as reader, pytest.raises(Exception, match="readonly"):
        reader.db.execute("DELETE FROM documents")


def test_not_a_library(tmp_path):
    with pytest.raises(LibraryError):
        CatalogReader(tmp_path)


def test_context_is_clipped_to_the_text():
    assert context("甲乙丙丁戊己", 2, 4, width=1) == ("丙丁", "乙", "戊")
    assert context("甲乙", 0, 9) == ("甲乙", "", "")


def test_document_at_a_page(library):
    with CatalogReader(library) as reader:
        assert reader.document_at(SHA_A, 1) == f"{SHA_A[:16]}-0"
        assert reader.document_at(SHA_A, 2) == f"{SHA_A[:16]}-0"  # both hold page 2: the first
        assert reader.document_at(SHA_A, 9) == f"{SHA_A[:16]}-0"  # outside every document: the file's first
        assert reader.document_at(SHA_B, 1) is None
