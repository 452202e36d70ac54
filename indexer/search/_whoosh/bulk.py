"""The index writer: Whoosh's segment writer with the postings built in bulk by numpy.

Private to the search back end. Whoosh's `SegmentWriter` sends every posting of every
document through a Python sorting pool (pickled to temporary runs and merged back) and
writes the term dictionary term by term: about 13 ms of CPU per passage. `PackedWriter`
keeps Whoosh's per-document part (stored fields, field lengths, sortable columns: one
`W3PerDocWriter` call per field) and its table of contents, deletions and locking, but:

* `add_document` only turns each indexed field into term numbers (one dict lookup per
  token; a document's title, source… repeated on each of its passages are tokenised once);
* at commit, each field's tokens become sorted postings with a few numpy sorts, written as
  one packed file per segment (`indexer.search._whoosh.pack`);
* segments of one size tier are merged (`tiered_merge`): postings of packed segments are merged
  as arrays, never posting by posting.

`PackedCodec` reads packed segments through `PackedTermsReader` and older segments through
`HanlinCodec`, so an index may mix both.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh.codec.base import FieldWriter
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from indexer.search._whoosh import adapter, arrays
from indexer.search._whoosh.codec import HanlinCodec, decode_positions
from indexer.search._whoosh.pack import EXT, FieldPostings, PackedTermsReader, PairTerms, write_pack

__all__ = ["MAX_MERGED", "MERGE_FACTOR", "PackedCodec", "PackedWriter", "combine", "optimize_merge", "tiered_merge"]

#: Segments of one size tier (a power of this) are merged once there are this many (`tiered_merge`).
MERGE_FACTOR = 8
#: Documents a merge may write at most; larger segments are left alone (only `optimize` merges them).
MAX_MERGED = 50_000


class PackedCodec(HanlinCodec):
    """`HanlinCodec` whose new segments are packed; reads both packed and older segments."""

    def field_writer(self, storage: Any, segment: Any) -> _PackFieldWriter:
        """Whoosh's field writer for a new segment: collects postings, writes the packed file at close."""
        return _PackFieldWriter(storage, segment)

    def terms_reader(self, storage: Any, segment: Any) -> Any:
        """`PackedTermsReader` for a packed segment, Whoosh's W3 reader for an older one."""
        name = segment.make_filename(EXT)
        if storage.file_exists(name):
            return PackedTermsReader(os.path.join(storage.folder, name))
        return super().terms_reader(storage, segment)


class _PackFieldWriter(FieldWriter):  # type: ignore[misc]  # Whoosh is untyped
    """Receives a segment's postings — in bulk (`add_bulk`) or posting by posting (Whoosh's own
    merges) — and writes them as one packed file when closed."""

    def __init__(self, storage: Any, segment: Any) -> None:
        self._storage = storage
        self._segment = segment
        self._fields: dict[str, list[FieldPostings]] = {}
        self._lazy: dict[str, Callable[[], FieldPostings]] = {}
        self._doc_count = 0
        self._stream: dict[str, Any] | None = None
        self.is_closed = False

    def add_bulk(self, fields: dict[str, Callable[[], FieldPostings]], doc_count: int) -> None:
        """Fields whose postings are made when the file is written, one field at a time."""
        self._lazy.update(fields)
        self._doc_count = max(self._doc_count, doc_count)

    # Whoosh's streaming interface (`FieldWriter.add_postings` calls these).
    def start_field(self, fieldname: str, fieldobj: Any) -> None:
        self._stream = {"name": fieldname, "positional": _positional(fieldobj), "terms": [], "tstart": [0],
                        "ids": array("q"), "freqs": array("q"), "positions": array("q")}

    def start_term(self, btext: bytes) -> None:
        assert self._stream is not None
        self._stream["terms"].append(btext)

    def add(self, docnum: int, weight: float, vbytes: bytes, length: int) -> None:
        stream = self._stream
        assert stream is not None
        stream["ids"].append(docnum)
        if stream["positional"]:
            positions = decode_positions(vbytes) if vbytes else []
            stream["positions"].extend(positions)
            stream["freqs"].append(len(positions))
        else:
            stream["freqs"].append(max(1, round(weight)))
        self._doc_count = max(self._doc_count, docnum + 1)

    def finish_term(self) -> None:
        assert self._stream is not None
        self._stream["tstart"].append(len(self._stream["ids"]))

    def finish_field(self) -> None:
        stream = self._stream
        assert stream is not None
        fp = FieldPostings(stream["terms"], np.asarray(stream["tstart"], dtype=np.int64),
                           np.frombuffer(stream["ids"], dtype=np.int64).copy(),
                           np.frombuffer(stream["freqs"], dtype=np.int64).copy(),
                           np.frombuffer(stream["positions"], dtype=np.int64).copy() if stream["positional"] else None)
        self._fields.setdefault(stream["name"], []).append(fp)
        self._stream = None

    def close(self) -> None:
        if self.is_closed:
            return
        fields: dict[str, Callable[[], FieldPostings]] = dict(self._lazy)
        for name, parts in self._fields.items():
            fields[name] = functools.partial(combine, parts)
        self._lazy.clear()
        self._fields.clear()
        with self._segment.create_file(self._storage, EXT) as f:
            write_pack(f, fields, self._doc_count)
        self.is_closed = True


