"""Packed segments: a segment's whole term dictionary and postings as numpy arrays in one file.

Private to the search back end. Whoosh's own term dictionary is a hash file with one entry
per term (key, a pickled term info, short posting lists pickled inline) written term by term
in Python: about 70 bytes and tens of microseconds per term, and a library's bigram and word
fields have hundreds of thousands of terms seen once. Here a segment written by
`indexer.search._whoosh.bulk` keeps, per indexed field:

* the field's terms, sorted by their UTF-8 bytes, with each one's document frequency and total
  frequency, in zlib blocks of `BLOCK` terms; beside them each block's first term and the
  index of its first posting and first position;
* the postings of all terms one after another — document numbers (as deltas, the first of each
  term absolute), frequencies and, for positional fields, positions (absolute, within the
  passage) — each cut into chunks of `CHUNK` values stored in the narrowest unsigned type that
  holds them and compressed with zlib.

A term is found by binary search over the blocks' first terms, then in its block; its postings
are a slice of the chunks that hold it, read and decoded with numpy. Only the header and the
small per-block and per-chunk arrays are loaded at first use (a few MB for 50,000 passages);
the rest is read as searches need it, from the page cache, not mapped (a file cut short while
it is read is an error, not a SIGBUS). `PackedTermsReader` also answers Whoosh's
`TermsReader` interface (terms, term infos, matchers, cursors), so `Searcher`, deletions and
Whoosh's own merges read packed segments like any other.

File layout: ``MAGIC``, then the arrays (each 8-byte aligned), then a JSON header, then the
header's offset (``<Q``).
"""

from __future__ import annotations

import bisect
import json
import os
import struct
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, overload

import numpy as np
from numpy.typing import NDArray
from whoosh.codec.base import FieldCursor, TermsReader
from whoosh.matching import ListMatcher
from whoosh.reading import TermInfo, TermNotFound

__all__ = ["CHUNK", "EXT", "FieldPostings", "PackDamaged", "PackedTermsReader", "PairTerms", "encode_positions",
           "write_pack"]

#: File extension of a packed segment's terms and postings.
EXT = ".hpk"
MAGIC = b"HANLINPK\x01\x00\x00\x00"
#: Values per compressed chunk of document numbers, frequencies or positions.
CHUNK = 4096
#: Terms per compressed block of a term dictionary.
BLOCK = 64
_TAIL = struct.Struct("<Q")
_DTYPES = (np.dtype("<u1"), np.dtype("<u2"), np.dtype("<u4"), np.dtype("<u8"))
_EMPTY_I64 = np.zeros(0, dtype=np.int64)


class PairTerms(Sequence[bytes]):
    """Sorted terms of two characters each, held as numbers: the first character's code point
    × 2³² + the second's (the bigram writer's `term_codes`). A bigram field has millions of
    terms; as numbers they cost 8 bytes each instead of a bytes object, and merge with numpy.
    Number order is the terms' UTF-8 byte order."""

    def __init__(self, codes: NDArray[np.uint64]) -> None:
        self.codes = codes

    def __len__(self) -> int:
        return int(self.codes.size)

    @overload
    def __getitem__(self, i: int) -> bytes: ...

    @overload
    def __getitem__(self, i: slice) -> list[bytes]: ...

    def __getitem__(self, i: int | slice) -> bytes | list[bytes]:
        if isinstance(i, slice):
            return _cut(*_pair_blob(self.codes[i]))
        n = len(self)
        if not -n <= i < n:
            raise IndexError(i)
        return _pair_blob(self.codes[i:i + 1 if i != -1 else None])[0]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self[:])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PairTerms):
            return bool(np.array_equal(self.codes, other.codes))
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def _pair_blob(codes: NDArray[np.uint64]) -> tuple[bytes, NDArray[np.int64]]:
    """The UTF-8 bytes of `PairTerms` numbers, one term after another, and each term's length."""
    points = np.empty((codes.size, 2), dtype="<u4")
    points[:, 0] = codes >> np.uint64(32)
    points[:, 1] = codes & np.uint64(0xFFFFFFFF)
    blob = points.tobytes().decode("utf-32-le").encode("utf-8")
    width = 1 + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000)
    return blob, width.sum(axis=1, dtype=np.int64)


