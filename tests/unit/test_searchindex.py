"""Searching a small real Whoosh index built from Chinese sentences (no mocks)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.errors import QuerySyntaxError
from indexer.meta import DocumentMeta
from indexer.search import IndexedPassage, IndexNeedsRebuild, SearchIndex
from indexer.search._whoosh.bulk import MERGE_FACTOR
from indexer.search.results import MATCH_ANY

DOCS = {
    "A": {"title": "科技情报支撑科技安全治理对策研究", "authors": ["王旭", "刘锐"], "source": "情报工程",
              "keywords": ["科技情报", "科技安全"], "abstract": "科技安全是国家安全的重要内容。", "year": 2024,
              "doc_type": "paper", "doc_number": ""},
    "B": {"title": "关于加强科技伦理治理的意见", "authors": [], "source": "国务院办公厅", "keywords": [], "abstract": "",
              "year": 2021, "doc_type": "policy", "doc_number": "国办发〔2021〕10号"},
    "C": {"title": "晋中市第38个爱国卫生月活动启动", "authors": ["刘佳桦"], "source": "晋中日报", "keywords": [],
              "abstract": "", "year": 2025, "doc_type": "news", "doc_number": ""},
    "D": {"title": "创新发展札记", "authors": [], "source": "", "keywords": [], "abstract": "", "year": None,
              "doc_type": "other", "doc_number": ""},
    "E": {"title": "臺灣地區科技風險報告", "authors": [], "source": "", "keywords": [], "abstract": "", "year": 2019,
              "doc_type": "other", "doc_number": ""},
}

PASSAGES = [
    ("A", "科技安全是国家安全的重要内容，科技情报工作连接创新前沿与安全底线。"),
    ("A", "省级科技数据中心的建设应当遵循统一标准、分级管理的原则。\nItgInsight是一款科技文本挖掘与可视化分析工具。"),
    ("B", "到2030年，基本建立覆盖全面、导向明确、规范有序、协调一致的科技伦理治理体制。"),
    ("B", "科技活动应当加强风险防范，健全风险监测预警机制，严禁开展违背科技伦理的研究。"),
    ("C", "本报讯 4月9日，晋中市第38个爱国卫生月活动启动仪式在左权县举行，旨在共同建设健康晋中。"),
    ("D", "加强科技安全保障能力建设，是创新发展的基础。"),
    ("D", "科技创新必须统筹发展和安全，这是创新发展的基础。"),
    ("E", "科技風險評估與預警機制的建立，需要資料中心的支持。"),
]


def passage(i: int, doc: str, text: str, sha: str | None = None) -> IndexedPassage:
    return IndexedPassage.from_row({
        "passage_id": f"p{i}", "doc_id": f"doc-{doc}", "file_sha256": sha or f"sha-{doc}", "file": f"/lib/{doc}.pdf",
        "page": 1 + i % 3, "end_page": 1 + i % 3, "start": 0, "end": len(text), "ordinal": i, "text": text, **DOCS[doc],
    })


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    ix = SearchIndex.recreate(tmp_path_factory.mktemp("ix") / "index")
    # Two commits: searches must see several segments, written with the inlining codec.
    with ix.writer() as writer:
        for i, (doc, text) in enumerate(PASSAGES[:4]):
            writer.add(passage(i, doc, text))
    with ix.writer() as writer:
        for i, (doc, text) in enumerate(PASSAGES[4:], 4):
            writer.add(passage(i, doc, text))
    yield ix
    ix.close()


def ids(results) -> list[str]:
    return [h.passage_id for h in results.hits]


def texts(results) -> list[str]:
    return [h.text for h in results.hits]


# ---------------------------------------------------------------- exact phrases


@pytest.mark.parametrize("phrase, expected", [
    ("技安", {"p0", "p5"}),          # inside the word 科技安全
    ("据中", {"p1"}),                # across the words 数据 | 中心
    ("30年", {"p2"}),                # inside the number 2030
    ("itginsight是", {"p1"}),        # Latin then Han, case folded
    ("数据中心", {"p1", "p7"}),       # 資料中心 is not 数据中心 ... but 資料 folds to 资料: only p1
])
def test_quoted_phrase_is_an_exact_substring(index, phrase, expected):
    found = set(ids(index.search(f'"{phrase}"', limit=50)))
    truth = {f"p{i}" for i, (_, t) in enumerate(PASSAGES) if phrase in t.lower()}
    assert found == truth
    assert truth <= expected


def test_phrase_across_a_line_break(index):
    # the text says 原则。\nItgInsight: phrases compare text without whitespace, punctuation included
    assert ids(index.search("“原则。ItgInsight”")) == ["p1"]
    assert ids(index.search("“则ItgInsight”")) == []


def test_phrase_does_not_jump_over_punctuation(index):
    assert ids(index.search('"防范健全"')) == []
    assert ids(index.search('"防范，健全"')) == ["p3"]


def test_traditional_query_finds_simplified_text_and_back(index):
    assert set(ids(index.search("風險"))) == {"p3", "p7"}
    assert set(ids(index.search('"预警机制"'))) == {"p3", "p7"}


def test_single_character_phrase(index):
    found = set(ids(index.search('"晋"', limit=50)))
    assert found == {"p4"}
    assert set(ids(index.search('"制"', limit=50))) == {"p2", "p3", "p7"}  # 制 at a text's end too


# ---------------------------------------------------------------- words and operators


def test_adjacent_words_rank_above_scattered_ones(index):
    results = index.search("科技安全", filters={"doc_id": "doc-D"})
    assert ids(results) == ["p5", "p6"][: len(results.hits)]
    assert ids(results)[0] == "p5"


def all_ids(results) -> set[str]:
    return {h.passage_id for h in results.hits if h.match == "all"}


def test_and_or_not(index):
    assert all_ids(index.search("科技伦理 风险")) == {"p3"}
    assert set(ids(index.search("爱国卫生月 OR 数据中心"))) >= {"p4", "p1"}
    assert "p3" not in ids(index.search("科技伦理 -风险"))
    assert "p2" in ids(index.search("科技伦理 -风险"))


def test_any_term_fallback_is_marked_and_ranked_below(index):
    results = index.search("科技伦理 爱国卫生月", limit=10)
    assert results.total == 0
    assert results.hits and all(h.match == MATCH_ANY for h in results.hits)
    assert {"p2", "p4"} <= set(ids(results))

    mixed = index.search("科技伦理 风险", limit=10)
    assert mixed.hits[0].passage_id == "p3" and mixed.hits[0].match == "all"
    tail = [h for h in mixed.hits if h.match == MATCH_ANY]
    assert tail and all(h.score < mixed.hits[0].score for h in tail)


def test_fields(index):
    assert {h.doc_id for h in index.search("标题:伦理").hits} == {"doc-B"}
    assert {h.doc_id for h in index.search("作者:王旭").hits} == {"doc-A"}
    assert {h.doc_id for h in index.search("author:佳桦").hits} == {"doc-C"}
    assert {h.doc_id for h in index.search("来源:国务院").hits} == {"doc-B"}
    assert {h.doc_id for h in index.search("文号:国办发").hits} == {"doc-B"}
    assert {h.doc_id for h in index.search("科技 类型:政策").hits} == {"doc-B"}
    assert {h.doc_id for h in index.search("科技 年份:2020-2024").hits} == {"doc-A", "doc-B"}
    assert {h.doc_id for h in index.search("标题:科技风险").hits} == {"doc-E"}  # 臺灣…風險 folded


def test_filter_only_queries(index):
    assert {h.doc_id for h in index.search("年份:2020-2024", limit=50).hits} == {"doc-A", "doc-B"}
    assert {h.doc_id for h in index.search("类型:政策", limit=50).hits} == {"doc-B"}
    assert {h.passage_id for h in index.search("年份:2021 -风险", limit=50).hits} == {"p2"}
    assert index.search("年份:2021 -风险").total == 1


def test_filters_argument(index):
    results = index.search("科技", filters={"doc_type": ["policy", "news"], "year": (2020, 2030)}, limit=50)
    assert {h.doc_id for h in results.hits} == {"doc-B"}


def test_facets_count_every_match(index):
    results = index.search("科技", limit=1)
    assert results.total == 7
    assert results.facets["doc_type"] == {"paper": 2, "policy": 2, "other": 3}
    assert results.facets["year"]["2024"] == 2 and results.facets["year"]["unknown"] == 2
    assert results.facets["source"] == {"情报工程": 2, "国务院办公厅": 2}
    assert results.facets["author"] == {"刘锐": 2, "王旭": 2}


def test_grouped_facets_count_documents(index):
    """Grouped (as the GUI searches), every facet counts documents, like `total`: A's two passages count once."""
    results = index.search("科技", limit=1, grouped=True)
    assert results.total == 4
    assert results.facets["doc_type"] == {"other": 2, "paper": 1, "policy": 1}
    assert results.facets["year"] == {"2019": 1, "2021": 1, "2024": 1, "unknown": 1}
    assert results.facets["source"] == {"国务院办公厅": 1, "情报工程": 1}
    assert results.facets["author"] == {"刘锐": 1, "王旭": 1}  # not C's 刘佳桦: C matches no 科技


