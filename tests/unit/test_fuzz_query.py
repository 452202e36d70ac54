"""Property-based robustness: random and adversarial strings never break the query parser, the
text normaliser, the folding and tokenising in `indexer.search.analysis`, or a search.

The only exception any of them may raise is our own `QuerySyntaxError` (from the parser and a
search). Adversarial strings are built from the query language's own pieces (quotes of every
kind, parentheses, OR/NOT/|/-, field names with ASCII and full-width colons, year ranges, stop
words) mixed with awkward characters: controls, lone surrogates (undecodable bytes on a command
line arrive as those), private use, Kangxi radicals, compatibility ideographs, ligatures,
combining marks, traditional characters, full-width forms and astral-plane Han.

Lone surrogates (what undecodable bytes on a command line become: ``hanlin search $'\\xff'``)
fold to U+FFFD before OpenCC sees them.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import QuerySyntaxError
from indexer.extract import normalize
from indexer.meta import DocumentMeta
from indexer.search import IndexedPassage, SearchIndex, analysis
from indexer.search import query as ql
from userdata.notes import search as notes_search
from userdata.notes.store import Anchor, NoteStore

PIECES = [
    "(", ")", '"', "“", "”", "「", "」", "|", "｜", "-", "－", "OR", "or", "NOT", "AND", "的", "是", "了", "和",
    "标题:", "标题：", "title:", "作者:", "author:", "来源:", "类型:", "type:", "文号:", "关键词:", "年份:", "year:",
    "年份:2020-2025", "year:-2019", "year:2020-", "年份：二〇二〇", "year:9999-0000", "year:", ":", "：",
    "科技安全", "数据安全法", "人民共和国", "COVID-19", "2030年", "30年", "…", "...", "　", " ", "\t", "\n",
    "\x00", "\x1b", "\u200b", "\ufeff", "\ue000", "⼈", "﨑", "ﬁ", "e\u0301", "𠀀", "𪚥",
    "臺灣", "國家", "ＡＢＣ１２３", "（", "）", "《", "》", "*", "?", "~", "^", "\\", "'", "`", "&&", "||",
    "policy", "政策", "论文", "新闻", "a" * 300, "科" * 500,
]

# Lone surrogates are left out here: see test_lone_surrogates_in_a_query below.
awkward_text = st.text(alphabet=st.characters(codec=None, exclude_categories=("Cs",)), max_size=80)
adversarial = st.lists(st.one_of(st.sampled_from(PIECES), awkward_text), max_size=12).map("".join)
any_query = st.one_of(awkward_text, adversarial)

LONG = 10_000
#: Query-language pieces that make queries deep or long when repeated.
RUN_PIECES = ["(", "-", "－", "NOT ", "（", '"', "科技 ", "科技 OR ", "a ", "科技|", "-(", "标题:科 ", "year:2020 ",
              "作者:张 ", "关键词:科技 ", '"科技" ', "科", "的 "]
runs = st.builds(lambda piece, n, tail: piece * n + tail, st.sampled_from(RUN_PIECES),
                 st.integers(1, LONG // 2), st.sampled_from(["", "科技", "科技 安全", ")" * 400]))
long_mix = st.lists(st.one_of(st.sampled_from(PIECES), awkward_text, runs), max_size=60).map("".join)
long_query = st.one_of(any_query, runs, long_mix).map(lambda s: s[:LONG])


def _parse(text: str):
    try:
        return ql.parse(text)
    except QuerySyntaxError:
        return None


@settings(max_examples=400, deadline=None)
@given(any_query)
def test_the_parser_raises_nothing_but_query_syntax_errors(text: str):
    node = _parse(text)
    if node is not None:
        ql.highlight_terms(node)


@pytest.fixture(scope="module")
def warm() -> None:
    """jieba and OpenCC loaded (seconds, once per process): the timing is of the parse alone."""
    analysis.init_segmenter()
    ql.parse("臺灣 科技")


@settings(max_examples=300, deadline=1000)  # ms: the machine is shared; parsing takes a few ms
@given(text=long_query)
def test_a_long_query_parses_or_is_refused_within_a_second(warm: None, text: str):
    started = time.perf_counter()
    node = _parse(text)
    if node is not None:
        ql.highlight_terms(node)
    assert time.perf_counter() - started < 1.0


@settings(max_examples=400, deadline=None)
@given(st.one_of(awkward_text, st.sampled_from(PIECES)))
def test_the_glyph_normaliser_raises_nothing(text: str):
    once = normalize.normalize_glyph(text)
    assert isinstance(once, str)
    normalize.is_unusable_glyph(text)
    for char in text[:20]:
        normalize.is_cjk(char)
        normalize.is_han(char)
    normalize.join_separator(text, once)
    normalize.join_separator(once, text)


@settings(max_examples=300, deadline=None)
@given(any_query)
def test_folding_maps_every_folded_character_back_to_the_original(text: str):
    folded, origin = analysis.fold_with_map(text)
    assert len(origin) == len(folded)
    assert all(0 <= i < len(text) for i in origin)
    assert origin == sorted(origin)
    assert isinstance(analysis.fold(text), str)


@settings(max_examples=300, deadline=None)
@given(any_query)
def test_tokenising_raises_nothing(text: str):
    folded = analysis.fold(text)
    for token in analysis.index_words(folded):
        assert token.text and 0 <= token.start <= token.end <= len(folded)
    analysis.query_words(folded)
    analysis.bigrams(folded)
    analysis.phrase_bigrams(folded)
    analysis.squeeze(folded)
    analysis.is_stop_word(folded)


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> SearchIndex:
    """A tiny index of a few passages, written directly (no PDFs needed)."""
    ix = SearchIndex.recreate(tmp_path_factory.mktemp("fuzz-index") / "index")
    texts = ["关于加强科技安全治理的若干意见：健全科技安全风险监测预警体系。",
             "数据安全法实施以来，中华人民共和国数据分类分级保护制度逐步落实。COVID-19 2030年",
             "臺灣地區的國家安全研究 ＡＢＣ１２３ ﬁnance ⼈才"]
    with ix.writer() as writer:
        for n, text in enumerate(texts):
            writer.add(IndexedPassage(passage_id=f"d{n}-0", doc_id=f"d{n}", file_sha256=f"{n:064d}", file=f"/f{n}.pdf",
                                      page=1, end_page=1, start=0, end=len(text), ordinal=0, text=text,
                                      meta=DocumentMeta(title=f"标题{n}", authors=("张三",), source="来源",
                                                        year=2020 + n, doc_type="policy"),
                                      keywords=["科技"]))
    yield ix
    ix.close()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=any_query, grouped=st.booleans(), sort=st.sampled_from(["relevance", "date"]))
def test_a_search_raises_nothing_but_query_syntax_errors(index: SearchIndex, query: str, grouped: bool, sort: str):
    try:
        results = index.search(query, limit=5, grouped=grouped, sort=sort)
    except QuerySyntaxError:
        return
    assert results.total >= 0
    assert len({h.passage_id for h in results.hits}) == len(results.hits)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=long_query)
def test_a_long_query_searches_or_is_refused(index: SearchIndex, query: str):
    try:
        results = index.search(query, limit=5)
    except QuerySyntaxError:
        return
    assert results.total >= 0


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    """A few notes with text, tags, a stance and an author."""
    store = NoteStore(tmp_path_factory.mktemp("fuzz-notes"), author="张三")
    store.add("c" * 64, Anchor("健全科技安全风险监测预警体系"), doc_title="科技安全治理意见",
              body_text="数据安全法 COVID-19 臺灣", tags=["科技", "数据安全"], stance="关注")
    store.add("c" * 64, Anchor("新安全格局"), doc_title="报告", body_text="以新安全格局保障新发展格局。")
    yield store.notes()
    store.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(long_query, st.lists(st.sampled_from(["标签:", "tag:", "立场:", "原文:", "内容:", "科技", " ", '"']),
                                            max_size=30).map("".join)))
def test_a_notes_search_raises_nothing_but_query_syntax_errors(notes, query: str):
    started = time.perf_counter()
    try:
        found = notes_search.search(notes, query)
    except QuerySyntaxError:
        found = []
    assert len(found) <= len(notes)
    assert time.perf_counter() - started < 5.0  # notes are matched in Python: generous, never a hang


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["\ud800", "\udcff", "科技", " "]), adversarial), min_size=1)
       .map("".join).filter(lambda s: any(0xD800 <= ord(c) <= 0xDFFF for c in s)))
def test_lone_surrogates_in_a_query(text: str):
    _parse(text)
    analysis.fold_with_map(text)