def _terms_blob(terms: Sequence[bytes]) -> tuple[bytes, NDArray[np.int64]]:
    """All of `terms`' bytes one after another, and each term's length."""
    if isinstance(terms, PairTerms):
        return _pair_blob(terms.codes)
    return b"".join(terms), np.fromiter((len(t) for t in terms), dtype=np.int64, count=len(terms))


@dataclass
class FieldPostings:
    """One field's postings, as `write_pack` stores them and `PackedTermsReader` gives them back.

    ``terms`` sorted by bytes (a list, or `PairTerms`), none without postings;
    ``tstart[t]:tstart[t + 1]`` are term t's postings in ``ids`` (ascending within a term) and
    ``freqs``; for positional fields ``positions`` holds each posting's ``freqs`` positions,
    posting after posting. The arrays are int64 or, when read for a merge, int32.
    """

    terms: Sequence[bytes]
    tstart: NDArray[np.int64]
    ids: NDArray[Any]
    freqs: NDArray[Any]
    positions: NDArray[Any] | None = None

    def __len__(self) -> int:
        return len(self.terms)


# ---------------------------------------------------------------------------- writing


class _Out:
    """Appends aligned arrays to a file and records where each one is."""

    def __init__(self, f: BinaryIO) -> None:
        self.f = f
        self.at = 0
        self._write(MAGIC)

    def _write(self, data: bytes | memoryview) -> None:
        self.f.write(data)
        self.at += len(data)

    def _align(self) -> None:
        pad = -self.at % 8
        if pad:
            self._write(b"\0" * pad)

    def array(self, values: NDArray[Any]) -> list[Any]:
        """Write `values` raw; return ``[offset, dtype, count]``."""
        self._align()
        where = [self.at, values.dtype.str, int(values.size)]
        self._write(np.ascontiguousarray(values).tobytes())
        return where

    def blob(self, data: bytes) -> list[int]:
        where = [self.at, len(data)]
        self._write(data)
        return where

    def dictionary(self, terms: Sequence[bytes], df: NDArray[np.int64], tf: NDArray[np.int64]) -> dict[str, Any]:
        """Sorted `terms` with their document and total frequencies, in zlib blocks of `BLOCK` terms.

        Beside the blocks: each block's first term (for the binary search), and the index of
        its first posting and first position.
        """
        blob, lengths = _terms_blob(terms)
        if lengths.size and int(lengths.max()) >= 1 << 16:
            raise ValueError("a term longer than 65,535 bytes")
        tends = np.zeros(lengths.size + 1, dtype=np.int64)
        np.cumsum(lengths, out=tends[1:])
        firsts: list[bytes] = []
        block_offsets = [0]
        body: list[bytes] = []
        size = 0
        for start in range(0, len(terms), BLOCK):
            stop = min(start + BLOCK, len(terms))
            a, b = int(tends[start]), int(tends[stop])
            firsts.append(blob[a:int(tends[start + 1])])
            raw = (lengths[start:stop].astype("<u2").tobytes() + df[start:stop].astype("<u4").tobytes()
                   + tf[start:stop].astype("<u4").tobytes() + blob[a:b])
            packed = zlib.compress(raw, 6)
            body.append(packed)
            size += len(packed)
            block_offsets.append(size)
        first_offsets = np.zeros(len(firsts) + 1, dtype="<u8")
        np.cumsum([len(t) for t in firsts], out=first_offsets[1:])
        bounds = np.arange(0, len(terms) + BLOCK, BLOCK)[: len(firsts) + 1]
        bounds[-1] = len(terms)
        post = np.concatenate(([0], np.cumsum(df)))[bounds]
        pos = np.concatenate(([0], np.cumsum(tf)))[bounds]
        self._align()
        base = self.at
        for packed in body:
            self._write(packed)
        return {"blocks": {"base": base, "offsets": self.array(np.asarray(block_offsets, dtype="<u8"))},
                "firsts": self.blob(b"".join(firsts)), "first_offsets": self.array(first_offsets),
                "block_post": self.array(post.astype("<u8")), "block_pos": self.array(pos.astype("<u8"))}

    def chunked(self, values: NDArray[np.int64]) -> dict[str, Any]:
        """`values` (non-negative) in zlib chunks of `CHUNK`, each in the narrowest unsigned type."""
        offsets = [0]
        kinds = []
        body: list[bytes] = []
        size = 0
        for start in range(0, values.size, CHUNK):
            part = values[start:start + CHUNK]
            top = int(part.max()) if part.size else 0
            kind = 0 if top < 1 << 8 else 1 if top < 1 << 16 else 2 if top < 1 << 32 else 3
            packed = zlib.compress(part.astype(_DTYPES[kind]).tobytes(), 1)
            body.append(packed)
            size += len(packed)
            offsets.append(size)
            kinds.append(kind)
        self._align()
        base = self.at
        for packed in body:
            self._write(packed)
        return {"base": base, "count": int(values.size), "chunk": CHUNK,
                "offsets": self.array(np.asarray(offsets, dtype="<u8")),
                "kinds": self.array(np.asarray(kinds, dtype="<u1"))}