def _positional(fieldobj: Any) -> bool:
    return bool(fieldobj.format is not None and fieldobj.format.supports("positions"))


# ---------------------------------------------------------------------------- postings in bulk


class _Tokens:
    """One field's tokens of the documents added so far: term numbers, documents, positions."""

    def __init__(self, positional: bool) -> None:
        self.positional = positional
        self.vocab: dict[str | bytes, int] = {}
        self.tids = array("i")
        self.docs = array("i")
        self.pos = array("i")
        self._last: tuple[Any, list[int], list[int]] | None = None

    def add(self, docnum: int, value: Any, tokens: Callable[[], list[tuple[str | bytes, int]]]) -> int:
        """Add a document's tokens (``tokens()`` gives (term, position) pairs); returns their number."""
        last = self._last
        if last is not None and last[0] == value:
            tids, positions = last[1], last[2]
        else:
            setdefault = self.vocab.setdefault
            vocab = self.vocab
            pairs = tokens()
            tids = [setdefault(t, len(vocab)) for t, _ in pairs]
            positions = [p for _, p in pairs] if self.positional else []
            self._last = (value, tids, positions)
        self.tids.extend(tids)
        self.docs.extend(array("i", [docnum]) * len(tids))
        if self.positional:
            self.pos.extend(positions)
        return len(tids)

    def build(self) -> FieldPostings:
        keys = list(self.vocab)
        encoded = [k.encode("utf-8") if isinstance(k, str) else k for k in keys]
        order = sorted(range(len(encoded)), key=encoded.__getitem__)
        rank = np.empty(len(order), dtype=np.int64)
        rank[np.asarray(order, dtype=np.int64)] = np.arange(len(order), dtype=np.int64)
        terms = [encoded[i] for i in order]
        r = rank[np.frombuffer(self.tids, dtype=np.int32)]
        docs = np.frombuffer(self.docs, dtype=np.int32).astype(np.int64)
        pos = np.frombuffer(self.pos, dtype=np.int32).astype(np.int64) if self.positional else None
        return _postings(terms, r, docs, pos)


class _Codes:
    """A bigram field's tokens as numbers (`BigramTokenizer.term_codes`): no Python work per token."""

    positional = True

    def __init__(self, codes: Callable[[str], NDArray[np.uint64]]) -> None:
        self._codes = codes
        self.parts: list[NDArray[np.uint64]] = []
        self.docs = array("i")
        self.lengths = array("i")
        self._last: tuple[str, NDArray[np.uint64]] | None = None

    @property
    def vocab(self) -> bool:
        return bool(self.parts)

    def add(self, docnum: int, value: str) -> int:
        last = self._last
        codes = last[1] if last is not None and last[0] == value else self._codes(value)
        self._last = (value, codes)
        if codes.size:
            self.parts.append(codes)
            self.docs.append(docnum)
            self.lengths.append(codes.size)
        return int(codes.size)

    def build(self) -> FieldPostings:
        codes = np.concatenate(self.parts)
        lengths = np.frombuffer(self.lengths, dtype=np.int32).astype(np.int64)
        docs = np.repeat(np.frombuffer(self.docs, dtype=np.int32).astype(np.int64), lengths)
        starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        pos = np.arange(codes.size, dtype=np.int64) - starts
        # One stable sort by code (code order is the terms' byte order) gives both the terms and
        # the postings' order: the tokens came by document, then position.
        sort = np.argsort(codes, kind="stable")
        ordered = codes[sort]
        first = np.ones(ordered.size, dtype=bool)
        np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
        r = np.cumsum(first, dtype=np.int64) - 1
        return _grouped(PairTerms(ordered[first]), r, docs[sort], pos[sort])


