"""Matching and BM25F scoring of compiled queries with numpy, over whole posting lists.

Private to the search backend (`indexer.search._whoosh.index`). Whoosh's matchers score document by
document in Python, so a word found in most passages of a large library costs seconds;
here every posting list is read as arrays (`indexer.search._whoosh.codec.term_postings`) and a query
becomes a boolean mask and a score over all document numbers of the searcher:

* ``Term`` — BM25F exactly as Whoosh computes it (``idf = ln(N / (df + 1)) + 1``, byte-
  quantised field lengths, ``B = 0.75``, ``K1 = 1.2``), times the term's boost; fields without
  lengths score their weight.
* ``And`` / ``Or`` — intersection / union, scores summed; ``AndNot`` and ``Not`` subtract.
* ``Phrase`` — documents holding the words at consecutive positions, found by joining the
  position lists as ``(document, position - offset)`` keys; scored as the sum of its words.
* ``Prefix`` and ``NumericRange`` match with a constant score, as in Whoosh.

`Vectors` holds what does not change within one index generation (field lengths, facet
codes, author pairs, years, document keys, deletions); `Evaluator` caches posting lists for one search.
"""

from __future__ import annotations

import itertools
import math
from functools import reduce
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh import query as wq
from whoosh.fields import ID

from indexer.search._whoosh import adapter, arrays
from indexer.search._whoosh.codec import Postings, field_lengths, field_postings, term_postings
from indexer.search._whoosh.schema import BigramTokenizer

B, K1 = 0.75, 1.2
_EMPTY_IDS = np.zeros(0, dtype=np.int64)

#: A value of a Whoosh column as read with ``translate=True`` (None where a document has none).
ColumnValue = str | bytes | int | None
#: What `Evaluator.evaluate` answers: which documents match, and their scores (0 where not matching).
Match = tuple[NDArray[np.bool_], NDArray[np.float32]]


