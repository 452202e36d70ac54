"""Hanlin's Whoosh codec: posting blocks laid out for numpy, and reading them as arrays.

Private to the search back end (its subclasses' use of Whoosh internals is listed in
`indexer.search._whoosh.adapter.SUBCLASSED`) (`indexer.search._whoosh.index`, `indexer.search._whoosh.schema`, `indexer.search._whoosh.ranking`).

Whoosh 3 pickles each block of 128 postings as one ``(ids, weights, values)`` tuple, so
reading the document numbers of a term means unpickling every posting's positions too,
block by block, in Python: 40 ms for a word found in 90,000 passages. Here a block holds up
to `BLOCK_LIMIT` postings in three separately compressed sections — ids (deltas, 16 or 32
bits), weights (none / constant / 16-bit integers / floats) and values (lengths and the
joined bytes) — behind a fixed-size header, so `term_postings` reads a whole posting list
as numpy arrays without touching the values, and `term_positions` decodes positions only
when a phrase asks for them.

Whoosh's own matchers still read these blocks (`_LeafMatcher` rebuilds the tuple it
expects), so merging segments, `Searcher.search` and term expansion keep working. Short
lists are inlined in the term dictionary as before (`_CompactTermInfo`).
"""

from __future__ import annotations

import itertools
import pickle
import struct
import sys
import zlib
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3PostingsWriter, W3TermInfo
from whoosh.matching import ListMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length, length_to_byte

from indexer.search._whoosh import adapter
from indexer.search._whoosh.pack import PackedTermsReader

#: Postings per block (Whoosh's default is 128; larger blocks cost less to read as arrays).
BLOCK_LIMIT = 1024
#: Posting lists shorter than this are stored inside the term dictionary, not as a block.
INLINE_LIMIT = 8

_LEN = struct.Struct("!i")  # block length, negative for the last block (as Whoosh 3)
_INFO = struct.Struct("<IIIfBB")  # postings, first id, last id, max weight, min/max length bytes
_SECTION = struct.Struct("<BI")  # kind (| _ZIPPED), byte length
_ZIPPED = 0x80

# Section kinds.
_IDS16, _IDS32 = 1, 2
_W_ONES, _W_CONST, _W_INT16, _W_FLOAT = 3, 4, 5, 6
_V_NONE, _V_FIXED, _V_VAR16, _V_VAR32 = 7, 8, 9, 10

#: A block's values as Whoosh's matchers want them: joined bytes for fixed sizes, else one bytes per posting.
Values = bytes | tuple[bytes, ...]
#: A decoded block as Whoosh's `W3LeafMatcher` keeps it: ``(ids, weights, values)``.
Block = tuple[list[int], "array[float]", Values]

_Number = TypeVar("_Number", int, float)


def _section(kind: int, raw: bytes, level: int) -> bytes:
    if level and len(raw) >= 64:
        packed = zlib.compress(raw, level)
        if len(packed) < len(raw):
            return _SECTION.pack(kind | _ZIPPED, len(packed)) + packed
    return _SECTION.pack(kind, len(raw)) + raw


_BIG_ENDIAN = sys.byteorder == "big"


def _le(a: array[_Number]) -> bytes:
    if a.itemsize > 1 and _BIG_ENDIAN:
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def encode_block(ids: Sequence[int], weights: Sequence[float], values: Sequence[bytes], fixedsize: int | None,
                 level: int) -> bytes:
    """The three sections of one block (after its header)."""
    base = ids[0]
    deltas = [0] + [b - a for a, b in itertools.pairwise(ids)]
    out = [_section(_IDS16, _le(array("H", deltas)), level) if max(deltas) < 0x10000
           else _section(_IDS32, _le(array("I", deltas)), level)]
    if all(w == 1.0 for w in weights):
        out.append(_section(_W_ONES, b"", 0))
    elif all(w == weights[0] for w in weights):
        out.append(_section(_W_CONST, struct.pack("<f", weights[0]), 0))
    elif all(w == int(w) and 0 <= w < 0x10000 for w in weights):
        out.append(_section(_W_INT16, _le(array("H", (int(w) for w in weights))), level))
    else:
        out.append(_section(_W_FLOAT, _le(array("f", weights)), level))
    if fixedsize == 0 or not values:
        out.append(_section(_V_NONE, b"", 0))
    elif fixedsize is not None and fixedsize > 0:
        out.append(_section(_V_FIXED, b"".join(values), level))
    else:
        lengths = [len(v) for v in values]
        code, kind = ("H", _V_VAR16) if max(lengths) < 0x10000 else ("I", _V_VAR32)
        out.append(_section(kind, _le(array(code, lengths)) + b"".join(values), level))
    return struct.pack("<I", base) + b"".join(out)