def _postings(terms: Sequence[bytes], r: NDArray[np.int64], docs: NDArray[np.int64],
              pos: NDArray[np.int64] | None) -> FieldPostings:
    """Postings from tokens: term number (in `terms`' order), document and position (None: no positions)."""
    if _in_document_order(docs, pos):
        sort = np.argsort(r, kind="stable")  # the order of the lexsorts below, sorting one key
    elif pos is not None:
        sort = np.lexsort((pos, docs, r))
    else:
        sort = np.lexsort((docs, r))
    return _grouped(terms, r[sort], docs[sort], None if pos is None else pos[sort])


def _in_document_order(docs: NDArray[np.int64], pos: NDArray[np.int64] | None) -> bool:
    """Whether tokens come by document, then (for positional fields) by position."""
    if docs.size < 2:
        return True
    ahead = docs[1:] > docs[:-1]
    if not np.all(ahead | (docs[1:] == docs[:-1])):
        return False
    return pos is None or bool(np.all(ahead | (pos[1:] >= pos[:-1])))


def _grouped(terms: Sequence[bytes], r: NDArray[np.int64], docs: NDArray[np.int64],
             positions: NDArray[np.int64] | None) -> FieldPostings:
    """Postings from tokens sorted by term number, document and position."""
    n = r.size
    starts = np.flatnonzero(np.concatenate(([True], (r[1:] != r[:-1]) | (docs[1:] != docs[:-1])))) \
        if n else np.zeros(0, dtype=np.int64)
    freqs = np.diff(np.append(starts, n))
    tstart = np.searchsorted(r[starts], np.arange(len(terms) + 1))
    return FieldPostings(terms, tstart.astype(np.int64), docs[starts], freqs.astype(np.int64), positions)


def combine(parts: list[FieldPostings]) -> FieldPostings:
    """One field's postings from several parts holding different documents.

    Parts whose documents follow one another (each part's below the next one's, as in a
    merge) are joined by `_concatenate`; others are sorted together.
    """
    parts = [p for p in parts if len(p)]
    if not parts:
        return FieldPostings([], np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64),
                             np.zeros(0, dtype=np.int64), None)
    if len(parts) == 1:
        return parts[0]
    if all(int(a.ids.max()) < int(b.ids.min()) for a, b in itertools.pairwise(parts)):
        return _concatenate(parts)
    terms = sorted(set().union(*(p.terms for p in parts)))
    number = {t: i for i, t in enumerate(terms)}
    gids = np.concatenate([np.repeat(np.fromiter((number[t] for t in p.terms), dtype=np.int64, count=len(p.terms)),
                                     np.diff(p.tstart)) for p in parts])
    ids = np.concatenate([p.ids for p in parts])
    freqs = np.concatenate([p.freqs for p in parts])
    sort = np.lexsort((ids, gids))
    positions = None
    if all(p.positions is not None for p in parts):
        flat = np.concatenate([p.positions for p in parts if p.positions is not None])
        positions = _gather_ragged(flat, freqs, sort)
    gids, ids, freqs = gids[sort], ids[sort], freqs[sort]
    tstart = np.searchsorted(gids, np.arange(len(terms) + 1)).astype(np.int64)
    return FieldPostings(terms, tstart, ids, freqs, positions)