class Vectors:
    """Per-generation arrays over every document number of one searcher."""

    def __init__(self, searcher: Any, facets: dict[str, str]) -> None:
        self.searcher = searcher  # Whoosh's `Searcher`
        reader = searcher.reader()
        self.reader = reader
        # An index with no committed passage has one `EmptyReader` leaf, which holds no terms.
        self.leaves: list[tuple[Any, int]] = [(seg, offset) for seg, offset in reader.leaf_readers()
                                              if seg.doc_count_all()]
        self.size: int = reader.doc_count_all()
        self.doc_count: int = reader.doc_count()
        # An index written before a facet's column existed has none: that facet stays empty.
        self._facet_fields = {name: column for name, column in facets.items() if column in searcher.schema}
        self._lengths: dict[str, NDArray[np.float32] | None] = {}
        self._facets: dict[str, tuple[NDArray[np.int32], list[ColumnValue]]] | None = None
        self._years: NDArray[np.int64] | None = None
        self._doc_keys: NDArray[np.int64] | None = None
        self._doc_ids: list[str] = []
        self._values: dict[str, tuple[NDArray[np.int64], NDArray[np.int32], list[str]]] = {}
        self._document_codes: dict[str, NDArray[np.int32] | None] | None = None
        self._document_pairs: dict[str, tuple[NDArray[np.int64], NDArray[np.int32]] | None] = {}
        #: Author names as written, by their code in ``value_pairs("authors")`` (filled by the search).
        self.author_names: dict[int, str] = {}
        self.live = np.ones(self.size, dtype=bool)
        if reader.has_deletions():
            for seg, offset in self.leaves:
                deleted = adapter.deleted_docs(seg)
                if deleted:
                    self.live[np.asarray(deleted, dtype=np.int64) + offset] = False

    # ------------------------------------------------------------------ postings

    def postings(self, fieldname: str, text: str, positions: bool = False) -> Postings:
        """One term's postings over all segments, with global document numbers."""
        parts: list[tuple[Postings, int]] = []
        for seg, offset in self.leaves:
            p = term_postings(seg, fieldname, text, positions=positions)
            if p.ids.size:
                parts.append((p, offset))
        if not parts:
            return Postings(_EMPTY_IDS, np.zeros(0, dtype=np.float32), _EMPTY_IDS if positions else None,
                            _EMPTY_IDS if positions else None)
        if len(parts) == 1 and parts[0][1] == 0:
            return parts[0][0]
        out = Postings(np.concatenate([p.ids + off for p, off in parts]),
                       np.concatenate([p.weights for p, _ in parts]))
        if positions:
            out.positions = np.concatenate([p.positions for p, _ in parts])
            out.counts = np.concatenate([p.counts for p, _ in parts])
        return out

    def lengths(self, fieldname: str) -> NDArray[np.float32] | None:
        """Field lengths per document (None for a field Whoosh does not score by length)."""
        if fieldname not in self._lengths:
            if not self.searcher.schema[fieldname].scorable:
                self._lengths[fieldname] = None
            else:
                parts = [field_lengths(seg, fieldname) for seg, _ in self.leaves]
                self._lengths[fieldname] = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return self._lengths[fieldname]

    # ------------------------------------------------------------------ columns

    def facet_codes(self) -> dict[str, tuple[NDArray[np.int32], list[ColumnValue]]]:
        """Per facet: each document's value as a code, and the values the codes stand for (in the
        order of the first document holding each)."""
        if self._facets is None:
            self._facets = {}
            for name, column in self._facet_fields.items():
                if type(self.searcher.schema[column]) is ID:
                    self._facets[name] = self._term_codes(column)
                    continue
                values = self._column(column)
                labels: dict[ColumnValue, int] = {}
                codes = np.fromiter((labels.setdefault(v, len(labels)) for v in values), dtype=np.int32,
                                    count=self.size)
                self._facets[name] = (codes, list(labels))
        return self._facets

    def _term_codes(self, fieldname: str) -> tuple[NDArray[np.int32], list[ColumnValue]]:
        """`facet_codes` of an ID field from its terms' postings: a few vector writes per value,
        where its column is read value by value through Whoosh (about 2 s per million documents).
        A document with no term has what the segment's column gives it (read once per segment)."""
        codes = np.zeros(self.size, dtype=np.int32)
        known: dict[ColumnValue, int] = {}  # value -> its code, in the order met
        column = None
        for seg, offset in self.leaves:
            mine = np.full(seg.doc_count_all(), -1, dtype=np.int32)
            for term, postings in field_postings(seg, fieldname):
                mine[postings.ids] = known.setdefault(term.decode("utf-8"), len(known))
            missing = np.flatnonzero(mine < 0)
            if missing.size:
                if column is None:
                    column = self.reader.column_reader(fieldname, translate=True)
                mine[missing] = known.setdefault(_column_value(column, offset + int(missing[0])), len(known))
            codes[offset:offset + mine.size] = mine
        values: list[ColumnValue] = list(known)
        if not self.size:
            return codes, []
        present, first = np.unique(codes, return_index=True)
        order = present[np.argsort(first, kind="stable")]  # as the column read gives them: first met first
        renumber = np.zeros(len(values), dtype=np.int32)
        renumber[order] = np.arange(order.size, dtype=np.int32)
        return renumber[codes], [values[int(c)] for c in order]

    def years(self) -> NDArray[np.int64]:
        """Each document's year (0 when unknown)."""
        if self._years is None:
            if self._facets is not None and self._facet_fields.get("year") == "year":
                codes, labels = self._facets["year"]  # the column read once already
                self._years = np.fromiter((v or 0 for v in labels), dtype=np.int64, count=len(labels))[codes]
            else:
                self._years = np.fromiter((v or 0 for v in self._column("year")), dtype=np.int64, count=self.size)
        return self._years

    def doc_keys(self) -> NDArray[np.int64]:
        """For each document number, a number standing for its ``doc_id`` (for grouping)."""
        if self._doc_keys is None:
            keys = np.zeros(self.size, dtype=np.int64)
            numbers: dict[bytes, int] = {}
            for seg, offset in self.leaves:  # segment by segment: one pass over each term dictionary
                for term, postings in field_postings(seg, "doc_id"):
                    keys[postings.ids + offset] = numbers.setdefault(term, len(numbers) + 1)
            self._doc_keys = keys
            self._doc_ids = ["", *(term.decode("utf-8") for term in numbers)]
        return self._doc_keys

    def doc_ids(self) -> list[str]:
        """The ``doc_id`` each number of `doc_keys` stands for (number 0: none)."""
        self.doc_keys()
        return self._doc_ids

    def document_codes(self) -> dict[str, NDArray[np.int32] | None]:
        """Per facet, the code (`facet_codes`) of each document key (`doc_keys`): its passages' value
        where all its live passages share one; None for a facet where some document's passages differ.

        Facets count documents when results are grouped: with one value per document they are a
        count over the documents matched, with no sorting of (value, document) pairs.
        """
        if self._document_codes is None:
            keys = self.doc_keys()
            live = np.flatnonzero(self.live)
            live_keys = keys[live]
            self._document_codes = {}
            for name, (codes, _) in self.facet_codes().items():
                mine = np.zeros(len(self._doc_ids), dtype=np.int32)
                mine[live_keys] = codes[live]
                same = bool((mine[live_keys] == codes[live]).all())
                self._document_codes[name] = mine if same else None
        return self._document_codes

    def document_pairs(self, fieldname: str) -> tuple[NDArray[np.int64], NDArray[np.int32]] | None:
        """Every (document key, value code) pair of a field of several values (`value_pairs` by
        document), when each live passage of a document holds all of its document's values; else None."""
        if fieldname not in self._document_pairs:
            pair_docs, pair_codes, terms = self.value_pairs(fieldname)
            keys = self.doc_keys()
            alive = self.live[pair_docs]
            pair_keys = keys[pair_docs[alive]]
            codes = pair_codes[alive].astype(np.int64)
            width = np.int64(max(len(terms), 1))
            distinct = arrays.unique(pair_keys * width + codes)
            doc_keys, doc_codes = distinct // width, (distinct % width).astype(np.int32)
            nkeys = len(self._doc_ids)
            passages = np.bincount(keys[self.live], minlength=nkeys)
            # Passage-level pairs of a document = its passages × its distinct values only when every
            # passage holds every value (a passage holds a value at most once).
            full = np.bincount(pair_keys, minlength=nkeys) == passages * np.bincount(doc_keys, minlength=nkeys)
            self._document_pairs[fieldname] = (doc_keys, doc_codes) if bool(full.all()) else None
        return self._document_pairs[fieldname]

    def value_pairs(self, fieldname: str) -> tuple[NDArray[np.int64], NDArray[np.int32], list[str]]:
        """Every (document number, value code) pair of a field of several values (authors), and the terms.

        For facets over a field that is not a column: one pass over its term dictionary per generation.
        """
        if fieldname not in self._values:
            docs: list[NDArray[np.int64]] = []
            codes: list[NDArray[np.int32]] = []
            terms: dict[bytes, int] = {}
            for seg, offset in self.leaves:
                for term, postings in field_postings(seg, fieldname):
                    code = terms.setdefault(term, len(terms))
                    docs.append(postings.ids + offset)
                    codes.append(np.full(postings.ids.size, code, dtype=np.int32))
            self._values[fieldname] = (
                np.concatenate(docs) if docs else _EMPTY_IDS, np.concatenate(codes) if codes else np.zeros(0, np.int32),
                [t.decode("utf-8") for t in terms])
        return self._values[fieldname]

    def _column(self, column: str) -> list[ColumnValue]:
        if not self.size:
            return []
        reader = self.reader.column_reader(column, translate=True)
        values: list[ColumnValue] = list(reader)
        if len(values) != self.size:  # a segment's column stops early: read one by one
            values = [_column_value(reader, d) for d in range(self.size)]
        return values