def write_pack(f: BinaryIO, fields: Mapping[str, FieldPostings | Callable[[], FieldPostings]], doc_count: int) -> None:
    """Write the packed terms and postings of a segment of `doc_count` documents to `f`.

    A field given as a function is made when its turn comes and released after, so that a
    merge holds one field's postings at a time.
    """
    out = _Out(f)
    header: dict[str, Any] = {"doc_count": doc_count, "fields": {}}
    for name in sorted(fields):
        given = fields[name]
        fp = given() if callable(given) else given
        if not len(fp):
            continue
        df = np.diff(fp.tstart)
        ends = np.zeros(fp.ids.size + 1, dtype=np.int64)
        np.cumsum(fp.freqs, out=ends[1:])
        tf = np.diff(ends[fp.tstart])
        del ends
        deltas = np.empty_like(fp.ids)
        if fp.ids.size:
            deltas[0] = fp.ids[0]
            np.subtract(fp.ids[1:], fp.ids[:-1], out=deltas[1:])
            firsts = fp.tstart[:-1]
            deltas[firsts] = fp.ids[firsts]
        entry: dict[str, Any] = {"terms": len(fp.terms), "weight": float(fp.freqs.sum())}
        entry.update(out.dictionary(fp.terms, df, tf))
        entry["ids"] = out.chunked(deltas)
        entry["freqs"] = out.chunked(fp.freqs)
        if fp.positions is not None:
            entry["positions"] = out.chunked(fp.positions)
        header["fields"][name] = entry
        del fp, given, deltas  # before the next field is made
    out._align()
    at = out.at
    out._write(json.dumps(header, separators=(",", ":")).encode("utf-8"))
    out._write(_TAIL.pack(at))


# ---------------------------------------------------------------------------- reading


class PackDamaged(ValueError):
    """A packed segment file that cannot be what `write_pack` wrote."""


