"""The Whoosh schema of the passage index, and the Whoosh tokenizers wrapping `indexer.search.analysis`.

Private to the search backend: only `indexer.search._whoosh.index` imports this module (and,
with it, Whoosh). The index's table of contents pickles these tokenizer classes, so
they must stay importable under this name; any change to what they emit or to the
fields below needs `SCHEMA_VERSION` raised, which makes libraries rebuild their index.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions

from indexer.search import analysis
from indexer.search._whoosh.codec import HanlinCodec, decode_positions
from indexer.search._whoosh.pack import encode_positions

__all__ = ["SCHEMA_VERSION", "VALUE_SEP", "HanlinCodec", "build_schema"]

SCHEMA_VERSION = 4

#: Separator of several values (authors) inside one indexed field value.
VALUE_SEP = "\n"


class WordTokenizer(Tokenizer):  # type: ignore[misc]  # Whoosh is untyped
    """jieba words of folded text with ordinal positions (see `analysis.index_words`)."""

    def term_positions(self, value: str) -> list[tuple[str, int]]:
        """(term, position) pairs without Token objects: the indexing fast path of `CompactPositions`."""
        return analysis.index_word_positions(value)

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: Any) -> Iterator[Any]:
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


class BigramTokenizer(Tokenizer):  # type: ignore[misc]  # Whoosh is untyped
    """Character bigrams of folded text without whitespace, positions 0, 1, 2, … (`analysis.bigrams`)."""

    def term_positions(self, value: str) -> list[tuple[str, int]]:
        """(term, position) pairs without Token objects: the indexing fast path of `CompactPositions`."""
        return [(gram, i) for i, gram in enumerate(analysis.bigrams(value))]

    def term_codes(self, value: str) -> NDArray[np.uint64]:
        """The bigrams of `value` as numbers (the first character's code point × 2³² + the second's),
        position i at index i: the indexing fast path of the bulk writer (`bigram_text` turns one back)."""
        chars = analysis.squeeze(value)
        if not chars:
            return np.zeros(0, dtype=np.uint64)
        codes = np.frombuffer((chars + analysis.END_MARK).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
        return (codes[:-1] << np.uint64(32)) | codes[1:]


    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: Any) -> Iterator[Any]:
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


def bigram_text(code: int) -> str:
    """The bigram a `BigramTokenizer.term_codes` number stands for."""
    return chr(code >> 32) + chr(code & 0xFFFFFFFF)


class ValueTokenizer(Tokenizer):  # type: ignore[misc]  # Whoosh is untyped
    """Each `VALUE_SEP`-separated value, folded and without spaces, as one term (author names)."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: Any) -> Iterator[Any]:
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


def _verbatim(value: str, positions: bool, chars: bool, removestops: bool, start_pos: int, start_char: int,
              mode: str, kwargs: dict[str, Any]) -> Iterator[Any]:
    token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
    token.text = value
    token.boost = 1.0
    token.stopped = False
    if positions:
        token.pos = start_pos
    if chars:
        token.startchar, token.endchar = start_char, start_char + len(value)
    yield token


class CompactPositions(Positions):  # type: ignore[misc]  # Whoosh is untyped
    """Whoosh's `Positions` with positions as a packed array instead of a pickled list.

    A typecode byte (``H`` or ``I``) then the absolute positions in little-endian order:
    about 3 bytes for a bigram's single position instead of about 12.
    """

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[tuple[str, int, float, bytes]]:
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

    def encode(self, poslist: list[int]) -> bytes:
        return encode_positions(poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return decode_positions(valuestring)

    def decode_frequency(self, valuestring: bytes) -> int:
        return (len(valuestring) - 1) // (2 if valuestring[:1] == b"H" else 4)


def _positional(analyzer: Any) -> TEXT:
    field = TEXT(analyzer=analyzer, phrase=True)
    field.format = CompactPositions(field_boost=1.0)
    return field


def build_schema() -> Schema:
    """One Whoosh document per passage; document metadata is repeated on each of its passages.

    ``content``/``grams`` index the passage text as words (frequencies only) and as bigrams
    (with positions, for exact substrings); ``title``,
    ``keywords`` and ``abstract`` are the document's, indexed as words for ranking (no
    positions); ``tgrams``, ``source`` and ``doc_number`` are bigram fields so that field
    queries match substrings; ``issuer_facet`` is the 发文机关 as printed (several joint issuers
    one value), for its facet; ``format_facet`` the file's format (``pdf``, ``ofd``, ``word``,
    ``web``, ``text``: `indexer.fileformats`), for the 格式 facet; ``meta`` holds everything a hit
    needs besides the text.
    """
    words = WordTokenizer()
    grams = BigramTokenizer()
    return Schema(
        passage_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True),
        file_sha256=ID(stored=True),
        text=STORED(),
        meta=STORED(),
        content=TEXT(analyzer=words, phrase=False),
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
        issuer_facet=ID(sortable=True),
        format_facet=ID(sortable=True),
        year=NUMERIC(numtype=int, bits=32, sortable=True),
    )