def _column_value(column: Any, docnum: int) -> ColumnValue:
    try:
        value: ColumnValue = column[docnum]
    except IndexError:
        return None
    return value


class Evaluator:
    """Evaluates Whoosh query trees to (mask, score) arrays; posting lists are cached per search."""

    def __init__(self, vectors: Vectors) -> None:
        self.v = vectors
        self._cache: dict[tuple[str, str, bool], Postings] = {}
        self._phrases: dict[tuple[str, tuple[str, ...]], NDArray[np.int64]] = {}
        self._idf: dict[tuple[str, str], float] = {}

    def evaluate(self, q: wq.Query) -> Match:
        """A boolean mask of the matching documents and their scores (0 where not matching)."""
        size = self.v.size
        if isinstance(q, wq.Term):
            return self._term(q.fieldname, q.text, q.boost)
        if isinstance(q, wq.Phrase):
            return self._phrase(q)
        if isinstance(q, wq.And):
            mask, score = self._combine(q.subqueries, np.logical_and)
            score = score * np.float32(q.boost)
            return mask, np.where(mask, score, np.float32(0))
        if isinstance(q, wq.Or):
            if all(type(sub) is wq.Term for sub in q.subqueries):  # one word in several fields
                mask, score = self._terms_or(q.subqueries)
            else:
                mask, score = self._combine(q.subqueries, np.logical_or)
            return mask, score * np.float32(q.boost)
        if isinstance(q, wq.AndNot):
            mask, score = self.evaluate(q.a)
            excluded, _ = self.evaluate(q.b)
            mask = mask & ~excluded
            return mask, np.where(mask, score, np.float32(0))
        if isinstance(q, wq.Not):
            excluded, _ = self.evaluate(q.query)
            return self.v.live & ~excluded, np.zeros(size, np.float32)
        if isinstance(q, wq.Every):
            return self.v.live.copy(), np.zeros(size, np.float32)
        if isinstance(q, wq.NumericRange) and q.fieldname == "year":
            years = self.v.years()
            low = -math.inf if q.start is None else q.start
            high = math.inf if q.end is None else q.end
            mask = (years >= low) & (years <= high) & self.v.live
            return mask, mask.astype(np.float32) * np.float32(q.boost)
        if isinstance(q, wq.Prefix):
            mask = np.zeros(size, bool)
            for term in self.v.reader.expand_prefix(q.fieldname, q.text):
                mask[self._postings(q.fieldname, _text(term)).ids] = True
            mask &= self.v.live
            return mask, mask.astype(np.float32) * np.float32(q.boost)
        if isinstance(q, type(wq.NullQuery)):
            return np.zeros(size, bool), np.zeros(size, np.float32)
        # Anything else (not produced by Hanlin's compiler today): Whoosh's own matching.
        mask = np.zeros(size, bool)
        mask[np.fromiter(q.docs(self.v.searcher), dtype=np.int64)] = True
        return mask, mask.astype(np.float32)

    def _combine(self, subqueries: list[wq.Query], join: Any) -> Match:
        """The subqueries' masks joined by `join` and their scores summed, one subquery at a time.

        Folding as they come keeps two arrays alive instead of two per subquery (a query of
        thousands of words held gigabytes on a large index); the sum is the same, in the same order.
        """
        size = self.v.size
        mask: NDArray[np.bool_] | None = None
        score = np.zeros(size, np.float32)
        for sub in subqueries:
            sub_mask, sub_score = self.evaluate(sub)
            mask = sub_mask.copy() if mask is None else join(mask, sub_mask, out=mask)
            score += sub_score
        return (np.zeros(size, bool) if mask is None else mask), score

    def _terms_or(self, terms: list[wq.Term]) -> Match:
        """`_combine` of plain terms with `np.logical_or`, the same mask and scores (added in
        the same order), from the terms' postings: two dense arrays instead of two per term."""
        size = self.v.size
        mask = np.zeros(size, bool)
        score = np.zeros(size, np.float32)
        for term in terms:
            ids, values = self._term_scores(term.fieldname, term.text, term.boost)
            if ids.size:
                mask[ids] = True
                score[ids] += values  # a document holds a term once: no repeated index
        return mask, score

    # ------------------------------------------------------------------ terms

    def _postings(self, fieldname: str, text: str, positions: bool = False) -> Postings:
        key = (fieldname, text, positions)
        if key not in self._cache:
            with_positions = None if positions else self._cache.get((fieldname, text, True))
            self._cache[key] = with_positions or self.v.postings(fieldname, text, positions)
        return self._cache[key]

    def _term(self, fieldname: str, text: str, boost: float) -> Match:
        size = self.v.size
        mask = np.zeros(size, bool)
        score = np.zeros(size, np.float32)
        ids, values = self._term_scores(fieldname, text, boost)
        if ids.size:
            mask[ids] = True
            score[ids] = values
        return mask, score

    def _term_scores(self, fieldname: str, text: str, boost: float) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """The live documents holding a term and their scores."""
        p = self._postings(fieldname, text)
        if not p.ids.size:
            return p.ids, p.weights
        live = self.v.live[p.ids]
        ids = p.ids[live]
        return ids, self._bm25(fieldname, text, ids, p.weights[live]) * np.float32(boost)

    def _bm25(self, fieldname: str, text: str, ids: NDArray[np.int64], weights: NDArray[np.float32]
              ) -> NDArray[np.float32]:
        lengths = self.v.lengths(fieldname)
        if lengths is None:
            return weights
        idf = self._idf_of(fieldname, text)
        avgfl: float = self.v.searcher.avg_field_length(fieldname) or 1
        dl = lengths[ids]
        return (idf * (weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * dl / avgfl))).astype(np.float32)

    def _idf_of(self, fieldname: str, text: str) -> float:
        key = (fieldname, text)
        if key not in self._idf:
            df: int = self.v.reader.doc_frequency(fieldname, text)
            self._idf[key] = math.log(self.v.size / (df + 1)) + 1
        return self._idf[key]

    # ------------------------------------------------------------------ phrases

    def _phrase(self, q: wq.Phrase) -> Match:
        size = self.v.size
        mask = np.zeros(size, bool)
        words = list(q.words)
        key = (q.fieldname, tuple(words))
        docs = self._phrases.get(key)  # a query may ask for one substring several times (in coverage)
        if docs is None:
            joined = list(range(len(words)))
            if len(words) > 2 and isinstance(self.v.searcher.schema[q.fieldname].analyzer, BigramTokenizer):
                # Positions read only for the bigrams joined; how many each has is in the term dictionary.
                joined = bigram_cover(words, [float(self.v.reader.frequency(q.fieldname, w)) for w in words])
            read = [self._postings(q.fieldname, words[i], positions=True) for i in joined]
            docs = self._phrases[key] = phrase_docs(read, joined)
        docs = docs[self.v.live[docs]]
        mask[docs] = True
        score = np.zeros(size, np.float32)
        if docs.size:
            for w in words:
                p = self._postings(q.fieldname, w)  # the list read with positions, where it was
                keep = np.isin(p.ids, docs, assume_unique=True)
                score[p.ids[keep]] += self._bm25(q.fieldname, w, p.ids[keep], p.weights[keep])
            score *= np.float32(q.boost)
        return mask, score