class _Source:
    """Reads byte ranges of a packed file (not memory-mapped: a file truncated by another program
    while a search reads it must give an error, not end the process with SIGBUS)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._file: BinaryIO | None = open(path, "rb")  # noqa: SIM115 — closed in close()
        self._lock = threading.Lock()
        self.size = os.fstat(self._file.fileno()).st_size

    def read(self, offset: int, length: int) -> bytes:
        with self._lock:
            if self._file is None:
                raise PackDamaged(f"{self.path}: closed")
            self._file.seek(offset)
            data = self._file.read(length)
        if len(data) != length:
            raise PackDamaged(f"{self.path}: {length} bytes at {offset} asked, {len(data)} read (the file is cut short)")
        return data

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def __del__(self) -> None:
        # A segment reader dropped without close() (a searcher left to the garbage collector)
        # closes its file here rather than leaving it to the file object's ResourceWarning.
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()


class _Terms:
    """A field's sorted terms (the blocks' first terms) as a sequence of bytes, for `bisect`."""

    def __init__(self, blob: bytes, toff: NDArray[np.uint64]) -> None:
        self._blob = blob
        self._toff = toff

    def __len__(self) -> int:
        return len(self._toff) - 1

    def __getitem__(self, i: int) -> bytes:
        return self._blob[int(self._toff[i]):int(self._toff[i + 1])]


class _Chunked:
    """Values `_Out.chunked` wrote: decoded by ranges of whole chunks."""

    def __init__(self, src: _Source, spec: dict[str, Any], array: Any) -> None:
        self._src = src
        self._base = spec["base"]
        self.count = spec["count"]
        self._chunk = int(spec["chunk"])
        self._offsets = array(spec["offsets"])
        self._kinds = array(spec["kinds"])

    def whole(self) -> NDArray[Any]:
        """Every value, as int32 when they fit (see `_narrowest`), decoded chunk by chunk into one array."""
        dtype = _narrowest(self)
        out = np.empty(self.count, dtype=dtype)
        at = 0
        for c in range(len(self._kinds)):
            a, b = self._base + int(self._offsets[c]), self._base + int(self._offsets[c + 1])
            part = np.frombuffer(zlib.decompress(self._src.read(a, b - a)), dtype=_DTYPES[int(self._kinds[c])])
            if dtype == np.int32 and part.dtype == np.dtype("<u4") and part.size and int(part.max()) >= 1 << 31:
                out = out.astype(np.int64)
                dtype = np.int64
            out[at:at + part.size] = part
            at += part.size
        if at != self.count:
            raise PackDamaged(f"{self._src.path}: {at} values where {self.count} were written")
        return out

    def slice(self, start: int, stop: int) -> NDArray[np.int64]:
        if stop <= start:
            return _EMPTY_I64
        first, last = start // self._chunk, (stop - 1) // self._chunk
        parts = []
        for c in range(first, last + 1):
            a, b = self._base + int(self._offsets[c]), self._base + int(self._offsets[c + 1])
            raw = zlib.decompress(self._src.read(a, b - a))
            parts.append(np.frombuffer(raw, dtype=_DTYPES[int(self._kinds[c])]))
        whole = parts[0] if len(parts) == 1 else np.concatenate([p.astype(np.int64) for p in parts])
        lo = start - first * self._chunk
        return whole[lo:lo + stop - start].astype(np.int64)


def _narrowest(chunks: _Chunked) -> Any:
    """int32 when every value of `chunks` fits it (the merge's arrays), else int64."""
    kinds = chunks._kinds
    return np.int64 if kinds.size and int(kinds.max()) >= 3 else np.int32


def _block_parts(raw: bytes, n: int) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], bytes]:
    """A decompressed dictionary block of `n` terms (`_Out.dictionary`): each term's length, document
    and total frequency, and the terms' bytes one after another."""
    lengths = np.frombuffer(raw, dtype="<u2", count=n).astype(np.int64)
    df = np.frombuffer(raw, dtype="<u4", count=n, offset=2 * n).astype(np.int64)
    tf = np.frombuffer(raw, dtype="<u4", count=n, offset=6 * n).astype(np.int64)
    return lengths, df, tf, raw[10 * n:]


