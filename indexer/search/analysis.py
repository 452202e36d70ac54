"""Text analysis for search: folding, jieba word tokens and character bigrams.

Everything the index stores and every query term goes through the same two steps:

* `fold` — full-width and compatibility forms folded (NFKC, char by char), traditional
  Chinese turned into simplified (OpenCC ``t2s``), Latin lower-cased;
* then either `index_words` (jieba words with ordinal positions, plus search-mode
  sub-words at their parent's position, stop words dropped but still counted) or
  `bigrams` (every pair of adjacent non-space characters, with sequential positions,
  the basis of exact substring search).

No Whoosh here: `indexer.search._whoosh.schema` wraps these functions as Whoosh tokenizers.
jieba is loaded once (`init_segmenter`), with its cache in Hanlin's own cache folder.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import struct
import sys
import threading
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from indexer.fs import cache_dir
from indexer.search.wordcut import FastCut

#: Package data of `indexer` (pyproject.toml), found beside this module however Hanlin is installed.
DICT_DIR = Path(__file__).resolve().parents[1] / "resources" / "dict"
USER_DICT = DICT_DIR / "user_dict.txt"
STOP_WORDS_FILE = DICT_DIR / "stop_words.txt"

#: Appended to the last character of a text's bigram stream, so that every character
#: starts at least one bigram term and a one-character phrase can be a prefix query.
END_MARK = "_"


class Segmenter(Protocol):
    """What Hanlin uses of a jieba ``Tokenizer`` (jieba is untyped)."""

    FREQ: dict[str, int]

    def cut(self, sentence: str, cut_all: bool = False, HMM: bool = True) -> Iterator[str]:
        """The words of `sentence`, in order, covering it (spaces and punctuation included)."""
        ...


class _Converter(Protocol):
    """What Hanlin uses of an ``opencc.OpenCC`` converter (OpenCC is untyped)."""

    def convert(self, text: str) -> str:
        """`text` converted (t2s: traditional to simplified, length-preserving)."""
        ...


_init_lock = threading.Lock()
_segmenter: Segmenter | None = None


@dataclass(frozen=True)
class WordToken:
    """A word of folded text: `pos` is its ordinal position; sub-words share their parent's."""

    text: str
    pos: int
    start: int
    end: int


# ---------------------------------------------------------------------------- folding


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Characters of the Basic Multilingual Plane whose NFKC form differs from themselves."""
    table = {}
    for code in range(0x80, 0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        if folded != char:
            table[code] = folded
    return table


@lru_cache(maxsize=1)
def _opencc() -> _Converter:
    import opencc

    converter: _Converter = opencc.OpenCC("t2s")
    return converter


_SURROGATE = re.compile("[\ud800-\udfff]")


def _to_simplified(text: str) -> str:
    """OpenCC t2s (length-preserving); lone surrogates, which OpenCC cannot encode, become U+FFFD."""
    try:
        return _opencc().convert(text)
    except UnicodeEncodeError:
        return _opencc().convert(_SURROGATE.sub("\ufffd", text))


def fold(text: str, *, lower: bool = True) -> str:
    """Fold `text` for matching: NFKC per character, traditional → simplified, lower case."""
    text = text.translate(_fold_table())
    if not text.isascii():
        text = _to_simplified(text)
    return text.lower() if lower else text


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each folded character, the index of the original one it came from.

    Used to map matches found in folded text back onto the stored text for highlighting.
    """
    table = _fold_table()
    quick = text.translate(table)
    if len(quick) == len(text):  # the usual case: every character folds to one character
        converted = _to_simplified(quick) if not quick.isascii() else quick
        lowered = converted.lower()
        if len(converted) == len(text) == len(lowered):
            return lowered, list(range(len(text)))
    pieces, origin = [], []
    for i, char in enumerate(text):
        piece = table.get(ord(char), char)
        pieces.append(piece)
        origin.extend([i] * len(piece))
    folded = "".join(pieces)
    converted = _to_simplified(folded) if not folded.isascii() else folded
    if len(converted) != len(folded):  # t2s is length-preserving in practice; stay safe if not
        converted = "".join(_to_simplified(c) if len(_to_simplified(c)) == 1 else c for c in folded)
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in converted)
    return lowered, origin


# ---------------------------------------------------------------------------- jieba


def init_segmenter() -> Segmenter:
    """Load jieba once (idempotent, thread-safe) with the user dictionary; returns the tokenizer
    (its accurate mode with the HMM in one pass, `indexer.search.wordcut`).

    Call it at start-up, before any worker thread segments text: jieba's lazy loading
    and `add_word` are not thread-safe. The cache goes to `cache_dir()`, never the
    system temp folder.
    """
    global _segmenter
    if _segmenter is not None:
        return _segmenter
    with _init_lock:
        if _segmenter is None:
            with _without_pkg_resources():
                import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            _load_prefix_dict(tokenizer, cache_dir() / PREFIX_CACHE, jieba.__version__)
            for word, freq in user_words():
                # at least the frequency that keeps the word whole against its parts
                tokenizer.add_word(word, max(freq, tokenizer.suggest_freq(word)))
            _segmenter = FastCut(tokenizer)
    return _segmenter


