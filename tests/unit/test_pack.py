"""Packed segments: the file format read back exactly, and the same answers as Whoosh's own segments."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq
from whoosh import scoring

from indexer.search import IndexedPassage, SearchIndex
from indexer.search._whoosh import adapter
from indexer.search._whoosh.bulk import combine
from indexer.search._whoosh.codec import decode_positions, term_postings
from indexer.search._whoosh.index import _document
from indexer.search._whoosh.pack import (
    BLOCK,
    CHUNK,
    MAGIC,
    FieldPostings,
    PackDamaged,
    PackedTermsReader,
    PairTerms,
    write_pack,
)
from indexer.search._whoosh.schema import HanlinCodec


def random_field(rnd: random.Random, terms: int, docs: int, positional: bool) -> FieldPostings:
    words = sorted({"".join(rnd.choice("科技安全治理创新数据abc1") for _ in range(rnd.randint(1, 6))).encode()
                    for _ in range(terms)})
    tstart, ids, freqs, positions = [0], [], [], []
    for _ in words:
        common = rnd.random() < 0.05
        chosen = sorted(rnd.sample(range(docs), rnd.randint(1, docs) if common else rnd.randint(1, 3)))
        for doc in chosen:
            ids.append(doc)
            n = rnd.randint(1, 4)
            freqs.append(n)
            positions.extend(sorted(rnd.sample(range(70000), n)))
        tstart.append(len(ids))
    as64 = lambda v: np.asarray(v, dtype=np.int64)
    return FieldPostings(words, as64(tstart), as64(ids), as64(freqs), as64(positions) if positional else None)


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, FieldPostings], Path]:
    rnd = random.Random(7)
    fields = {"grams": random_field(rnd, 3 * BLOCK + 5, 9000, True), "content": random_field(rnd, 700, 9000, False)}
    assert fields["grams"].ids.size > CHUNK  # postings span several compressed chunks
    path = tmp_path_factory.mktemp("pack") / "seg.hpk"
    with path.open("wb") as f:
        write_pack(f, fields, 9000)
    return fields, path


def test_every_term_reads_back_its_postings_and_positions(packed):
    fields, path = packed
    reader = PackedTermsReader(path)
    try:
        for name, fp in fields.items():
            for t, term in enumerate(fp.terms):
                a, b = int(fp.tstart[t]), int(fp.tstart[t + 1])
                found = reader.postings(name, term, positions=True)
                assert found is not None
                ids, freqs, pos = found
                assert ids.tolist() == fp.ids[a:b].tolist() and freqs.tolist() == fp.freqs[a:b].tolist()
                if fp.positions is not None:
                    ends = np.concatenate(([0], np.cumsum(fp.freqs)))
                    assert pos is not None and pos.tolist() == fp.positions[ends[a]:ends[b]].tolist()
                assert reader.doc_frequency(name, term) == b - a
                assert reader.frequency(name, term) == fp.freqs[a:b].sum()
            whole = reader.field_postings(name)
            assert whole is not None and whole.terms == fp.terms
            assert whole.ids.tolist() == fp.ids.tolist() and whole.tstart.tolist() == fp.tstart.tolist()
        assert reader.postings("grams", b"\xff-absent") is None
        assert reader.doc_frequency("grams", b"\xff-absent") == 0
        assert [t for _, t in reader.terms_from("grams", b"")] == fields["grams"].terms
    finally:
        reader.close()


def test_whoosh_matchers_and_cursors_read_a_packed_segment(packed):
    fields, path = packed
    reader = PackedTermsReader(path)
    try:
        fp = fields["grams"]
        term = fp.terms[BLOCK + 1]
        matcher = reader.matcher("grams", term, None)
        got = []
        while matcher.is_active():
            got.append((matcher.id(), matcher.value()))
            matcher.next()
        a, b = int(fp.tstart[BLOCK + 1]), int(fp.tstart[BLOCK + 2])
        ends = np.concatenate(([0], np.cumsum(fp.freqs)))
        assert [(doc, decode_positions(value)) for doc, value in got] == [
            (int(fp.ids[k]), fp.positions[ends[k]:ends[k + 1]].tolist()) for k in range(a, b)]
        assert got[0][1][:1] in (b"H", b"I")  # schema.CompactPositions' typecode first

        class Field:
            from_bytes = staticmethod(lambda b: b.decode())
            to_bytes = staticmethod(lambda s: s.encode())

        cursor = reader.cursor("grams", Field)
        assert cursor.text() == fp.terms[0].decode()
        assert cursor.find(fp.terms[BLOCK].decode()) == fp.terms[BLOCK].decode()
        assert cursor.next() == fp.terms[BLOCK + 1].decode()
    finally:
        reader.close()


def test_a_damaged_header_is_reported_not_misread(packed, tmp_path):
    _, path = packed
    data = bytearray(path.read_bytes())
    data[-20:-8] = b"\xff" * 12
    broken = tmp_path / "broken.hpk"
    broken.write_bytes(bytes(data))
    reader = PackedTermsReader(broken)
    with pytest.raises(PackDamaged):
        reader.postings("grams", b"x")
    reader.close()


def test_combining_parts_equals_writing_them_together():
    rnd = random.Random(3)
    whole = random_field(rnd, 200, 400, True)
    odd = np.arange(400) % 2 == 1
    parts = []
    for keep in (odd, ~odd):
        mask = keep[whole.ids]
        ends = np.concatenate(([0], np.cumsum(whole.freqs)))
        pos = np.concatenate([whole.positions[ends[k]:ends[k + 1]] for k in np.flatnonzero(mask)])
        df = np.add.reduceat(mask.astype(np.int64), whole.tstart[:-1])
        alive = df > 0
        parts.append(FieldPostings([t for t, a in zip(whole.terms, alive, strict=True) if a],
                                   np.concatenate(([0], np.cumsum(df[alive]))), whole.ids[mask], whole.freqs[mask], pos))
    merged = combine(parts)
    assert merged.terms == whole.terms
    assert merged.tstart.tolist() == whole.tstart.tolist() and merged.ids.tolist() == whole.ids.tolist()
    assert merged.positions is not None and merged.positions.tolist() == whole.positions.tolist()


PASSAGES = ["科技安全是国家安全的重要内容，科技情报工作连接创新前沿与安全底线。",
            "省级科技数据中心的建设应当遵循统一标准、分级管理的原则。",
            "到2030年，基本建立覆盖全面、导向明确、规范有序的科技伦理治理体制。",
            "晋中市第38个爱国卫生月活动启动，科技与卫生相结合。"] * 3


def _passage(i: int, text: str) -> IndexedPassage:
    return IndexedPassage(passage_id=f"p{i}", doc_id=f"d{i % 4}", file_sha256=f"s{i % 4}", file=f"/x/{i % 4}.pdf",
                          page=1, end_page=1, start=0, end=len(text), ordinal=i, text=text)


def test_whoosh_finds_and_scores_the_same_in_packed_and_in_its_own_segments(tmp_path):
    """The packed writer's index answers Whoosh's own `Searcher` as Whoosh's writer's index does."""
    own = SearchIndex.recreate(tmp_path / "own")
    writer = own._ix.writer(codec=HanlinCodec())
    for i, text in enumerate(PASSAGES):
        writer.add_document(**_document(_passage(i, text)))
    writer.commit()
    packed = SearchIndex.recreate(tmp_path / "packed")
    with packed.writer() as w:
        for i, text in enumerate(PASSAGES):
            w.add(_passage(i, text))
    queries = [wq.Term("content", "科技"), wq.Term("grams", "安全"), wq.Phrase("grams", ["科技", "技安", "安全"]),
               wq.Term("doc_id", "d2"), wq.Or([wq.Term("content", "治理"), wq.Term("content", "卫生")])]
    answers = []
    for ix in (own, packed):
        with ix._ix.searcher(weighting=scoring.BM25F()) as searcher:
            answers.append([[(hit["passage_id"], round(hit.score, 5)) for hit in searcher.search(q, limit=None)]
                            for q in queries])
            seg = searcher.reader()
            segment_reader = seg if not hasattr(seg, "readers") else seg.readers[0]
            answers[-1].append(term_postings(segment_reader, "grams", "安全", positions=True).positions.tolist())
    assert answers[0] == answers[1] and all(answers[0][:-1])
    assert isinstance(adapter.segment_terms(packed._current_searcher().reader()), PackedTermsReader)
    own.close()
    packed.close()


def test_a_cancelled_writer_leaves_no_segment(tmp_path):
    ix = SearchIndex.recreate(tmp_path / "ix")
    with pytest.raises(RuntimeError), ix.writer() as w:
        w.add(_passage(0, PASSAGES[0]))
        raise RuntimeError("stop")
    assert ix.doc_count() == 0
    assert not list((tmp_path / "ix").glob("*.hpk"))
    ix.close()


def test_passages_segmented_on_several_cores_index_as_one_by_one(tmp_path, monkeypatch):
    from indexer.search import segmenting

    monkeypatch.setattr(segmenting, "PARALLEL_MIN", 4)
    one = SearchIndex.recreate(tmp_path / "one")
    with one.writer() as w:
        for i, text in enumerate(PASSAGES):
            w.add(_passage(i, text))
    many = SearchIndex.recreate(tmp_path / "many")
    with many.writer() as w:
        assert w.add_all(_passage(i, text) for i, text in enumerate(PASSAGES)) == len(PASSAGES)
    for q in ("科技", "安全 治理", '"伦理治理"', "卫生月"):
        a, b = one.search(q, limit=50), many.search(q, limit=50)
        assert (a.total, a.any_total) == (b.total, b.any_total) and a.hits
        assert [(h.passage_id, round(h.score, 5)) for h in a.hits] == [(h.passage_id, round(h.score, 5)) for h in b.hits]
    one.close()
    many.close()


def test_segments_of_whoosh_s_writer_merge_into_a_packed_one(tmp_path):
    """An index written before packing (Whoosh's W3 segments) keeps its answers when its segments
    are merged by the packed writer."""
    ix = SearchIndex.recreate(tmp_path / "ix")
    for start in (0, 6):
        writer = ix._ix.writer(codec=HanlinCodec())
        for i in range(start, start + 6):
            writer.add_document(**_document(_passage(i, PASSAGES[i])))
        writer.commit(merge=False)
    ix.close()
    ix = SearchIndex.open(tmp_path / "ix")
    queries = ("科技", '"伦理治理"', "卫生月 OR 数据", "d1")
    before = {q: [(h.passage_id, round(h.score, 4)) for h in ix.search(q, limit=50).hits] for q in queries}
    assert ix.segment_count() == 2 and not list((tmp_path / "ix").glob("*.hpk"))
    ix.optimize()
    assert ix.segment_count() == 1 and list((tmp_path / "ix").glob("*.hpk"))
    after = {q: [(h.passage_id, round(h.score, 4)) for h in ix.search(q, limit=50).hits] for q in queries}
    assert all(before[q] for q in queries[:3])
    assert {q: [p for p, _ in hits] for q, hits in after.items()} == {q: [p for p, _ in hits] for q, hits in before.items()}
    # Scores move a little, as with Whoosh's own merges: a merged segment's total field lengths are
    # summed from the byte-quantised lengths of its documents.
    assert all(abs(a[1] - b[1]) <= 0.02 * b[1] for q in queries for a, b in zip(after[q], before[q], strict=True))
    ix.close()


def test_a_file_cut_short_after_opening_is_an_error_not_a_crash(packed, tmp_path):
    _, path = packed
    copy = tmp_path / "cut.hpk"
    copy.write_bytes(path.read_bytes())
    reader = PackedTermsReader(copy)
    try:
        assert reader.doc_frequency("content", b"\xff-absent") == 0  # the header and arrays are read
        with copy.open("r+b") as f:
            f.truncate(len(MAGIC) + 100)
        with pytest.raises(PackDamaged, match="cut short"):
            for _ in reader.terms():
                pass
    finally:
        reader.close()


def test_a_word_longer_than_a_term_may_be_is_indexed_by_its_start_and_found(tmp_path):
    """A 70,000-letter run in a text layer (longer than a packed term's 65,535 bytes) does not stop
    indexing; the passage is found by the run's start and by a phrase inside it."""
    run = "q" * 70_000
    ix = SearchIndex.recreate(tmp_path / "ix")
    with ix.writer() as writer:
        writer.add(_passage(0, f"科技安全 {run} 数据中心"))
        writer.add(_passage(1, PASSAGES[1]))
    assert [h.passage_id for h in ix.search("q" * 80).hits] == ["p0"]
    assert [h.passage_id for h in ix.search('"qqqq"').hits] == ["p0"]
    ix.close()


@pytest.mark.parametrize("pairs", [False, True])
def test_merging_parts_of_successive_documents_equals_writing_them_together(pairs):
    """The merge's path (parts holding documents one after another, terms as numbers or as bytes)
    gives what one writer would have written, with int32 arrays as a merge reads them."""
    rnd = random.Random(5)
    whole = random_field(rnd, 300, 600, True)
    if pairs:  # two-character terms, as a bigram field's
        codes = np.unique(np.array([(rnd.randrange(0x4E00, 0x9FA5) << 32) | rnd.randrange(0x21, 0x9FA5)
                                    for _ in range(len(whole.terms))], dtype=np.uint64))[:len(whole.terms)]
        whole = FieldPostings(PairTerms(codes), whole.tstart[:codes.size + 1], whole.ids[:whole.tstart[codes.size]],
                              whole.freqs[:whole.tstart[codes.size]],
                              whole.positions[:int(whole.freqs[:whole.tstart[codes.size]].sum())])
    ends = np.concatenate(([0], np.cumsum(whole.freqs)))
    parts = []
    for lo, hi in ((0, 150), (150, 151), (151, 600)):
        mask = (whole.ids >= lo) & (whole.ids < hi)
        pos = np.concatenate([whole.positions[ends[k]:ends[k + 1]] for k in np.flatnonzero(mask)] or [np.zeros(0, np.int64)])
        df = np.add.reduceat(mask.astype(np.int64), whole.tstart[:-1])
        alive = df > 0
        terms = PairTerms(whole.terms.codes[alive]) if pairs else [t for t, a in zip(whole.terms, alive, strict=True) if a]
        parts.append(FieldPostings(terms, np.concatenate(([0], np.cumsum(df[alive]))), whole.ids[mask].astype(np.int32),
                                   whole.freqs[mask].astype(np.int32), pos.astype(np.int32)))
    merged = combine(parts)
    assert isinstance(merged.terms, PairTerms) == pairs
    assert list(merged.terms) == list(whole.terms)
    assert merged.tstart.tolist() == whole.tstart.tolist() and merged.ids.tolist() == whole.ids.tolist()
    assert merged.freqs.tolist() == whole.freqs.tolist()
    assert merged.positions is not None and merged.positions.tolist() == whole.positions.tolist()


def _reference_postings(r: list[int], docs: list[int], pos: list[int] | None, terms: int
                        ) -> tuple[list[int], list[int], list[int], list[int] | None]:
    """tstart, ids, freqs, positions of tokens (term, document, position), grouped in plain Python."""
    grouped: dict[int, dict[int, list[int]]] = {}
    for n, (t, d) in enumerate(zip(r, docs, strict=True)):
        grouped.setdefault(t, {}).setdefault(d, []).append(pos[n] if pos is not None else 0)
    tstart, ids, freqs, positions = [0], [], [], []
    for t in range(terms):
        for d, at in sorted(grouped.get(t, {}).items()):
            ids.append(d)
            freqs.append(len(at))
            positions.extend(sorted(at))
        tstart.append(len(ids))
    return tstart, ids, freqs, positions if pos is not None else None


@pytest.mark.parametrize("positional", [True, False])
def test_tokens_become_postings_in_document_order_or_not(positional: bool):
    """Tokens as the writer adds them (by document, then position) take a one-key sort; tokens in
    any other order the full sort. Both give the postings a plain grouping gives."""
    from indexer.search._whoosh.bulk import _in_document_order, _postings

    rnd = random.Random(11)
    terms, tokens = [f"t{n:03d}".encode() for n in range(60)], []
    for doc in range(40):
        for p in range(rnd.randint(0, 30)):
            tokens.append((rnd.randrange(60), doc, p // 2))  # pairs of tokens share a position
    shuffled = tokens[:]
    rnd.shuffle(shuffled)
    for order, in_order in ((tokens, True), (shuffled, False)):
        r, docs, pos = (list(column) for column in zip(*order, strict=True))
        as64 = lambda v: np.asarray(v, dtype=np.int64)
        positions = as64(pos) if positional else None
        assert _in_document_order(as64(docs), positions) is in_order
        fp = _postings(terms, as64(r), as64(docs), positions)
        tstart, ids, freqs, expected = _reference_postings(r, docs, pos if positional else None, len(terms))
        assert (fp.tstart.tolist(), fp.ids.tolist(), fp.freqs.tolist()) == (tstart, ids, freqs)
        assert (fp.positions.tolist() if fp.positions is not None else None) == expected


def test_bigram_codes_become_sorted_terms_and_postings():
    from indexer.search._whoosh.bulk import _Codes

    rnd = random.Random(5)
    texts = ["".join(rnd.choice("科技安全治理") for _ in range(rnd.randint(0, 25))) for _ in range(30)]
    codes = _Codes(lambda text: np.asarray([ord(a) << 32 | ord(b) for a, b in itertools.pairwise(text)], dtype=np.uint64))
    for doc, text in enumerate(texts):
        codes.add(doc, text)
    fp = codes.build()
    pairs = sorted({ord(a) << 32 | ord(b) for text in texts for a, b in itertools.pairwise(text)})
    assert isinstance(fp.terms, PairTerms) and fp.terms.codes.tolist() == pairs
    r, docs, pos = [], [], []
    for doc, text in enumerate(texts):
        for p, (a, b) in enumerate(itertools.pairwise(text)):
            r.append(pairs.index(ord(a) << 32 | ord(b)))
            docs.append(doc)
            pos.append(p)
    tstart, ids, freqs, positions = _reference_postings(r, docs, pos, len(pairs))
    assert (fp.tstart.tolist(), fp.ids.tolist(), fp.freqs.tolist(), fp.positions.tolist()) == (
        tstart, ids, freqs, positions)