def _read_section(buf: bytes, pos: int) -> tuple[int, bytes, int]:
    kind, size = _SECTION.unpack_from(buf, pos)
    pos += _SECTION.size
    raw = bytes(buf[pos:pos + size])
    if kind & _ZIPPED:
        raw = zlib.decompress(raw)
    return kind & ~_ZIPPED, raw, pos + size


def _skip_section(buf: bytes, pos: int) -> int:
    size: int = _SECTION.unpack_from(buf, pos)[1]
    return pos + _SECTION.size + size


def _ids(kind: int, raw: bytes, base: int) -> NDArray[np.int64]:
    deltas = np.frombuffer(raw, dtype="<u2" if kind == _IDS16 else "<u4").astype(np.int64)
    ids = np.cumsum(deltas)
    ids += base
    return ids


def _weights(kind: int, raw: bytes, n: int) -> NDArray[np.float32]:
    if kind == _W_ONES:
        return np.ones(n, dtype=np.float32)
    if kind == _W_CONST:
        return np.full(n, struct.unpack("<f", raw)[0], dtype=np.float32)
    if kind == _W_INT16:
        return np.frombuffer(raw, dtype="<u2").astype(np.float32)
    return np.frombuffer(raw, dtype="<f4").astype(np.float32)


def _values(kind: int, raw: bytes, n: int, fixedsize: int | None) -> Values | None:
    """Values as Whoosh's matchers want them: a tuple of bytes (or joined bytes for fixed sizes)."""
    if kind == _V_NONE:
        return None
    if kind == _V_FIXED:
        return raw
    return _var_values(raw, n, 2 if kind == _V_VAR16 else 4)


def _var_values(raw: bytes, n: int, width: int) -> tuple[bytes, ...]:
    """The values of a variable-size section: `n` lengths of `width` bytes, then the joined values."""
    lengths = array("H" if width == 2 else "I")
    lengths.frombytes(raw[: n * width])
    if _BIG_ENDIAN:
        lengths.byteswap()
    out: list[bytes] = []
    pos = n * width
    for length in lengths:
        out.append(raw[pos:pos + length])
        pos += length
    return tuple(out)


# ---------------------------------------------------------------------------- writing


class _CompactTermInfo(W3TermInfo):  # type: ignore[misc]  # Whoosh is untyped
    """Term info whose inlined postings are pickled with protocol 5 (bytes as bytes, not via codecs)."""

    def to_bytes(self) -> bytes:
        if not self.is_inlined():
            whole: bytes = super().to_bytes()
            return whole
        head: bytes = self._struct.pack(
            True, self._weight, self._df,
            0 if self._minlength is None else length_to_byte(self._minlength),
            length_to_byte(self._maxlength), self._maxweight,
            0xFFFFFFFF if self._minid is None else self._minid,
            0xFFFFFFFF if self._maxid is None else self._maxid,
        )
        ids, weights, values = self._inlined
        weights = tuple(int(w) if w == int(w) else w for w in weights)
        return head + pickle.dumps((ids, weights, values), 5)


class _PostingsWriter(W3PostingsWriter):  # type: ignore[misc]  # Whoosh is untyped
    """Posting lists in Hanlin's block layout, short ones inlined in the term info.

    Whoosh-Reloaded 2.7.5 cannot inline (it calls a missing ``set_inline``); this does.
    """

    # Set by Whoosh's `W3PostingsWriter`; declared for the assignments below.
    _terminfo: Any  # the W3TermInfo of the term being written, None between terms
    _blockcount: int

    def finish_postings(self) -> Any:
        """The term's `W3TermInfo`, its postings inlined or written as blocks."""
        terminfo = self._terminfo
        # Only lists whose every posting has a value (positions) are inlined: Whoosh's
        # ListMatcher gives "" for a missing value, which merging segments cannot write back.
        if not self.written() and len(self) < self._inlinelimit and len(self._values) == len(self._ids):
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
            terminfo.__class__ = _CompactTermInfo
        else:
            if self._ids:
                self._write_block(last=True)
            terminfo.set_extent(self._startoffset, self._postfile.tell() - self._startoffset)
        self._terminfo = None
        return terminfo

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        values: Sequence[bytes] = self._values if len(self._values) == len(ids) else []
        info = _INFO.pack(len(ids), ids[0], ids[-1], self._maxweight,
                          length_to_byte(self._minlength), length_to_byte(self._maxlength))
        data = encode_block(ids, self._weights, values, self._format.fixed_value_size(), self._compression)
        length = len(info) + len(data)
        self._postfile.write(_LEN.pack(-length if last else length))
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


