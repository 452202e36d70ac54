"""The Whoosh schema of the passage index, and the Whoosh tokenizers wrapping `indexer.analysis`.

Private to the search backend: only `indexer.searchindex` imports this module (and,
with it, Whoosh). The index's table of contents pickles these tokenizer classes, so
they must stay importable under this name; any change to what they emit or to the
fields below needs `SCHEMA_VERSION` raised, which makes libraries rebuild their index.
"""

from __future__ import annotations

import pickle
import sys
import zlib
from array import array

from whoosh.analysis import Token, Tokenizer
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter, W3TermInfo
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.util.numeric import length_to_byte

from indexer import analysis

SCHEMA_VERSION = 3

#: Posting lists shorter than this are stored inside the term dictionary, not as a block.
INLINE_LIMIT = 8

#: Separator of several values (authors) inside one indexed field value.
VALUE_SEP = "\n"


class WordTokenizer(Tokenizer):
    """jieba words of folded text with ordinal positions (see `analysis.index_words`)."""

    def term_positions(self, value: str) -> list[tuple[str, int]]:
        """(term, position) pairs without Token objects: the indexing fast path of `CompactPositions`."""
        return [(w.text, w.pos) for w in analysis.index_words(value)]

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if not tokenize:
            yield from _verbatim(value, positions, chars, removestops, start_pos, start_char, mode, kwargs)
            return
        for word in analysis.index_words(value):
            token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
            token.text = word.text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + word.pos
            if chars:
                token.startchar, token.endchar = start_char + word.start, start_char + word.end
            yield token


class BigramTokenizer(Tokenizer):
    """Character bigrams of folded text without whitespace, positions 0, 1, 2, … (`analysis.bigrams`)."""

    def term_positions(self, value: str) -> list[tuple[str, int]]:
        """(term, position) pairs without Token objects: the indexing fast path of `CompactPositions`."""
        return [(gram, i) for i, gram in enumerate(analysis.bigrams(value))]

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if not tokenize:
            yield from _verbatim(value, positions, chars, removestops, start_pos, start_char, mode, kwargs)
            return
        for i, gram in enumerate(analysis.bigrams(value)):
            token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
            token.text = gram
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + i
            if chars:  # offsets into the squeezed text; Hanlin highlights on its own
                token.startchar, token.endchar = start_char + i, start_char + i + 2
            yield token