def test_grouped_facets_count_a_document_under_each_value_its_passages_hold(tmp_path):
    """Facets of grouped results count documents from one value per document where all of its
    passages agree; where a document's passages differ (written with other metadata), it counts
    once under each value its matching passages hold, as a count of distinct pairs would."""
    ix = SearchIndex.recreate(tmp_path / "index")
    with ix.writer() as writer:
        for i, (doc, text) in enumerate(PASSAGES):
            writer.add(passage(i, doc, text))
    agreed = ix.search("科技", limit=5, grouped=True)
    with ix.writer() as writer:  # doc-B's second passage now says another year and author
        writer.add(IndexedPassage.from_row({
            "passage_id": "p99", "doc_id": "doc-B", "file_sha256": "sha-other", "file": "/lib/B2.pdf", "page": 2,
            "end_page": 2, "start": 0, "end": 9, "ordinal": 9, "text": "科技伦理审查的范围与程序。",
            **DOCS["B"], "year": 2018, "authors": ["赵敏"]}))
    mixed = ix.search("科技", limit=5, grouped=True)
    assert mixed.total == agreed.total == 4
    assert mixed.facets["doc_type"] == agreed.facets["doc_type"]
    assert mixed.facets["year"] == {**agreed.facets["year"], "2018": 1}
    assert mixed.facets["author"] == {**agreed.facets["author"], "赵敏": 1}
    assert ix.search("伦理审查", limit=5, grouped=True).facets["year"] == {"2018": 1}  # only p99 matches
    ix.close()


