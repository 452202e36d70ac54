"""The numpy search path against Whoosh's own reading and scoring, on a real multi-segment index.

The index holds posting lists longer than one block (`codec.BLOCK_LIMIT`), inlined short
lists, several segments, deleted documents and a merged (optimized) copy, so each way a
posting list can be stored is read both by Whoosh's matchers and by `indexer.search._whoosh.codec`.
"""

from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq
from whoosh import scoring

from indexer.meta import DocumentMeta
from indexer.search import analysis
from indexer.search._whoosh import arrays, codec
from indexer.search._whoosh.index import FACETS, IndexedPassage, SearchIndex
from indexer.search._whoosh.ranking import Evaluator, Vectors, bigram_cover, phrase_docs

WORDS = ["科技", "安全", "创新", "发展", "数据", "中心", "治理", "风险", "政策", "研究", "国家", "能力",
         "建设", "体系", "人工智能", "新质生产力", "产业", "标准"]
N = 2600


def _text(rnd: random.Random) -> str:
    return "，".join("".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 6)))
                    for _ in range(rnd.randint(2, 8))) + "。"


def _rows() -> list[IndexedPassage]:
    rnd = random.Random(7)
    rows = []
    for i in range(N):
        doc = i // 10
        text = _text(rnd)
        rows.append(IndexedPassage(passage_id=f"p{i}", doc_id=f"d{doc}", file_sha256=f"sha{doc}", file=f"/f{doc}.pdf",
                                   page=1, end_page=1, start=0, end=len(text), ordinal=i % 10, text=text,
                                   meta=DocumentMeta(title=f"{rnd.choice(WORDS)}{rnd.choice(WORDS)}报告",
                                                     year=2000 + doc % 25,
                                                     doc_type=rnd.choice(["policy", "paper", "news"]),
                                                     source=rnd.choice(["甲报", "乙刊"]))))
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    analysis.init_segmenter()
    rows = _rows()
    root = tmp_path_factory.mktemp("rank")
    ix = SearchIndex.recreate(root / "index")
    for begin in (0, 1200, 2000):  # three segments, the first with lists longer than a block
        with ix.writer() as writer:
            for row in rows[begin:{0: 1200, 1200: 2000, 2000: N}[begin]]:
                writer.add(row)
    with ix.writer() as writer:  # deletions in an older segment
        for doc in (3, 150):
            writer.delete_file(f"sha{doc}")
    merged_path = root / "merged"
    shutil.copytree(root / "index", merged_path)
    merged = SearchIndex.open(merged_path, create=False)
    merged.optimize()
    merged.close()
    merged = SearchIndex.open(merged_path, create=False)
    yield {"rows": rows, "split": ix, "merged": merged}
    ix.close()
    merged.close()


@pytest.fixture(params=["split", "merged"])
def index(request, built) -> SearchIndex:
    return built[request.param]


def test_postings_read_as_arrays_equal_whoosh_matchers(index: SearchIndex):
    reader = index._current_searcher().reader()
    longest = 0
    for field, term in [("content", "科技"), ("grams", "技安"), ("grams", "生产"), ("title", "报告"),
                        ("doc_type", "policy"), ("grams", "力_"), ("content", "没有的词")]:
        for seg, _ in reader.leaf_readers():
            got = codec.term_postings(seg, field, term, positions=field == "grams")
            if (field, term) not in seg:
                assert got.ids.size == 0
                continue
            ids, weights, positions = [], [], []
            m = seg.postings(field, term)
            while m.is_active():
                ids.append(m.id())
                weights.append(m.weight())
                if field == "grams":
                    positions.extend(m.value_as("positions"))
                m.next()
            # Whoosh's reader leaves deleted documents out; the arrays keep them (masked later).
            live = np.array([not seg.is_deleted(int(d)) for d in got.ids], dtype=bool)
            assert got.ids[live].tolist() == ids
            assert np.allclose(got.weights[live], weights)
            if field == "grams":
                kept = np.repeat(live, got.counts)
                assert got.positions[kept].tolist() == positions
            longest = max(longest, len(ids))
    assert longest > codec.BLOCK_LIMIT  # a list of several blocks was compared


def test_field_lengths_equal_whoosh(index: SearchIndex):
    reader = index._current_searcher().reader()
    for field in ("content", "title"):
        got = np.concatenate([codec.field_lengths(seg, field) for seg, _ in reader.leaf_readers()])
        want = [reader.doc_field_length(d, field) or 0 for d in range(reader.doc_count_all())]
        assert np.allclose(got, want)


@pytest.mark.parametrize("make", [
    lambda: wq.Term("content", "科技"),
    lambda: wq.And([wq.Term("content", "科技"), wq.Term("content", "风险")]),
    lambda: wq.Or([wq.Term("content", "数据", boost=2.0), wq.Term("title", "安全", boost=2.5)]),
    lambda: wq.AndNot(wq.Term("content", "治理"), wq.Term("content", "政策")),
])
def test_scores_equal_whoosh_bm25f(index: SearchIndex, make):
    searcher = index._current_searcher()
    q = make()
    mask, scores = Evaluator(Vectors(searcher, FACETS)).evaluate(q)
    mask &= Vectors(searcher, FACETS).live
    whoosh = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
    assert set(np.flatnonzero(mask).tolist()) == set(whoosh)
    for docnum, score in whoosh.items():
        assert scores[docnum] == pytest.approx(score, rel=1e-4)
    assert isinstance(searcher.weighting, scoring.BM25F)