@contextlib.contextmanager
def _without_pkg_resources() -> Iterator[None]:
    """Import jieba without setuptools' ``pkg_resources``: jieba imports it only to open its own
    data files, opens them as plain files when the import fails, and the import costs about 0.1 s
    in every process that segments (each extraction worker, each search)."""
    if "pkg_resources" in sys.modules:
        yield
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    try:
        yield
    finally:
        if sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]


#: jieba's prefix dictionary as `_load_prefix_dict` keeps it in `cache_dir()`.
PREFIX_CACHE = "jieba-prefix.bin"
_PREFIX_MAGIC = b"hanlin-jieba-prefix 1\n"


def _load_prefix_dict(tokenizer: Any, cache: Path, version: str) -> None:
    """Give a jieba `Tokenizer` its prefix dictionary (every word and word prefix with its
    frequency, and their total), as its own `initialize()` would, from `cache` when that holds
    it for this jieba and its dictionary, else built (and kept in `cache` if it can be written).

    jieba's own cache is a marshalled dict: about 0.7 s to load here, in every extraction
    worker and every command that searches. This one is the words joined in one string and
    their frequencies in one array: about 0.2 s.
    """
    source = tokenizer.get_dict_file()
    try:
        signature = f"{version} {os.fstat(source.fileno()).st_size}".encode()
    finally:
        source.close()
    try:
        tokenizer.FREQ, tokenizer.total = _read_prefix(cache, signature)
    except (OSError, ValueError, UnicodeDecodeError, struct.error):
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
        _write_prefix(cache, signature, tokenizer.FREQ, tokenizer.total)
    tokenizer.initialized = True


def _read_prefix(cache: Path, signature: bytes) -> tuple[dict[str, int], int]:
    data = cache.read_bytes()
    head = _PREFIX_MAGIC + signature + b"\n"
    if not data.startswith(head):
        raise ValueError("another jieba or format")
    count, total, size = struct.unpack_from("<QQQ", data, len(head))
    start = len(head) + 24
    words = data[start:start + size].decode("utf-8").split("\0")
    freqs = array("q")
    freqs.frombytes(data[start + size:])
    if len(words) != count or len(freqs) != count:
        raise ValueError("truncated")
    return dict(zip(words, freqs, strict=True)), total


def _write_prefix(cache: Path, signature: bytes, freq: dict[str, int], total: int) -> None:
    """Keep the prefix dictionary (written whole, then moved into place); a folder that cannot be
    written only means building it again next time."""
    words = "\0".join(freq).encode("utf-8")
    body = (_PREFIX_MAGIC + signature + b"\n" + struct.pack("<QQQ", len(freq), total, len(words)) + words
            + array("q", freq.values()).tobytes())
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.partial")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(body)
        os.replace(partial, cache)
    except OSError:
        logging.getLogger("hanlin.search").debug("cannot keep jieba's prefix dictionary in %s", cache.parent)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