# ---------------------------------------------------------------------------- Whoosh's reading


class _LeafMatcher(W3LeafMatcher):  # type: ignore[misc]  # Whoosh is untyped
    """Whoosh's block matcher over Hanlin's block layout (merges, `Searcher.search`, expansion)."""

    # Whoosh's `W3LeafMatcher` state of the current block, as this class fills it.
    _data: Block | None
    _ids: list[int] | None
    _weights: array[float] | None
    _values: Values | None

    def _goto(self, position: int) -> None:
        postfile = self._postfile
        self._data = self._ids = self._weights = self._values = None
        self._i = 0
        length = _LEN.unpack(postfile.get(position, _LEN.size))[0]
        self._lastblock = length < 0
        length = abs(length)
        self._nextoffset = position + _LEN.size + length
        n, _, maxid, maxweight, mnlen, mxlen = _INFO.unpack(postfile.get(position + _LEN.size, _INFO.size))
        self._dataoffset = position + _LEN.size + _INFO.size
        self._blocklength, self._maxid, self._maxweight = n, maxid, maxweight
        self._compression = 0
        self._minlength, self._maxlength = byte_to_length(mnlen), byte_to_length(mxlen)

    def _read_data(self) -> Block:
        buf = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        n = self._blocklength
        base = struct.unpack_from("<I", buf, 0)[0]
        kind, raw, pos = _read_section(buf, 4)
        ids = _ids(kind, raw, base).tolist()
        kind, raw, pos = _read_section(buf, pos)
        weights = array("f", _weights(kind, raw, n).tolist())
        kind, raw, pos = _read_section(buf, pos)
        values = _values(kind, raw, n, self._fixedsize)
        if values is None:
            values = b"" if self._fixedsize is not None and self._fixedsize >= 0 else (b"",) * n
        data = (ids, weights, values)
        self._data = data
        return data

    def _read_ids(self) -> None:
        data = self._read_data() if self._data is None else self._data
        self._ids = data[0]

    def _read_weights(self) -> None:
        data = self._read_data() if self._data is None else self._data
        self._weights = data[1]


class HanlinCodec(W3Codec):  # type: ignore[misc]  # Whoosh is untyped
    """Whoosh's W3 codec with Hanlin's posting blocks (see the module docstring)."""

    def __init__(self, blocklimit: int = BLOCK_LIMIT, compression: int = 3, inlinelimit: int = INLINE_LIMIT) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> _PostingsWriter:
        """A writer of posting lists in Hanlin's block layout into `dbfile` (Whoosh's postings file)."""
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: tuple[str, bytes] | None = None,
                        scorer: Any = None) -> Any:
        """Whoosh's matcher of one term's postings (`terminfo`): a `ListMatcher` if inlined, else `_LeafMatcher`."""
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        offset, length = terminfo.extent()
        return _LeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


# ---------------------------------------------------------------------------- numpy reading


@dataclass
class Postings:
    """One term's postings in one segment: segment-local document numbers and weights."""

    ids: NDArray[np.int64]  # ascending
    weights: NDArray[np.float32]  # term frequency × field boost
    #: For positional fields when asked: positions of each posting, concatenated, and
    #: how many belong to each posting.
    positions: NDArray[np.int64] | None = None
    counts: NDArray[np.int64] | None = None