def test_phrases_match_exactly_the_passages_holding_the_substring(built, index: SearchIndex):
    searcher = index._current_searcher()
    vectors = Vectors(searcher, FACETS)
    texts = {}
    for docnum in range(vectors.size):
        if vectors.live[docnum]:
            fields = searcher.stored_fields(docnum)
            texts[docnum] = analysis.squeeze(_stored(fields))
    for phrase in ["技安", "科技安全", "数据中心治理", "新质生产力产业", "能力建设体系", "风险风险风险", "力标"]:
        grams = analysis.phrase_bigrams(phrase)
        evaluator = Evaluator(vectors)
        found = phrase_docs([evaluator._postings("grams", g, positions=True) for g in grams])
        found = {int(d) for d in found if vectors.live[d]}
        assert found == {d for d, t in texts.items() if phrase in t}, phrase
        # What a search joins: the cheapest bigrams that hold every character, at their offsets.
        cover = bigram_cover(grams, [float(evaluator._postings("grams", g).weights.sum()) for g in grams])
        assert len(cover) < len(grams) or len(grams) < 3
        joined = phrase_docs([evaluator._postings("grams", grams[i], positions=True) for i in cover], cover)
        assert {int(d) for d in joined if vectors.live[d]} == found, phrase
        mask, _ = evaluator.evaluate(wq.Phrase("grams", grams))
        assert set(np.flatnonzero(mask).tolist()) == found, phrase


@pytest.mark.parametrize("seed", range(6))
def test_a_bigram_cover_is_the_cheapest_set_that_holds_every_character(seed):
    rnd = random.Random(seed)
    phrase = "".join(rnd.choice("科技安全数据") for _ in range(rnd.randint(3, 9)))
    grams = analysis.phrase_bigrams(phrase)
    costs = [float(rnd.randint(1, 50)) for _ in grams]
    n = len(grams)
    valid = [subset for size in range(1, n + 1) for subset in itertools.combinations(range(n), size)
             if subset[0] == 0 and subset[-1] == n - 1 and all(b - a <= 2 for a, b in itertools.pairwise(subset))]
    cheapest = min(sum(costs[i] for i in subset) for subset in valid)
    cover = bigram_cover(grams, costs)
    assert tuple(cover) in valid
    assert sum(costs[i] for i in cover) == cheapest
    assert bigram_cover(["科技", "安全", "全国"], [1.0, 1.0, 1.0]) == [0, 1, 2]  # not one phrase's bigrams


def test_search_totals_and_facets_count_live_matches(built, index: SearchIndex):
    rows = [r for r in built["rows"] if r.doc_id not in ("d3", "d150")]
    results = index.search("科技 风险", limit=5)
    want = [r for r in rows if all(w in _words(r.text) | _words(r.title) for w in ("科技", "风险"))]
    assert results.total == len(want)
    assert sum(results.facets["doc_type"].values()) == len(want)
    assert results.facets["year"] == _counts(str(r.year) for r in want)
    grouped = index.search("科技 风险", limit=5, grouped=True)
    assert grouped.total == len({r.doc_id for r in want})
    scores = [h.score for h in results.hits]
    assert scores == sorted(scores, reverse=True)
    dated = index.search("科技 风险", limit=30, sort="date")
    years = [h.year for h in dated.hits]
    assert years == sorted(years, reverse=True)


def _words(text: str) -> set[str]:
    return {w.text for w in analysis.index_words(text)}


def _counts(values) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _stored(fields: dict) -> str:
    from indexer.search._whoosh.index import stored_text

    return stored_text(fields)


def test_a_deleted_document_is_never_found(index: SearchIndex):
    results = index.search("科技", limit=3000)
    assert results.total == len(results.hits)
    assert not any(h.doc_id in ("d3", "d150") for h in results.hits)


def test_index_folder_is_self_describing(built):
    assert (Path(built["split"].path) / "hanlin-schema-version").read_text().strip() == "4"


@pytest.mark.parametrize("size", [0, 1, 2, 50, 5000])
def test_the_set_operations_by_sorting_agree_with_numpys(size):
    rng = np.random.default_rng(size)
    values = (rng.integers(0, 300, size).astype(np.int64) << 32) + rng.integers(0, 40, size)
    assert np.array_equal(arrays.unique(values), np.unique(values))
    a, b = np.unique(values[: size // 2]), np.unique(values[size // 3:])
    assert np.array_equal(arrays.intersect_sorted(a, b), np.intersect1d(a, b))
    assert np.array_equal(arrays.in_sorted(values, b), np.isin(values, b))
    assert np.array_equal(arrays.in_sorted(values, np.zeros(0, np.int64)), np.zeros(size, bool))