class ValueTokenizer(Tokenizer):
    """Each `VALUE_SEP`-separated value, folded and without spaces, as one term (author names)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        values = value.split(VALUE_SEP) if tokenize else [value]
        for i, item in enumerate(v for v in (analysis.squeeze(v) for v in values) if v):
            token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
            token.text = item
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + i
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(item)
            yield token


def _verbatim(value, positions, chars, removestops, start_pos, start_char, mode, kwargs):
    token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
    token.text = value
    token.boost = 1.0
    token.stopped = False
    if positions:
        token.pos = start_pos
    if chars:
        token.startchar, token.endchar = start_char, start_char + len(value)
    yield token


class CompactPositions(Positions):
    """Whoosh's `Positions` with positions as a packed array instead of a pickled list.

    A typecode byte (``H`` or ``I``) then the absolute positions in little-endian order:
    about 3 bytes for a bigram's single position instead of about 12.
    """

    def word_values(self, value, analyzer, **kwargs):
        fast = getattr(analyzer, "term_positions", None)
        if fast is None or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        positions: dict[str, list[int]] = {}
        for text, pos in fast(value):
            positions.setdefault(text, []).append(pos)
        boost = self.field_boost
        for text, poslist in positions.items():
            yield text, len(poslist), len(poslist) * boost, self.encode(poslist)

    def encode(self, poslist):
        code = "H" if not poslist or poslist[-1] < 0x10000 else "I"
        packed = array(code, poslist)
        if sys.byteorder == "big":
            packed.byteswap()
        return code.encode("ascii") + packed.tobytes()

    def decode_positions(self, valuestring):
        packed = array(chr(valuestring[0]))
        packed.frombytes(valuestring[1:])
        if sys.byteorder == "big":
            packed.byteswap()
        return packed.tolist()

    def decode_frequency(self, valuestring):
        return (len(valuestring) - 1) // (2 if valuestring[:1] == b"H" else 4)


def _mini(weights):
    """Block weights as Whoosh reads them, but whole numbers as ints (2 pickled bytes, not 9)."""
    if all(w == 1.0 for w in weights):
        return None
    if all(w == weights[0] for w in weights):
        return float(weights[0])
    return tuple(int(w) if w == int(w) else w for w in weights)


class _CompactTermInfo(W3TermInfo):
    """Term info whose inlined postings are pickled with protocol 5 (bytes as bytes, not via codecs)."""

    def to_bytes(self):
        if not self.is_inlined():
            return super().to_bytes()
        head = self._struct.pack(
            True, self._weight, self._df,
            0 if self._minlength is None else length_to_byte(self._minlength),
            length_to_byte(self._maxlength), self._maxweight,
            0xFFFFFFFF if self._minid is None else self._minid,
            0xFFFFFFFF if self._maxid is None else self._maxid,
        )
        ids, weights, values = self._inlined
        weights = tuple(int(w) if w == int(w) else w for w in weights)
        return head + pickle.dumps((ids, weights, values), 5)


class _InliningPostingsWriter(W3PostingsWriter):
    """W3 postings, with short lists inlined in the term info and blocks pickled with protocol 5.

    Whoosh-Reloaded 2.7.5 cannot inline (it calls a missing ``set_inline``) and pickles
    blocks with protocol 2, which stores each posting's bytes through ``codecs.encode``;
    both readers (``loads``) read what this writes.
    """

    def finish_postings(self):
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

    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = pickle.dumps((self._mini_ids(), _mini(self._weights), self._mini_values()), 5)
        comp = self._compression if len(data) >= 64 else 0
        if comp:
            data = zlib.compress(data, comp)
        ids = self._ids
        info = pickle.dumps((len(ids), ids[-1], self._maxweight, comp, length_to_byte(self._minlength),
                             length_to_byte(self._maxlength)), 2)
        length = len(info) + len(data)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class HanlinCodec(W3Codec):
    """Whoosh's W3 codec with short posting lists inlined: most bigrams occur in few passages."""

    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_LIMIT):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        return _InliningPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                       compression=self._compression, inlinelimit=self._inlinelimit)


def _positional(analyzer) -> TEXT:
    field = TEXT(analyzer=analyzer, phrase=True)
    field.format = CompactPositions(field_boost=1.0)
    return field


def build_schema() -> Schema:
    """One Whoosh document per passage; document metadata is repeated on each of its passages.

    ``content``/``grams`` index the passage text as words and as bigrams; ``title``,
    ``keywords`` and ``abstract`` are the document's, indexed as words for ranking (no
    positions); ``tgrams``, ``source`` and ``doc_number`` are bigram fields so that field
    queries match substrings; ``meta`` holds everything a hit needs besides the text.
    """
    words = WordTokenizer()
    grams = BigramTokenizer()
    return Schema(
        passage_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True),
        file_sha256=ID(stored=True),
        text=STORED(),
        meta=STORED(),
        content=_positional(words),
        grams=_positional(grams),
        title=TEXT(analyzer=words, phrase=False),
        tgrams=_positional(grams),
        keywords=TEXT(analyzer=words, phrase=False),
        abstract=TEXT(analyzer=words, phrase=False),
        authors=TEXT(analyzer=ValueTokenizer(), phrase=False),
        source=_positional(grams),
        source_facet=ID(sortable=True),
        doc_number=_positional(grams),
        doc_type=ID(sortable=True),
        year=NUMERIC(numtype=int, bits=32, sortable=True),
    )