def test_author_facet_ignores_any_term_matches_and_filters_exactly(index):
    results = index.search("科技 晋中", grouped=True)
    assert results.total == 0 and results.any_total  # only any-term matches: their facets are shown
    assert results.facets["author"]["刘佳桦"] == 1
    strict = index.search("科技 安全", grouped=True, limit=50)
    assert "刘佳桦" not in strict.facets["author"]  # C is among the hits only as an any-term match
    assert index.search("科技", filters={"author": "刘锐"}, grouped=True).total == 1
    assert index.search("科技", filters={"author": "刘"}, grouped=True).total == 0  # a facet value is a whole name


def test_sort_by_date(index):
    years = [h.year or 0 for h in index.search("科技", sort="date", limit=50).hits]
    assert years == sorted(years, reverse=True)


def test_grouped_mode_gives_one_hit_per_document(index):
    results = index.search("科技", grouped=True, limit=50)
    docs = [h.doc_id for h in results.hits]
    assert len(docs) == len(set(docs)) == results.total == 4
    two = next(h for h in results.hits if h.doc_id == "doc-A")
    assert len(two.more) == 1 and two.more[0]["passage_id"] in {"p0", "p1"}
    # Its end page too: the window looks up the page holding the match only for passages running over pages.
    assert two.more[0]["end_page"] == two.more[0]["page"] == (2 if two.more[0]["passage_id"] == "p1" else 1)