_EMPTY = Postings(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


def term_postings(segment_reader: Any, fieldname: str, text: str | bytes, *, positions: bool = False) -> Postings:
    """The postings of `text` in `fieldname` of one segment (empty when it has none)."""
    tbytes = text.encode("utf-8") if isinstance(text, str) else text
    terms = adapter.segment_terms(segment_reader)
    if isinstance(terms, PackedTermsReader):
        found = terms.postings(fieldname, tbytes, positions)
        if found is None:
            return _EMPTY
        ids, freqs, pos = found
        out = Postings(ids, freqs.astype(np.float32))
        if positions:
            out.positions, out.counts = pos, freqs
        return out
    try:
        terminfo = terms.term_info(fieldname, tbytes)
    except TermNotFound:
        return _EMPTY
    return _postings_of(terms, terminfo, positions)


def field_postings(segment_reader: Any, fieldname: str) -> Iterator[tuple[bytes, Postings]]:
    """Every term of `fieldname` in one segment with its postings: ``(term bytes, Postings)``."""
    terms = adapter.segment_terms(segment_reader)
    if isinstance(terms, PackedTermsReader):
        for tbytes, ids, freqs in terms.field_terms(fieldname):
            yield tbytes, Postings(ids, freqs.astype(np.float32))
        return
    if fieldname not in terms.indexed_field_names():
        return
    for (name, tbytes), terminfo in terms.items_from(fieldname, b""):
        if name != fieldname:
            return
        yield tbytes, _postings_of(terms, terminfo, False)


def _postings_of(terms: Any, terminfo: Any, positions: bool) -> Postings:
    if terminfo.is_inlined():
        ids, weights, values = terminfo.inlined_postings()
        out = Postings(np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32))
        if positions:
            out.positions, out.counts = _decode_positions(list(values))
        return out
    offset, length = terminfo.extent()
    if isinstance(length, tuple):  # Whoosh 2.7.5 reads the extent's length back as a 1-tuple
        length = length[0]
    buf = adapter.postings_bytes(terms, offset, length)
    return _blocks(buf, positions)


def _blocks(buf: bytes, positions: bool) -> Postings:
    pos = len(WHOOSH3_HEADER_MAGIC)
    ids: list[NDArray[np.int64]] = []
    weights: list[NDArray[np.float32]] = []
    pos_parts: list[NDArray[np.int64]] = []
    count_parts: list[NDArray[np.int64]] = []
    end = len(buf)
    while pos < end:
        length = _LEN.unpack_from(buf, pos)[0]
        start = pos + _LEN.size
        pos = start + abs(length)
        n, base = _INFO.unpack_from(buf, start)[:2]
        at = start + _INFO.size + 4
        kind, raw, at = _read_section(buf, at)
        ids.append(_ids(kind, raw, base))
        kind, raw, at = _read_section(buf, at)
        weights.append(_weights(kind, raw, n))
        if positions:
            kind, raw, at = _read_section(buf, at)
            p, c = _positions_of_block(kind, raw, n)
            pos_parts.append(p)
            count_parts.append(c)
        if length < 0:
            break
    out = Postings(np.concatenate(ids), np.concatenate(weights))
    if positions:
        out.positions, out.counts = np.concatenate(pos_parts), np.concatenate(count_parts)
    return out


def _positions_of_block(kind: int, raw: bytes, n: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Decode `indexer.search._whoosh.schema.CompactPositions` values: a typecode byte, then positions."""
    if kind not in (_V_VAR16, _V_VAR32):
        return np.zeros(0, dtype=np.int64), np.zeros(n, dtype=np.int64)
    width = 2 if kind == _V_VAR16 else 4
    lengths = np.frombuffer(raw[: n * width], dtype="<u2" if width == 2 else "<u4").astype(np.int64)
    body = np.frombuffer(raw, dtype=np.uint8, offset=n * width)
    starts = np.cumsum(lengths) - lengths
    codes = body[starts]
    if n and np.all(codes == ord("H")):
        keep = np.ones(body.size, dtype=bool)
        keep[starts] = False
        return body[keep].view("<u2").astype(np.int64), (lengths - 1) // 2
    return _decode_positions(_var_values(raw, n, width))


def decode_positions(value: bytes) -> list[int]:
    """The positions `encode_positions` wrote."""
    packed = array(chr(value[0]))
    packed.frombytes(value[1:])
    if _BIG_ENDIAN:
        packed.byteswap()
    return packed.tolist()


def _decode_positions(values: Sequence[bytes]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The slow path (inlined postings, 32-bit positions): decode posting by posting."""
    decoded = [decode_positions(v) for v in values]
    return (np.asarray([p for ps in decoded for p in ps], dtype=np.int64),
            np.asarray([len(ps) for ps in decoded], dtype=np.int64))


def field_lengths(segment_reader: Any, fieldname: str) -> NDArray[np.float32]:
    """Each document's length in `fieldname` as Whoosh scores it (byte-quantised), as float32."""
    n, raw = adapter.length_bytes(segment_reader, fieldname)
    out = np.zeros(n, dtype=np.float32)
    if raw is not None:
        out[: raw.size] = _LENGTH_TABLE[raw]
    return out


_LENGTH_TABLE = np.array([byte_to_length(b) if b else 0 for b in range(256)], dtype=np.float32)