def _concatenate(parts: list[FieldPostings]) -> FieldPostings:
    """`combine` of parts whose documents follow one another: no sort of the postings.

    A term's postings are its postings in each part, part after part; each part's run of
    postings (and of positions) is copied to where the term's postings start plus what the
    parts before it put there. Terms are united as numbers (`PairTerms`) or as one sorted
    array. Each part is released from `parts` once copied, so a merge holds its inputs and
    its output of one field, not more.
    """
    if all(isinstance(p.terms, PairTerms) for p in parts):
        keys = [p.terms.codes for p in parts if isinstance(p.terms, PairTerms)]
        united: NDArray[Any] = arrays.unique(np.concatenate(keys))
        terms: Sequence[bytes] = PairTerms(united)
    else:
        keys = [np.array(list(p.terms), dtype=object) for p in parts]
        united = arrays.unique(np.concatenate(keys))
        terms = united.tolist()
    where = [np.searchsorted(united, k) for k in keys]
    del keys
    positional = all(p.positions is not None for p in parts)
    counts = [np.diff(p.tstart) for p in parts]
    df = np.zeros(len(terms), dtype=np.int64)
    for g, n in zip(where, counts, strict=True):
        df[g] += n
    tstart = np.zeros(len(terms) + 1, dtype=np.int64)
    np.cumsum(df, out=tstart[1:])
    total = int(tstart[-1])
    wide = any(p.ids.dtype == np.int64 and p.ids.size and int(p.ids.max()) >= 1 << 31 for p in parts)
    kind = np.int64 if wide else np.int32
    ids = np.empty(total, dtype=kind)
    freqs = np.empty(total, dtype=np.int64 if any(p.freqs.dtype == np.int64 for p in parts) else np.int32)
    cursor = tstart[:-1].copy()
    positions: NDArray[Any] | None = None
    if positional:
        tfs = []
        tf = np.zeros(len(terms), dtype=np.int64)
        for p, g in zip(parts, where, strict=True):
            ends = np.zeros(p.freqs.size + 1, dtype=np.int64)
            np.cumsum(p.freqs, out=ends[1:])
            tfs.append(np.diff(ends[p.tstart]))
            tf[g] += tfs[-1]
        pstart = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(tf, out=pstart[1:])
        positions = np.empty(int(pstart[-1]), dtype=np.int32)
        pcursor = pstart[:-1].copy()
    for i, g in enumerate(where):
        p = parts[i]
        n = counts[i]
        dest = np.repeat(cursor[g] - p.tstart[:-1], n) + np.arange(p.ids.size, dtype=np.int64)
        ids[dest] = p.ids
        freqs[dest] = p.freqs
        cursor[g] += n
        if positions is not None and p.positions is not None:
            t = tfs[i]
            pdest = np.repeat(pcursor[g] - (np.cumsum(t) - t), t) + np.arange(p.positions.size, dtype=np.int64)
            positions[pdest] = p.positions
            pcursor[g] += t
        del dest, p
        parts[i] = _RELEASED
    return FieldPostings(terms, tstart, ids, freqs, positions)


_RELEASED = FieldPostings([], np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))