def test_hit_carries_passage_and_highlight(index):
    hit = index.search("爱国卫生月").hits[0]
    assert hit.passage_id == "p4" and hit.doc_title == DOCS["C"]["title"] and hit.file == "/lib/C.pdf"
    assert "<b>爱国卫生月</b>" in hit.highlight and hit.text == PASSAGES[4][1]


def test_no_hits_suggests_words_of_the_library(index):
    results = index.search("伦埋")
    assert results.hits == [] and results.total == 0
    assert "伦理" in results.suggestions


def test_bad_syntax_raises(index):
    with pytest.raises(QuerySyntaxError):
        index.search('"科技')


# ---------------------------------------------------------------- writing and opening


def test_writer_cancels_and_reraises(tmp_path: Path):
    ix = SearchIndex.recreate(tmp_path / "ix")
    with ix.writer() as writer:
        writer.add(passage(0, "A", PASSAGES[0][1]))
    with pytest.raises(RuntimeError, match="boom"), ix.writer() as writer:
        writer.add(passage(1, "A", PASSAGES[1][1]))
        raise RuntimeError("boom")
    assert ix.doc_count() == 1
    with ix.writer() as writer:  # the lock was released
        writer.add(passage(1, "A", PASSAGES[1][1]))
    assert ix.doc_count() == 2
    ix.close()


def test_delete_file_and_new_generation_seen_by_an_open_index(tmp_path: Path):
    ix = SearchIndex.recreate(tmp_path / "ix")
    with ix.writer() as writer:
        for i, (doc, text) in enumerate(PASSAGES):
            writer.add(passage(i, doc, text))
    assert ix.search("爱国卫生月").hits
    with ix.writer() as writer:
        writer.delete_file("sha-C")
    assert ix.search("爱国卫生月").hits == []
    assert ix.doc_count() == len(PASSAGES) - 1
    ix.close()


MERGE_QUERIES = ('"技安"', "风险", '"30年"', "科技 OR 晋中", "安全", '"科技伦理治理"', "作者:王旭")


def _results(ix: SearchIndex) -> dict[str, list[str]]:
    return {q: sorted(ids(ix.search(q, limit=50))) for q in MERGE_QUERIES}


def test_small_commits_are_merged_by_size_tier_and_stay_searchable(tmp_path: Path):
    whole = SearchIndex.recreate(tmp_path / "whole")
    with whole.writer() as writer:
        for i, (doc, text) in enumerate(PASSAGES):
            writer.add(passage(i, doc, text))
    expected = _results(whole)
    whole.close()
    ix = SearchIndex.recreate(tmp_path / "ix")
    counts = []
    for i, (doc, text) in enumerate(PASSAGES):
        with ix.writer() as writer:
            writer.add(passage(i, doc, text))
        counts.append(ix.segment_count())
    assert len(PASSAGES) == MERGE_FACTOR
    # One segment per commit until a size tier holds MERGE_FACTOR of them, then one.
    assert counts == [*range(1, MERGE_FACTOR), 1]
    assert _results(ix) == expected and expected['"技安"'] == ["p0", "p5"]
    ix.close()


def test_optimize_merges_every_segment_and_drops_deleted_passages(tmp_path: Path):
    ix = SearchIndex.recreate(tmp_path / "ix")
    for start in (0, 3, 6):
        with ix.writer() as writer:
            for i in range(start, min(start + 3, len(PASSAGES))):
                writer.add(passage(i, *PASSAGES[i]))
    before = _results(ix)
    assert ix.segment_count() == 3
    with ix.writer() as writer:
        writer.delete_file("sha-C")
    assert ix.search("爱国卫生月").hits == []
    ix.optimize()
    assert ix.segment_count() == 1
    assert ix.doc_count() == len(PASSAGES) - 1
    assert ix.search("爱国卫生月").hits == []
    after = _results(ix)
    gone = {f"p{i}" for i, (doc, _) in enumerate(PASSAGES) if doc == "C"}
    assert after == {q: [h for h in hits if h not in gone] for q, hits in before.items()}
    ix.close()