@lru_cache(maxsize=1)
def user_words() -> tuple[tuple[str, int], ...]:
    """The user dictionary (`indexer/resources/dict/user_dict.txt`): folded words with their frequency."""
    words = []
    if USER_DICT.exists():
        for line in USER_DICT.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 2000
            words.append((fold(parts[0]), freq))
    return tuple(words)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Words too common to index or search on their own (`indexer/resources/dict/stop_words.txt`)."""
    if not STOP_WORDS_FILE.exists():
        return frozenset()
    words: set[str] = set()
    for line in STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.update(fold(w) for w in line.split())
    return frozenset(words)


def _is_wordlike(token: str) -> bool:
    return token.isalnum() or any(c.isalnum() for c in token)


#: Characters of a word the index keeps: a longer run (a hash, a base64 blob in a text layer) is
#: indexed and searched by its first `MAX_WORD` characters (its bigrams still hold all of it).
MAX_WORD = 64


def index_words(text: str) -> list[WordToken]:
    """Jieba words of `fold(text)` with ordinal positions, for the index (see `_index_words`).

    Short values (titles, sources, keywords, repeated on every passage of a document) are
    cached.
    """
    if len(text) <= 160:
        return list(_index_words_cached(text))
    return [WordToken(*word) for word in _index_words(text)]


def index_word_positions(text: str) -> list[tuple[str, int]]:
    """`index_words` as (word, position) pairs, what the index writer takes (no `WordToken` made)."""
    if len(text) <= 160:
        return [(w.text, w.pos) for w in _index_words_cached(text)]
    pairs: list[tuple[str, int]] = []
    append = pairs.append
    for word, pos, _, _, subs in _kept_words(text):
        for sub, _ in subs:
            append((sub, pos))
        append((word, pos))
    return pairs


@lru_cache(maxsize=4096)
def _index_words_cached(text: str) -> tuple[WordToken, ...]:
    return tuple(WordToken(*word) for word in _index_words(text))


def _index_words(text: str) -> list[tuple[str, int, int, int]]:
    """Jieba words of `fold(text)` with ordinal positions, for the index: (word, position, start, end).

    Words come from jieba's accurate mode (with its HMM for unknown words); each word
    longer than two characters also yields its dictionary sub-words of two and three
    characters at the same position (search mode, for recall). Stop words take a
    position but are not emitted, so a phrase never jumps over them; punctuation and
    spaces take none.
    """
    tokens: list[tuple[str, int, int, int]] = []
    append = tokens.append
    for word, pos, start, end, subs in _kept_words(text):
        for sub, i in subs:
            append((sub, pos, start + i, start + i + len(sub)))
        append((word, pos, start, end))
    return tokens


_NO_SUB_WORDS: tuple[tuple[str, int], ...] = ()


def _kept_words(text: str) -> Iterator[tuple[str, int, int, int, tuple[tuple[str, int], ...]]]:
    """The words `_index_words` keeps, in order: (word cut to `MAX_WORD`, position, start, end,
    its dictionary sub-words with their offsets in it)."""
    segmenter = init_segmenter()
    freq = segmenter.FREQ
    stops = stop_words()
    pos = -1
    offset = 0
    for word in segmenter.cut(fold(text), HMM=True):
        start, offset = offset, offset + len(word)
        if not word.isalnum():
            if not _is_wordlike(word):
                continue
            word = word.strip()
        pos += 1
        if word in stops:
            continue
        subs = _sub_words(word, freq, stops) if len(word) > 2 and not word.isascii() else _NO_SUB_WORDS
        yield word[:MAX_WORD], pos, start, offset, subs


_SUB_WORDS: dict[str, tuple[tuple[str, int], ...]] = {}
#: Long words whose sub-words are remembered: about 300 bytes each, 15 MB at most.
_SUB_WORDS_MAX = 50_000


def _sub_words(word: str, freq: dict[str, int], stops: frozenset[str]) -> tuple[tuple[str, int], ...]:
    """The dictionary words of two, then three characters inside `word` (not stop words), with
    their offsets in it; remembered (a library repeats its long words)."""
    found = _SUB_WORDS.get(word)
    if found is None:
        found = tuple((sub, i) for n in (2, 3) for i in range(len(word) - n + 1)
                      if (sub := word[i:i + n]) != word and freq.get(sub) and sub not in stops)
        if len(_SUB_WORDS) < _SUB_WORDS_MAX:
            _SUB_WORDS[word] = found
    return found


def query_words(text: str) -> list[str]:
    """The words of one query term, as `index_words` would segment it, without sub-words or stop words.

    Cached: one search asks for the words of each of its terms several times (the parser, the
    highlighting, the strict and the any-term compile), and jieba's cut is the costly part.
    """
    return list(_query_words(text))


@lru_cache(maxsize=4096)
def _query_words(text: str) -> tuple[str, ...]:
    segmenter = init_segmenter()
    stops = stop_words()
    words = []
    for word in segmenter.cut(fold(text), HMM=True):
        word = word.strip()
        if _is_wordlike(word) and word not in stops:
            words.append(word[:MAX_WORD])
    return tuple(words)


def is_stop_word(text: str) -> bool:
    """Whether `text` (after folding) is a stop word."""
    return fold(text).strip() in stop_words()


# ---------------------------------------------------------------------------- bigrams


def squeeze(text: str) -> str:
    """`fold(text)` without any whitespace: the character sequence bigrams are made of."""
    return "".join(fold(text).split())


def bigrams(text: str) -> list[str]:
    """Adjacent character pairs of `squeeze(text)`, in order, then the last character + `END_MARK`.

    Their list index is their position, so the bigrams of a phrase occur at consecutive
    positions exactly where the phrase occurs as a substring — across word boundaries,
    inside digit and Latin runs, and across line breaks (whitespace is skipped, as the
    text is compared without whitespace).
    """
    chars = squeeze(text)
    if not chars:
        return []
    grams = [chars[i:i + 2] for i in range(len(chars) - 1)]
    grams.append(chars[-1] + END_MARK)
    return grams


def phrase_bigrams(phrase: str) -> list[str]:
    """The bigrams a phrase of two or more characters must match at consecutive positions."""
    chars = squeeze(phrase)
    return [chars[i:i + 2] for i in range(len(chars) - 1)]