def _gather_ragged(flat: NDArray[np.int64], lengths: NDArray[np.int64], order: NDArray[np.int64]) -> NDArray[np.int64]:
    """The runs of `flat` (of `lengths`, one after another) in the order `order`."""
    starts = np.zeros(lengths.size, dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    lens = lengths[order]
    total = int(lens.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    new_starts = np.zeros(lens.size, dtype=np.int64)
    np.cumsum(lens[:-1], out=new_starts[1:])
    index = np.repeat(starts[order] - new_starts, lens) + np.arange(total, dtype=np.int64)
    return flat[index]


def _renumber(fp: FieldPostings, newdoc: NDArray[Any]) -> FieldPostings:
    """`fp` with document i numbered ``newdoc[i]``; postings of documents mapped to -1 dropped."""
    ids = newdoc[fp.ids]
    keep = ids >= 0
    if keep.all():
        return FieldPostings(fp.terms, fp.tstart, ids, fp.freqs, fp.positions)
    positions = None
    if fp.positions is not None:
        positions = fp.positions[np.repeat(keep, fp.freqs)]
    df = np.add.reduceat(keep.astype(np.int64), fp.tstart[:-1]) if fp.ids.size else np.zeros(0, dtype=np.int64)
    df[np.diff(fp.tstart) == 0] = 0
    alive = df > 0
    tstart = np.zeros(int(alive.sum()) + 1, dtype=np.int64)
    np.cumsum(df[alive], out=tstart[1:])
    terms: Sequence[bytes]
    if isinstance(fp.terms, PairTerms):
        terms = PairTerms(fp.terms.codes[alive])
    else:
        terms = [t for t, a in zip(fp.terms, alive.tolist(), strict=True) if a]
    return FieldPostings(terms, tstart, ids[keep], fp.freqs[keep], positions)


# ---------------------------------------------------------------------------- the writer


class PackedWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh is untyped
    """Whoosh's `SegmentWriter` writing a packed segment (see the module docstring)."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, codec=PackedCodec(), compound=False, **kwargs)
        schema = self.schema
        self._fieldobjs = {name: schema[name] for name in schema.names()}
        self._tokens: dict[str, _Tokens | _Codes] = {}
        for name, f in self._fieldobjs.items():
            if f.indexed:
                codes = getattr(getattr(f, "analyzer", None), "term_codes", None)
                self._tokens[name] = _Codes(codes) if codes is not None and _positional(f) else _Tokens(_positional(f))
        self._merged: list[_Source] = []
        self.mergetype = tiered_merge

    def add_document(self, **fields: Any) -> None:
        """Add one document (Whoosh's `add_document`, without its posting pool).

        ``_words={field: [(term, position), …]}`` gives fields already segmented (`indexer.search.segmenting`).
        """
        self._check_state()
        given: dict[str, list[tuple[str, int]]] = fields.pop("_words", None) or {}
        perdoc = self.perdocwriter
        docnum = self.docnum
        perdoc.start_doc(docnum)
        try:
            for name in sorted(fields):
                value = fields[name]
                field = self._fieldobjs.get(name)
                if value is None or field is None:  # a field the index's schema predates
                    continue
                length = 0
                if field.indexed:
                    tokens = self._tokens[name]
                    if isinstance(tokens, _Codes) and isinstance(value, str):
                        length = tokens.add(docnum, value)
                    else:
                        assert isinstance(tokens, _Tokens)
                        words = given.get(name)
                        length = tokens.add(docnum, value, _tokenizer(field, value) if words is None
                                            else _given(words))
                perdoc.add_field(name, field, value if field.stored else None, length if field.scorable else 0)
                column = field.column_type
                if column is not None:
                    perdoc.add_column_value(name, column, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: dict[int, int] | None) -> None:
        """The postings of a segment being merged into this one, renumbered (deleted documents dropped)."""
        n = reader.doc_count_all()
        kind = np.int32 if startdoc + n < 1 << 31 else np.int64
        if docmap is None:
            newdoc = np.arange(startdoc, startdoc + n, dtype=kind)
        else:
            newdoc = np.full(n, -1, dtype=kind)
            if docmap:
                old = np.fromiter(docmap.keys(), dtype=np.int64, count=len(docmap))
                newdoc[old] = np.fromiter(docmap.values(), dtype=np.int64, count=len(docmap))
        terms = adapter.segment_terms(reader)
        if isinstance(terms, PackedTermsReader):  # read field by field when the new segment is written
            self._merged.append(_PackedSource(terms.path, newdoc))
        else:
            eager = {name: _renumber(fp, newdoc) for name, fp in _reader_postings(terms, reader, self._fieldobjs)}
            self._merged.append(_EagerSource(eager))

    def cancel(self) -> None:
        """Whoosh's `cancel`, without writing the packed file of the abandoned segment."""
        self.fieldwriter.is_closed = True
        for source in self._merged:
            source.close()
        self._merged = []
        super().cancel()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        own = {name: tokens for name, tokens in self._tokens.items() if tokens.vocab}
        sources = self._merged
        names = set(own).union(*(source.names() for source in sources)) & set(self._fieldobjs)

        def field(name: str) -> FieldPostings:
            tokens = own.pop(name, None)
            parts = [tokens.build()] if tokens is not None else []
            del tokens
            for source in sources:
                fp = source.postings(name)
                if fp is not None:
                    parts.append(fp)
            return combine(parts)

        try:
            self.fieldwriter.add_bulk({name: (lambda name=name: field(name)) for name in sorted(names)}, self.docnum)
            self._tokens.clear()
            self.fieldwriter.close()
        finally:
            for source in sources:
                source.close()
            self._merged = []


class _Source:
    """The postings of a segment being merged, renumbered, given one field at a time."""

    def names(self) -> set[str]:
        raise NotImplementedError

    def postings(self, name: str) -> FieldPostings | None:
        raise NotImplementedError

    def close(self) -> None:
        """Release the segment's file."""


class _PackedSource(_Source):
    """A packed segment, read field by field (its file stays until the merge's commit ends)."""

    def __init__(self, path: str, newdoc: NDArray[Any]) -> None:
        self._reader = PackedTermsReader(path)
        self._newdoc = newdoc

    def names(self) -> set[str]:
        return set(self._reader.indexed_field_names())

    def postings(self, name: str) -> FieldPostings | None:
        fp = self._reader.field_postings(name)
        return None if fp is None else _renumber(fp, self._newdoc)

    def close(self) -> None:
        self._reader.close()


class _EagerSource(_Source):
    """An older (Whoosh-written) segment, read posting by posting when it was added."""

    def __init__(self, fields: dict[str, FieldPostings]) -> None:
        self._fields = fields

    def names(self) -> set[str]:
        return set(self._fields)

    def postings(self, name: str) -> FieldPostings | None:
        return self._fields.pop(name, None)


def _given(words: list[tuple[str, int]]) -> Callable[[], list[tuple[str | bytes, int]]]:
    return lambda: list(words)


def _tokenizer(field: Any, value: Any) -> Callable[[], list[tuple[str | bytes, int]]]:
    """A function giving a field value's (term, position) pairs, through the analyzer's fast path if any."""
    fast = getattr(field.analyzer, "term_positions", None) if hasattr(field, "analyzer") else None
    if fast is not None and isinstance(value, str):
        return lambda: fast(value)

    def generic() -> list[tuple[str | bytes, int]]:
        out: list[tuple[str | bytes, int]] = []
        for tbytes, freq, _, vbytes in field.index(value):
            if vbytes and _positional(field):
                out.extend((tbytes, p) for p in decode_positions(vbytes))
            else:
                out.extend((tbytes, 0) for _ in range(max(1, freq)))
        return out

    return generic


def _reader_postings(terms: Any, reader: Any, fieldobjs: dict[str, Any]) -> Iterable[tuple[str, FieldPostings]]:
    """Each indexed field's postings of one segment: arrays from a packed one, term by term from an older one."""
    if isinstance(terms, PackedTermsReader):
        for name in terms.indexed_field_names():
            if name in fieldobjs:
                fp = terms.field_postings(name)
                if fp is not None:
                    yield name, fp
        return
    writer = _PackFieldWriter(None, None)
    current: str | None = None
    last_text: bytes | None = None
    for fieldname, text, docnum, weight, vbytes in reader.iter_postings():
        if fieldname not in fieldobjs:
            continue
        if fieldname != current:
            if current is not None:
                writer.finish_term()
                writer.finish_field()
            writer.start_field(fieldname, fieldobjs[fieldname])
            current, last_text = fieldname, None
        if text != last_text:
            if last_text is not None:
                writer.finish_term()
            writer.start_term(text)
            last_text = text
        writer.add(docnum, weight, vbytes, 0)
    if current is not None:
        writer.finish_term()
        writer.finish_field()
    for name, parts in writer._fields.items():
        yield name, parts[0]


# ---------------------------------------------------------------------------- merging


def tiered_merge(writer: PackedWriter, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: merge segments of one size tier once it holds `MERGE_FACTOR` of them.

    A segment's tier is the integer part of log base `MERGE_FACTOR` of its live documents; the
    documents being written count as a segment of their tier. The lowest full tier's segments
    are merged into the new one, smallest first, while the merged segment stays within
    `MAX_MERGED` documents (at least two of them); larger segments are left alone. A small
    commit (a file added from the GUI) thus merges only with segments of its own size, and a
    library of N passages keeps about N / `MAX_MERGED` large segments and few small ones.
    """
    def tier(count: int) -> int:
        return int(math.log(max(count, 1), MERGE_FACTOR))

    tiers: dict[int, list[Any]] = {}
    for seg in segments:
        if seg.doc_count() < MAX_MERGED:
            tiers.setdefault(tier(seg.doc_count()), []).append(seg)
    pending = writer.docnum - writer.docbase
    chosen: list[Any] = []
    for level in sorted(tiers):
        group = sorted(tiers[level], key=lambda seg: seg.doc_count())
        if len(group) + (1 if pending and tier(pending) == level else 0) < MERGE_FACTOR:
            continue
        total = pending
        for seg in group:
            if len(chosen) >= 2 and total + seg.doc_count() > MAX_MERGED:
                break
            chosen.append(seg)
            total += seg.doc_count()
        break
    if not chosen:
        return segments
    for seg in chosen:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [seg for seg in segments if seg not in chosen]


def optimize_merge(writer: PackedWriter, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: every segment into the new one."""
    for seg in segments:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return []