def test_open_missing_without_create(tmp_path: Path):
    with pytest.raises(IndexNeedsRebuild, match="没有可用的索引"):
        SearchIndex.open(tmp_path / "none", create=False)
    created = SearchIndex.open(tmp_path / "new")
    assert created.doc_count() == 0
    created.close()


def test_schema_version_mismatch_needs_rebuild(tmp_path: Path):
    SearchIndex.recreate(tmp_path / "ix").close()
    (tmp_path / "ix" / "hanlin-schema-version").write_text("0\n", encoding="utf-8")
    with pytest.raises(IndexNeedsRebuild, match="版本 0"):
        SearchIndex.open(tmp_path / "ix")


def test_corrupt_index_needs_rebuild(tmp_path: Path):
    ix = SearchIndex.recreate(tmp_path / "ix")
    with ix.writer() as writer:
        writer.add(passage(0, "A", PASSAGES[0][1]))
    ix.close()
    for seg in (tmp_path / "ix").glob("MAIN_*.*"):
        seg.write_bytes(b"\0" * 64)
    with pytest.raises(IndexNeedsRebuild, match="损坏"):
        SearchIndex.open(tmp_path / "ix")


def test_a_passage_with_empty_fields_is_found_without_error(tmp_path: Path):
    """`_document` stores no empty field, so a hit must not require the text or the file hash
    (a KeyError on 'text' before)."""
    ix = SearchIndex.recreate(tmp_path / "index")
    with ix.writer() as writer:
        writer.add(IndexedPassage(passage_id="p0", doc_id="d0", file_sha256="", file="/lib/x.pdf", page=1,
                                  end_page=1, start=0, end=0, ordinal=0, text="",
                                  meta=DocumentMeta(title="科技安全治理")))
    try:
        for grouped in (False, True):
            results = ix.search("标题:科技安全", grouped=grouped)
            assert [(h.passage_id, h.text, h.file_sha256, h.highlight) for h in results.hits] == [("p0", "", "", "")]
    finally:
        ix.close()


def test_schema_and_codec_survive_pickling():
    """The index's table of contents pickles the schema (tokenizers included) and the codec."""
    import pickle

    from indexer.search._whoosh.schema import HanlinCodec, build_schema

    schema = pickle.loads(pickle.dumps(build_schema()))
    tokens = [t.text for t in schema["grams"].analyzer("科技 安全")]
    assert tokens == ["科技", "技安", "安全", "全_"]
    assert isinstance(pickle.loads(pickle.dumps(HanlinCodec())), HanlinCodec)


WHOOSH_DIR = Path(__file__).resolve().parents[2] / "indexer" / "search" / "_whoosh"


def test_only_the_private_back_end_imports_whoosh():
    package = WHOOSH_DIR.parents[1]
    importers = {p.relative_to(package).as_posix() for p in package.rglob("*.py")
                 if re.search(r"^\s*(from|import) whoosh", p.read_text(encoding="utf-8"), re.MULTILINE)}
    assert importers == {f"search/_whoosh/{name}.py" for name in ("adapter", "bulk", "codec", "index", "pack", "planned", "ranking",
                                                                               "schema")}


def private_attributes(path: Path) -> tuple[set[str], set[str]]:
    """(private names read on `self`, private names read on anything else) in one module."""
    import ast

    on_self, on_others = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value.id if isinstance(node.value, ast.Name) else ""
            (on_self if owner in ("self", "cls") else on_others).add(node.attr)
    return on_self, on_others