def _cut(blob: bytes, lengths: NDArray[np.int64]) -> list[bytes]:
    """`blob` cut into terms of `lengths`."""
    ends = np.cumsum(lengths).tolist()
    return [blob[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]


class _Block:
    """One decoded block of a term dictionary."""

    __slots__ = ("df", "pos", "post", "terms", "tf")

    def __init__(self, raw: bytes, n: int, post: int, pos: int) -> None:
        lengths, self.df, self.tf, blob = _block_parts(raw, n)
        self.terms = _cut(blob, lengths)
        self.post = post
        self.pos = pos


class _Field:
    """One field of a packed segment: its term dictionary and postings."""

    def __init__(self, src: _Source, spec: dict[str, Any], array: Any) -> None:
        self.count = int(spec["terms"])
        self.weight = float(spec["weight"])
        self._src = src
        self._blocks_at = spec["blocks"]["base"]
        self._block_offsets = array(spec["blocks"]["offsets"])
        at, size = spec["firsts"]
        self.firsts = _Terms(src.read(at, size), array(spec["first_offsets"]))
        self._block_post = array(spec["block_post"])
        self._block_pos = array(spec["block_pos"])
        self.ids = _Chunked(src, spec["ids"], array)
        self.freqs = _Chunked(src, spec["freqs"], array)
        self.positions = _Chunked(src, spec["positions"], array) if "positions" in spec else None
        self._cache: dict[int, _Block] = {}

    def block(self, b: int) -> _Block:
        found = self._cache.get(b)
        if found is None:
            found = _Block(*self._raw_block(b), int(self._block_post[b]), int(self._block_pos[b]))
            if len(self._cache) >= 64:
                self._cache.clear()
            self._cache[b] = found
        return found

    def _raw_block(self, b: int) -> tuple[bytes, int]:
        """Block `b` of the dictionary, decompressed, and how many terms it holds."""
        a = self._blocks_at + int(self._block_offsets[b])
        z = self._blocks_at + int(self._block_offsets[b + 1])
        return zlib.decompress(self._src.read(a, z - a)), min(BLOCK, self.count - b * BLOCK)

    def find(self, tbytes: bytes) -> int:
        """Global index of `tbytes` among the field's terms, or -1."""
        b = bisect.bisect_right(self.firsts, tbytes) - 1
        if b < 0:
            return -1
        terms = self.block(b).terms
        i = bisect.bisect_left(terms, tbytes)
        return b * BLOCK + i if i < len(terms) and terms[i] == tbytes else -1

    def lower_bound(self, tbytes: bytes) -> int:
        """Global index of the first term not below `tbytes` (`count` when none)."""
        b = max(0, bisect.bisect_right(self.firsts, tbytes) - 1)
        if b >= len(self.firsts):
            return self.count
        return b * BLOCK + bisect.bisect_left(self.block(b).terms, tbytes)

    def term(self, t: int) -> bytes:
        return self.block(t // BLOCK).terms[t % BLOCK]

    def ranges(self, t: int) -> tuple[int, int, int, int]:
        """(first posting, end, first position, end) of term `t`."""
        block = self.block(t // BLOCK)
        i = t % BLOCK
        post = block.post + int(block.df[:i].sum())
        pos = block.pos + int(block.tf[:i].sum())
        return post, post + int(block.df[i]), pos, pos + int(block.tf[i])

    def postings(self, t: int, positions: bool) -> tuple[NDArray[np.int64], NDArray[np.int64],
                                                           NDArray[np.int64] | None]:
        a, b, pa, pb = self.ranges(t)
        ids = np.cumsum(self.ids.slice(a, b))
        freqs = self.freqs.slice(a, b)
        pos = self.positions.slice(pa, pb) if positions and self.positions is not None else None
        return ids, freqs, pos

    def all_terms(self) -> tuple[Sequence[bytes], NDArray[np.int64]]:
        """Every term (as `PairTerms` when each has two characters) and the index of each one's
        first posting (one more at the end). Read block by block, past the block cache."""
        blobs: list[bytes] = []
        lengths: list[NDArray[np.int64]] = []
        dfs: list[NDArray[np.int64]] = []
        for b in range(len(self.firsts)):
            size, df, _, blob = _block_parts(*self._raw_block(b))
            lengths.append(size)
            dfs.append(df)
            blobs.append(blob)
        tstart = np.zeros(self.count + 1, dtype=np.int64)
        if dfs:
            np.cumsum(np.concatenate(dfs), out=tstart[1:])
        blob = b"".join(blobs)
        size = np.concatenate(lengths) if lengths else _EMPTY_I64
        return _split_terms(blob, size), tstart


def _split_terms(blob: bytes, lengths: NDArray[np.int64]) -> Sequence[bytes]:
    """Terms stored one after another in `blob`: `PairTerms` when every one has two characters."""
    if lengths.size:
        starts = np.zeros(lengths.size, dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        lead = (np.frombuffer(blob, dtype=np.uint8) & 0xC0) != 0x80  # first byte of a character
        chars = np.add.reduceat(lead.astype(np.int64), starts) if lengths.all() else None
        if chars is not None and bool((chars == 2).all()):
            points = np.frombuffer(blob.decode("utf-8").encode("utf-32-le"), dtype="<u4").astype(np.uint64)
            return PairTerms((points[0::2] << np.uint64(32)) | points[1::2])
    return _cut(blob, lengths)


class PackedTermsReader(TermsReader):  # type: ignore[misc]  # Whoosh is untyped
    """The terms and postings of one packed segment, for Hanlin's numpy search and for Whoosh."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._path = os.fspath(path)
        self._src: _Source | None = None
        self._loaded: dict[str, _Field] | None = None

    @property
    def path(self) -> str:
        """The packed file."""
        return self._path

    @property
    def _fields(self) -> dict[str, _Field]:
        """The fields, read from the file on first use (the index checks the file's checksum first)."""
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def _load(self) -> dict[str, _Field]:
        path = self._path
        self._src = src = _Source(path)
        try:
            size = src.size
            if size < len(MAGIC) + _TAIL.size:
                raise PackDamaged(f"{path}: too short ({size} bytes)")
            if src.read(0, len(MAGIC)) != MAGIC:
                raise PackDamaged(f"{path}: not a packed segment")
            at = _TAIL.unpack(src.read(size - _TAIL.size, _TAIL.size))[0]
            if not len(MAGIC) <= at <= size - _TAIL.size:
                raise PackDamaged(f"{path}: bad header offset {at}")
            try:
                header = json.loads(src.read(at, size - _TAIL.size - at).decode("utf-8"))
            except ValueError as exc:
                raise PackDamaged(f"{path}: unreadable header ({exc})") from exc

            def array(where: list[Any]) -> NDArray[Any]:
                offset, dtype, count = where
                kind = np.dtype(dtype)
                return np.frombuffer(src.read(offset, kind.itemsize * count), dtype=kind)

            return {name: _Field(src, spec, array) for name, spec in header["fields"].items()}
        except (KeyError, TypeError, ValueError) as exc:
            self.close()
            raise exc if isinstance(exc, PackDamaged) else PackDamaged(f"{path}: {type(exc).__name__}: {exc}") from exc
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ Hanlin's reading

    def postings(self, fieldname: str, tbytes: bytes, positions: bool = False
                 ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64] | None] | None:
        """(ids, frequencies, positions or None) of a term, or None when the segment lacks it."""
        field, t = self._locate(fieldname, tbytes)
        return None if field is None else field.postings(t, positions)

    def field_terms(self, fieldname: str) -> Iterator[tuple[bytes, NDArray[np.int64], NDArray[np.int64]]]:
        """Every term of a field with its (ids, frequencies)."""
        field = self._fields.get(fieldname)
        if field is None:
            return
        for t in range(field.count):
            ids, freqs, _ = field.postings(t, False)
            yield field.term(t), ids, freqs

    def field_postings(self, fieldname: str) -> FieldPostings | None:
        """A whole field's postings, for merging segments (int32 arrays when the values fit)."""
        field = self._fields.get(fieldname)
        if field is None:
            return None
        terms, tstart = field.all_terms()
        ids = field.ids.whole()  # deltas, restarting at each term: summed term by term
        step = max(1, len(terms) // 64)
        for a in range(0, len(terms), step):
            lo, hi = int(tstart[a]), int(tstart[min(a + step, len(terms))])
            if hi > lo:
                run = np.cumsum(ids[lo:hi], dtype=np.int64)
                first = tstart[a:min(a + step, len(terms)) + 1] - lo
                before = np.concatenate((np.zeros(1, dtype=np.int64), run))[first[:-1]]
                ids[lo:hi] = run - np.repeat(before, np.diff(first))
        positions = field.positions.whole() if field.positions is not None else None
        return FieldPostings(terms, tstart, ids, field.freqs.whole(), positions)

    # ------------------------------------------------------------------ Whoosh's TermsReader

    def __contains__(self, term: tuple[str, bytes]) -> bool:
        return self._locate(*term)[0] is not None

    def indexed_field_names(self) -> list[str]:
        return list(self._fields)

    def cursor(self, fieldname: str, fieldobj: Any) -> _Cursor:
        return _Cursor(self._fields.get(fieldname), fieldobj)

    def terms(self) -> Iterator[tuple[str, bytes]]:
        for name, field in self._fields.items():
            for t in range(field.count):
                yield name, field.term(t)

    def terms_from(self, fieldname: str, prefix: bytes) -> Iterator[tuple[str, bytes]]:
        for (name, tbytes), _ in self.items_from(fieldname, prefix):
            yield name, tbytes

    def items(self) -> Iterator[tuple[tuple[str, bytes], TermInfo]]:
        for name, field in self._fields.items():
            for t in range(field.count):
                yield (name, field.term(t)), self._info(field, t)

    def items_from(self, fieldname: str, prefix: bytes) -> Iterator[tuple[tuple[str, bytes], TermInfo]]:
        names = sorted(self._fields)
        for name in names[bisect.bisect_left(names, fieldname):]:
            field = self._fields[name]
            start = field.lower_bound(prefix) if name == fieldname else 0
            for t in range(start, field.count):
                yield (name, field.term(t)), self._info(field, t)

    def term_info(self, fieldname: str, tbytes: bytes) -> TermInfo:
        field, t = self._found(fieldname, tbytes)
        return self._info(field, t)

    def frequency(self, fieldname: str, tbytes: bytes) -> float:
        """Total frequency of a term (0 when absent, as Whoosh's readers answer)."""
        field, t = self._locate(fieldname, tbytes)
        return 0.0 if field is None else float(field.block(t // BLOCK).tf[t % BLOCK])

    def doc_frequency(self, fieldname: str, tbytes: bytes) -> int:
        """Documents holding a term (0 when absent)."""
        field, t = self._locate(fieldname, tbytes)
        return 0 if field is None else int(field.block(t // BLOCK).df[t % BLOCK])

    def matcher(self, fieldname: str, tbytes: bytes, format_: Any, scorer: Any = None) -> Any:
        field, t = self._found(fieldname, tbytes)
        ids, freqs, pos = field.postings(t, True)
        values = None
        if pos is not None:
            ends = np.cumsum(freqs)
            values = [encode_positions(p) for p in np.split(pos, ends[:-1])] if ids.size else []
        weights = freqs.astype(np.float32).tolist()
        return ListMatcher(ids.tolist(), weights, values, format_, scorer=scorer, term=(fieldname, tbytes),
                           terminfo=self._info(field, t, ids, freqs))

    def _locate(self, fieldname: str, tbytes: bytes) -> tuple[_Field | None, int]:
        """(the field, the term's index in it), or (None, -1) when the segment lacks the term."""
        field = self._fields.get(fieldname)
        t = -1 if field is None else field.find(tbytes)
        return (field, t) if field is not None and t >= 0 else (None, -1)

    def _found(self, fieldname: str, tbytes: bytes) -> tuple[_Field, int]:
        """`_locate`, raising Whoosh's `TermNotFound` when the term is absent."""
        field, t = self._locate(fieldname, tbytes)
        if field is None:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return field, t

    def close(self) -> None:
        self._loaded = {}
        if self._src is not None:
            self._src.close()
            self._src = None

    @staticmethod
    def _info(field: _Field, t: int, ids: NDArray[np.int64] | None = None,
              freqs: NDArray[np.int64] | None = None) -> TermInfo:
        if ids is None or freqs is None:
            ids, freqs, _ = field.postings(t, False)
        if not ids.size:
            return TermInfo()
        return TermInfo(weight=float(freqs.sum()), df=int(ids.size), minlength=1, maxlength=0xFFFFFFFF,
                        maxweight=float(freqs.max()), minid=int(ids[0]), maxid=int(ids[-1]))


def encode_positions(poslist: Sequence[int] | NDArray[np.int64]) -> bytes:
    """One posting's positions as `indexer.search._whoosh.schema.CompactPositions` stores them (and
    Whoosh's matchers read them): a typecode byte (``H`` or ``I``), then the positions little-endian."""
    positions = np.asarray(poslist, dtype=np.int64)
    if not positions.size or int(positions[-1]) < 0x10000:
        return b"H" + positions.astype("<u2").tobytes()
    return b"I" + positions.astype("<u4").tobytes()


class _Cursor(FieldCursor):  # type: ignore[misc]  # Whoosh is untyped
    """Whoosh's field cursor (edit-distance suggestions walk it) over a packed field's terms."""

    def __init__(self, field: _Field | None, fieldobj: Any) -> None:
        self._field = field
        self._fieldobj = fieldobj
        self._i = 0
        self._text: Any = None
        self.first()

    def _at(self, i: int) -> Any:
        field = self._field
        if field is None or i >= field.count:
            self._i, self._text = -1, None
            return None
        self._i = i
        self._text = self._fieldobj.from_bytes(field.term(i))
        return self._text

    def first(self) -> Any:
        return self._at(0)

    def find(self, term: Any) -> Any:
        if self._field is None:
            return None
        tbytes = term if isinstance(term, bytes) else self._fieldobj.to_bytes(term)
        return self._at(self._field.lower_bound(tbytes))

    def next(self) -> Any:
        return None if self._i < 0 else self._at(self._i + 1)

    def text(self) -> Any:
        return self._text

    def term_info(self) -> TermInfo | None:
        if self._field is None or self._i < 0:
            return None
        return PackedTermsReader._info(self._field, self._i)

    def is_valid(self) -> bool:
        return self._i >= 0 and self._field is not None
