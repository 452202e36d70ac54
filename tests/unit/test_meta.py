"""`DocumentMeta`: one type for a document's bibliographic fields; the JSON of its holders keeps its flat shape."""

from __future__ import annotations

import json

import pytest

from indexer.extract.model import Document, ExtractResult, PageWarning, Passage
from indexer.meta import META_KEYS, DocumentMeta, split_meta
from indexer.search import IndexedPassage
from indexer.search.results import Hit, SearchResults
from userdata.digest.model import SourceSnapshot

META = DocumentMeta(title="关于加强科技安全的通知", authors=("张三", "李四"), source="科技部", year=2024,
                    doc_type="policy", doc_number="国科发〔2024〕1号")
FLAT = {"title": "关于加强科技安全的通知", "authors": ["张三", "李四"], "source": "科技部", "year": 2024,
        "doc_type": "policy", "doc_number": "国科发〔2024〕1号", "issue": ""}
#: The fields added in catalogue version 4, empty.
DETAILS = {"issuer": "", "date": "", "journal": "", "volume": "", "pages": "", "affiliations": [], "degree": "",
           "institution": "", "supervisor": ""}


def test_json_round_trip_and_defaults():
    assert META.to_json() == {**FLAT, **DETAILS} and list(META.to_json()) == list(META_KEYS)
    assert DocumentMeta.from_json(json.loads(json.dumps(META.to_json()))) == META
    assert DocumentMeta.from_json({"title": "题名", "page": 3}) == DocumentMeta(title="题名")
    assert DocumentMeta().doc_type == "other" and DocumentMeta().year is None
    assert split_meta({**FLAT, "page": 3}) == (META, {"page": 3})


def test_meta_is_frozen_and_hashable():
    with pytest.raises(AttributeError):
        META.title = "另一个"  # type: ignore[misc]
    assert hash(META) == hash(DocumentMeta.from_json(FLAT))


def test_extract_json_keeps_the_old_flat_shape():
    doc = Document(META, keywords=["科技安全"], abstract="摘要", first_page=1, last_page=2,
                   passages=[Passage(1, "第一段", 0, 3, 1)])
    result = ExtractResult(file="x.pdf", sha256="a" * 64, pages=2, documents=[doc],
                           warnings=[PageWarning(2, "code", "message")], page_texts=["一", "二"])
    out = result.to_json()
    assert out["documents"] == [{
        "title": "关于加强科技安全的通知", "authors": ["张三", "李四"], "source": "科技部", "keywords": ["科技安全"],
        "abstract": "摘要", "year": 2024, "doc_type": "policy", "doc_number": "国科发〔2024〕1号", "issue": "", **DETAILS,
        "first_page": 1, "last_page": 2,
        "passages": [{"page": 1, "text": "第一段", "start": 0, "end": 3, "end_page": 1, "ocr": None}],
    }]
    assert list(out["documents"][0]) == ["title", "authors", "source", "keywords", "abstract", "year", "doc_type",
                                         "doc_number", "issue", *DETAILS, "first_page", "last_page", "passages"]
    assert list(out) == ["file", "sha256", "pages", "documents", "warnings", "body_size", "furniture", "ocr_pages"]
    assert ExtractResult.from_json(json.loads(json.dumps(result.to_json(include_page_texts=True)))) == result


def test_search_json_keeps_the_old_flat_shape():
    hit = Hit("p1", "d1", META, "/x.pdf", 2, "正文", "<b>正文</b>", 1.5, end_page=2, start=0, end=2, ordinal=0,
              file_sha256="a" * 64, more=[{"passage_id": "p2"}])
    assert hit.doc_title == META.title and hit.authors == META.authors and hit.doc_number == META.doc_number
    out = SearchResults("正文", 1, {}, [hit]).to_json()
    assert out["hits"] == [{
        "passage_id": "p1", "doc_id": "d1", "doc_title": "关于加强科技安全的通知", "file": "/x.pdf", "page": 2,
        "text": "正文", "highlight": "<b>正文</b>", "score": 1.5, "end_page": 2, "start": 0, "end": 2, "ordinal": 0,
        "file_sha256": "a" * 64, "authors": ["张三", "李四"], "source": "科技部", "year": 2024, "doc_type": "policy",
        "doc_number": "国科发〔2024〕1号", "issue": "", "issuer": "", "date": "", "match": "all",
        "more": [{"passage_id": "p2"}], "ocr": None, "versions": [],
    }]
    assert list(out["hits"][0]) == ["passage_id", "doc_id", "doc_title", "file", "page", "text", "highlight",
                                    "score", "end_page", "start", "end", "ordinal", "file_sha256", "authors",
                                    "source", "year", "doc_type", "doc_number", "issue", "issuer", "date", "match",
                                    "more", "ocr", "versions"]
    assert list(out) == ["query", "total", "facets", "hits", "suggestions", "elapsed_ms", "any_total", "grouped",
                         "sort", "expand", "expansions", "ignored"]


def test_indexed_passage_from_a_flat_catalogue_row():
    row = {"passage_id": "p1", "doc_id": "d1", "file_sha256": "s", "file": "/x.pdf", "page": 1, "end_page": 1,
           "start": 0, "end": 2, "ordinal": 0, "text": "正文", "keywords": ["科技"], "abstract": "摘要", **FLAT}
    passage = IndexedPassage.from_row(row)
    assert passage.meta == META and passage.keywords == ["科技"] and passage.title == META.title


def test_source_snapshot_json_keeps_the_old_flat_shape():
    snap = SourceSnapshot(META, abstract="摘要", first_page=1, last_page=3, path="/x.pdf", imprint="情报工程 2026年",
                          page_labels=((1, "37"),))
    out = snap.to_json()
    assert out == {**FLAT, **DETAILS, "abstract": "摘要", "first_page": 1, "last_page": 3, "path": "/x.pdf",
                   "imprint": "情报工程 2026年", "page_labels": [[1, "37"]]}
    assert list(out)[:len(META_KEYS) + 1] == [*META_KEYS, "abstract"]
    assert SourceSnapshot.from_json(json.loads(json.dumps(out))) == snap
    assert SourceSnapshot.from_json({"title": "旧", "unknown": 1}) == SourceSnapshot(DocumentMeta(title="旧"))


def test_facts_shown_beside_a_title():
    paper = DocumentMeta(title="题名", authors=("甲", "乙", "丙", "丁"), source="情报工程", year=2026, doc_type="paper",
                         issue="1", journal="情报工程", volume="12", date="2026")
    assert paper.facts() == ["2026", "情报工程 第12卷第1期", "甲、乙、丙等"]
    policy = DocumentMeta(title="通知", year=2021, doc_type="policy", doc_number="府教學字第1103718733號",
                          issuer="新竹縣政府", date="2021-09-30")
    assert policy.facts() == ["2021-09-30", "新竹縣政府", "府教學字第1103718733號"]  # the issuer when no author
    news = DocumentMeta(title="新闻", source="人民日报", issue="2025年10月20日 第01版", year=2025)
    assert news.facts() == ["2025", "人民日报 2025年10月20日 第01版"]
    thesis = DocumentMeta(title="论文", authors=("杨宗稳",), degree="工学硕士", institution="南开大学", date="2023-06")
    assert thesis.facts() == ["2023-06", "杨宗稳", "南开大学 工学硕士"]