def test_whoosh_internals_are_named_only_in_the_adapter():
    """Outside `adapter`, the back end reads no private attribute of a Whoosh object: the
    codec's subclasses use on `self` only what `adapter.SUBCLASSED` lists, and the other
    modules only their own attributes (the index's `_ix`, their own helpers)."""
    from indexer.search._whoosh import adapter

    listed = {name for names in adapter.SUBCLASSED.values() for name in names}
    whoosh_private = {"_terms", "_postfile", "_perdoc", "_cached_reader", "_count", "_dbfile", "_basepos",
                      "_segments", "_lenfield"}
    on_self, on_others = private_attributes(WHOOSH_DIR / "codec.py")
    assert on_self <= listed, on_self - listed
    assert not on_others & whoosh_private
    for name in ("index", "ranking", "schema"):
        _, on_others = private_attributes(WHOOSH_DIR / f"{name}.py")
        assert not on_others & (whoosh_private | listed) - {"_ix"}, (name, on_others)
    for cls, names in adapter.SUBCLASSED.items():  # what the codec overrides exists in this Whoosh
        methods = [n for n in names if n in ("_write_block", "_new_block", "_goto", "_read_data", "_read_ids",
                                             "_read_weights")]
        assert all(callable(getattr(cls, n, None)) for n in methods), cls


def test_a_whoosh_other_than_the_tested_one_is_refused_clearly():
    from indexer.errors import LibraryError
    from indexer.search._whoosh import adapter

    adapter.check_version()  # the installed one is the tested one
    with pytest.raises(LibraryError, match=r"Whoosh-Reloaded 2\.7\.5.*2\.7\.6"):
        adapter.check_version((2, 7, 6))


def test_indexes_written_before_the_back_end_moved_still_open():
    """Their tables of contents pickle the schema's classes as ``indexer.schema.…``."""
    import pickle

    from indexer.search._whoosh.schema import build_schema

    old = pickle.dumps(build_schema(), protocol=0).replace(b"indexer.search._whoosh.schema\n", b"indexer.schema\n")
    assert b"cindexer.schema\n" in old
    schema = pickle.loads(old)
    assert [t.text for t in schema["grams"].analyzer("科技")] == ["科技", "技_"]