def bigram_cover(grams: list[str], costs: list[float]) -> list[int]:
    """The cheapest of a phrase's consecutive bigrams whose positions prove the phrase: indexes
    into `grams`, ascending.

    Bigram i holds the phrase's characters i and i + 1, so bigrams that together hold every
    character at their offsets match exactly where the phrase does: the first and the last,
    and never two neighbours left out. Of those sets, the one whose postings hold the fewest
    positions (`costs`) is joined. Grams that do not chain (not bigrams of one phrase) are
    all joined.
    """
    n = len(grams)
    if n < 3 or any(len(g) != 2 for g in grams) or any(a[1] != b[0] for a, b in itertools.pairwise(grams)):
        return list(range(n))
    # best[i][taken]: the cheapest choice among grams 0..i, gram i taken or not, and its grams.
    best: list[tuple[tuple[float, list[int]], tuple[float, list[int]]]] = [((math.inf, []), (costs[0], [0]))]
    for i in range(1, n):
        (skipped, skip_set), (taken, take_set) = best[-1]
        before = (skipped, skip_set) if skipped < taken else (taken, take_set)
        best.append(((taken, take_set), (costs[i] + before[0], [*before[1], i])))
    return best[-1][1][1]


def phrase_docs(postings: list[Postings], offsets: list[int] | None = None) -> NDArray[np.int64]:
    """Documents where the terms of `postings` occur at their offsets from one position: term i at
    p + ``offsets[i]`` (by default p + i, consecutive).

    Joins ``(document << 32) + position - offset`` keys, rarest term first, each time only over
    the documents still in the running, by sorting and binary search (`arrays`).
    """
    if not postings or any(not p.ids.size for p in postings):
        return _EMPTY_IDS
    if offsets is None:
        offsets = list(range(len(postings)))
    docs = reduce(arrays.intersect_sorted, sorted((p.ids for p in postings), key=len))
    if not docs.size or len(postings) == 1:
        return docs
    shift = max(offsets) + 1
    keys: NDArray[np.int64] | None = None
    for i in sorted(range(len(postings)), key=lambda i: postings[i].ids.size):
        p = postings[i]
        assert p.positions is not None and p.counts is not None, "phrase_docs needs postings read with positions"
        held = arrays.in_sorted(p.ids, docs)
        owners = np.repeat(p.ids[held], p.counts[held])
        k = (owners << 32) + (p.positions[np.repeat(held, p.counts)] - offsets[i] + shift)
        k = arrays.unique(k)  # a document's positions come ascending; sorting makes sure
        keys = k if keys is None else arrays.intersect_sorted(keys, k)
        if not keys.size:
            return _EMPTY_IDS
        docs = arrays.distinct_sorted(keys >> 32)
    return docs


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