def test_truncated_table_of_contents_needs_rebuild(tmp_path: Path):
    ix = SearchIndex.recreate(tmp_path / "ix")
    with ix.writer() as writer:
        writer.add(passage(0, "A", PASSAGES[0][1]))
    ix.close()
    toc = next((tmp_path / "ix").glob("_MAIN_*.toc"))
    toc.write_bytes(toc.read_bytes()[: toc.stat().st_size // 2])
    with pytest.raises(IndexNeedsRebuild, match="损坏"):
        SearchIndex.open(tmp_path / "ix")


def _policy(i: int, issuer: str, text: str) -> IndexedPassage:
    meta = DocumentMeta(title=f"通知{i}", doc_type="policy", issuer=issuer, date="2022-03-20" if issuer else "")
    return IndexedPassage(passage_id=f"q{i}", doc_id=f"q{i}", file_sha256=f"sq{i}", file=f"/x/q{i}.pdf", page=1,
                          end_page=1, start=0, end=len(text), ordinal=0, text=text, meta=meta)


POLICIES = [("国务院办公厅", "加强科技伦理治理。"), ("科学技术部", "科技伦理审查办法。"), ("", "科技伦理札记。")]


def test_the_issuer_is_stored_counted_and_filtered(tmp_path: Path):
    ix = SearchIndex.recreate(tmp_path / "ix")
    with ix.writer() as writer:
        for i, (issuer, text) in enumerate(POLICIES):
            writer.add(_policy(i, issuer, text))
    results = ix.search("科技伦理")
    assert results.facets["issuer"] == {"国务院办公厅": 1, "科学技术部": 1}
    narrowed = ix.search("科技伦理", filters={"issuer": "科学技术部"})
    assert [(h.passage_id, h.issuer, h.date) for h in narrowed.hits] == [("q1", "科学技术部", "2022-03-20")]
    ix.close()


def test_an_index_older_than_the_issuer_facet_still_takes_and_finds_passages(tmp_path: Path):
    """No schema version change for the issuer facet: an index whose schema lacks its column (a
    library or an installed bundle built before it) is written and searched as it is."""
    import whoosh.index

    from indexer.search._whoosh.index import VERSION_FILE
    from indexer.search._whoosh.schema import SCHEMA_VERSION, build_schema

    path = tmp_path / "ix"
    path.mkdir()
    older = build_schema()
    older.remove("issuer_facet")
    whoosh.index.create_in(str(path), older)
    (path / VERSION_FILE).write_text(f"{SCHEMA_VERSION}\n", encoding="utf-8")
    ix = SearchIndex.open(path)
    with ix.writer() as writer:
        for i, (issuer, text) in enumerate(POLICIES):
            writer.add(_policy(i, issuer, text))
    results = ix.search("科技伦理")
    assert results.total == 3 and results.facets["issuer"] == {}
    assert ix.search("科技伦理", filters={"issuer": "科学技术部"}).hits == []
    assert {h.issuer for h in results.hits} == {"国务院办公厅", "科学技术部", ""}  # stored with the passage
    ix.close()


def test_a_search_after_close_keeps_no_index_file_open(tmp_path: Path):
    """A thread that still holds a closed index (a warm-up search when the user has switched
    libraries) may search it, but nothing of it stays open afterwards."""
    ix = SearchIndex.recreate(tmp_path / "ix")
    with ix.writer() as writer:
        for i, (doc, text) in enumerate(PASSAGES):
            writer.add(passage(i, doc, text))

    def open_index_files() -> list[str]:
        fds = Path("/proc/self/fd")
        targets = [str(p.readlink()) for p in fds.iterdir() if p.is_symlink()] if fds.is_dir() else []
        return [t for t in targets if t.startswith(str(tmp_path / "ix"))]

    assert ix.search("科技").hits and open_index_files()  # an open searcher keeps its files
    ix.close()
    assert open_index_files() == []
    assert ix.search("科技").hits and ix.doc_count() == len(PASSAGES)
    assert open_index_files() == []


def _file(i: int, name: str) -> IndexedPassage:
    text = f"数据要素市场化配置改革{i}。"
    return IndexedPassage(passage_id=f"f{i}", doc_id=f"f{i}", file_sha256=f"sf{i}", file=f"/x/{name}", page=1,
                          end_page=1, start=0, end=len(text), ordinal=0, text=text, meta=DocumentMeta(title=name))


FILES = ["a.pdf", "b.OFD", "c.docx", "d.htm", "e.md", "f.ofd"]


def test_the_format_is_counted_and_filtered(tmp_path: Path):
    ix = SearchIndex.recreate(tmp_path / "ix")
    with ix.writer() as writer:
        for i, name in enumerate(FILES):
            writer.add(_file(i, name))
    results = ix.search("数据要素")
    assert results.facets["format"] == {"pdf": 1, "ofd": 2, "word": 1, "web": 1, "text": 1}
    narrowed = ix.search("数据要素", filters={"format": "ofd"})
    assert sorted(h.passage_id for h in narrowed.hits) == ["f1", "f5"]
    ix.close()


def test_an_index_older_than_the_format_facet_still_takes_and_finds_passages(tmp_path: Path):
    import whoosh.index

    from indexer.search._whoosh.index import VERSION_FILE
    from indexer.search._whoosh.schema import SCHEMA_VERSION, build_schema

    path = tmp_path / "ix"
    path.mkdir()
    older = build_schema()
    older.remove("format_facet")
    whoosh.index.create_in(str(path), older)
    (path / VERSION_FILE).write_text(f"{SCHEMA_VERSION}\n", encoding="utf-8")
    ix = SearchIndex.open(path)
    with ix.writer() as writer:
        for i, name in enumerate(FILES):
            writer.add(_file(i, name))
    results = ix.search("数据要素")
    assert results.total == 6 and results.facets["format"] == {}
    assert ix.search("数据要素", filters={"format": "ofd"}).hits == []
    ix.close()
