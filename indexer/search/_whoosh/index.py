"""The passage index: Hanlin's facade over Whoosh (with `indexer.search._whoosh.schema`, the only code that imports it).

One Whoosh document per passage. The index is a rebuildable cache of the catalogue:
a `SCHEMA_VERSION` file beside it says which schema built it, and `SearchIndex.open`
raises `IndexNeedsRebuild` when it differs or when the index cannot be read.

Writes go through `SearchIndex.writer()` (one writer at a time; it commits on a clean
exit and cancels, then re-raises, on an exception). Searches use a searcher of the
latest committed generation: a new one is opened when the generation changes (never
`Searcher.refresh()`, which is broken in Whoosh-Reloaded 2.7.5).

Each commit records the CRC-32 of the new generation's files (`indexer.search._whoosh.checksums`);
a searcher of a generation is used only after its files match, and a search that meets
undecodable bytes anyway raises `IndexNeedsRebuild` instead of a ``zlib.error``.
`remove_orphans` deletes what a writer that never committed left behind (a full disk, a kill).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import shutil
import struct
import threading
import time
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, NotRequired, Self, TypedDict, cast

import numpy as np
import whoosh.index
from numpy.typing import NDArray
from whoosh import query as wq
from whoosh import scoring

from indexer.errors import LibraryError
from indexer.fileformats import format_of
from indexer.meta import DocumentMeta, WithMeta, split_meta, word_texts
from indexer.search import analysis, segmenting, snippets, understanding, versions
from indexer.search import query as ql
from indexer.search import synonyms as synonyms_module
from indexer.search._whoosh import adapter, arrays, bulk, checksums, codec, planned, schema
from indexer.search._whoosh.pack import PackDamaged
from indexer.search._whoosh.ranking import ColumnValue, Evaluator, Match, Vectors
from indexer.search._whoosh.schema import SCHEMA_VERSION, VALUE_SEP, build_schema
from indexer.search.results import MATCH_ALL, MATCH_ANY, Hit, PassageBrief, SearchResults
from indexer.search.synonyms import Synonyms

adapter.alias_old_module_names(schema, codec)

__all__ = ["SCHEMA_VERSION", "IndexNeedsRebuild", "IndexWriter", "IndexedPassage", "SearchIndex", "remove_orphans"]

VERSION_FILE = "hanlin-schema-version"
#: Whoosh's write lock file in the index folder (never an orphan).
WRITE_LOCK = "MAIN_WRITELOCK"
#: What undecodable bytes in a segment raise inside Whoosh or the codec.
_DECODE_ERRORS = (zlib.error, struct.error, EOFError, pickle.UnpicklingError, UnicodeDecodeError, PackDamaged)
MAX_TEXT = 1200

#: Word fields searched by a plain word, with their BM25F weight (`planned` uses the same).
WORD_FIELDS = planned.WORD_FIELDS
#: Weight of an exact (substring) match of a whole query word, spread over its bigrams.
PHRASE_WEIGHT = 2.0
FACETS = {"doc_type": "doc_type", "year": "year", "source": "source_facet", "issuer": "issuer_facet",
          "format": "format_facet"}
#: Ranking bonus (a factor of 1 + this) per multi-word query word found as written in the passage.
ADJACENT_BONUS = 0.3
GROUP_PASSAGES = 3
#: Hits fetched beyond the limit, so that near-duplicates grouped under a better hit still leave a full page.
VERSION_SLACK = 10

#: One word in several fields, and an exact substring: shared with the planned queries.
_FieldsOr = planned.FieldsOr
_substring = planned.substring
#: Suggestions offered when nothing is found, for at most this many unknown words of 2 to 16 characters.
SUGGESTIONS = 5
SUGGEST_MAX_WORDS = 10
SUGGEST_MAX_CHARS = 16

#: A value of `SearchIndex.search`'s `filters`, by key: ``doc_type`` a str or several, ``year`` an int or
#: ``(low, high)`` (None: open), the others (``source``, ``author``, ``doc_id``, ``file_sha256``) a str.
FilterValue = str | int | Sequence[str] | tuple[int | None, int | None] | None


@dataclass
class IndexedPassage(WithMeta):
    """One passage as written to the index, with its document's metadata (`meta`, read as `p.title`…)."""

    passage_id: str
    doc_id: str
    file_sha256: str
    file: str
    page: int
    end_page: int
    start: int
    end: int
    ordinal: int
    text: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    keywords: list[str] = field(default_factory=list)
    abstract: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> IndexedPassage:
        """A passage from a flat row (`Catalog.passage_rows`): its document's metadata among its own keys."""
        meta, rest = split_meta(row)
        return cls(meta=meta, **rest)


class IndexNeedsRebuild(LibraryError):
    """The index was built with another schema version, is missing, or cannot be read."""


class _StoredMeta(TypedDict):
    """The ``meta`` stored field: what a hit needs of its passage and document besides the text."""

    file: str
    page: int
    end_page: int
    start: int
    end: int
    ordinal: int
    title: str
    authors: list[str]
    source: str
    year: int | None
    doc_type: str
    doc_number: str
    issue: NotRequired[str]  # not in indexes written before it was added
    # Not in indexes written before catalogue version 4 (`DocumentMeta`'s later fields):
    issuer: NotRequired[str]
    date: NotRequired[str]
    journal: NotRequired[str]
    volume: NotRequired[str]
    pages: NotRequired[str]
    affiliations: NotRequired[list[str]]
    degree: NotRequired[str]
    institution: NotRequired[str]
    supervisor: NotRequired[str]


class _StoredFields(TypedDict, total=False):
    """A passage's stored fields as a searcher gives them back (`_document` leaves out empty ones)."""

    passage_id: str
    doc_id: str
    file_sha256: str
    text: str | bytes  # bytes: zlib-compressed by a development build of schema 4
    meta: _StoredMeta


class IndexWriter:
    """Adds and deletes passages; commits on a clean exit, cancels and re-raises on an exception."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        try:
            self._writer = bulk.PackedWriter(index._ix)
        except whoosh.index.LockError as exc:
            raise LibraryError(f"{index.path}: 索引正被另一个程序写入 (the index is being written by another process)") from exc

    def add(self, passage: IndexedPassage) -> None:
        """Add one passage (delete the file's old passages first when replacing it)."""
        self._writer.add_document(**_document(passage))

    def add_all(self, passages: Iterable[IndexedPassage],
                known: Callable[[IndexedPassage], list[tuple[str, int]] | None] | None = None,
                known_text: Callable[[IndexedPassage, str], list[tuple[str, int]] | None] | None = None) -> int:
        """Add passages, their text segmented into words on every core when there are many
        (`indexer.search.segmenting`); returns how many were added.

        `known(passage)` gives a passage's words when they were made already (by the extraction
        workers, `segmenting.words`), else None: only those passages are cut here.
        `known_text(passage, value)` does the same for the values of its document's word fields
        (`word_field_values`), asked once per document.
        """
        count = 0
        if known is None:
            pairs: Iterable[tuple[IndexedPassage, list[tuple[str, int]]]] = segmenting.segment_all(passages)
        else:
            pairs = _with_words(passages, known)
        doc_id, fields = "", dict[str, list[tuple[str, int]]]()
        for passage, words in pairs:
            if known_text is not None and passage.doc_id != doc_id:
                doc_id, fields = passage.doc_id, {}
                for name, value in word_field_values(passage).items():
                    cut = known_text(passage, value) if value else None
                    if cut is not None:
                        fields[name] = cut
            self._writer.add_document(**_document(passage), _words={**fields, "content": words})
            count += 1
        return count

    def delete_file(self, file_sha256: str) -> None:
        """Delete every passage of the file with this content hash."""
        self._writer.delete_by_term("file_sha256", file_sha256)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> Literal[False]:
        if exc_type is None:
            self._writer.commit()
            self._index._write_checksums()
        else:
            self._writer.cancel()
        return False


def _with_words(passages: Iterable[IndexedPassage], known: Callable[[IndexedPassage], list[tuple[str, int]] | None]
                ) -> Iterator[tuple[IndexedPassage, list[tuple[str, int]]]]:
    for passage in passages:
        words = known(passage)
        yield passage, words if words is not None else segmenting.words(passage.text)


class SearchIndex:
    """An opened passage index folder."""

    def __init__(self, path: Path, ix: Any) -> None:
        self.path = path
        self._ix = ix  # Whoosh's `FileIndex`
        self._lock = threading.Lock()
        self._searcher: Any | None = None  # Whoosh's `Searcher` of the latest generation
        self._columns: Vectors | None = None
        #: Set by `close`: a search made after it (a thread that still held this index) opens a
        #: searcher for itself and releases it at once, so no file stays open.
        self._closed = False

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True) -> SearchIndex:
        """Open the index at `path` (creating an empty one there if none and `create`)."""
        adapter.check_version()
        path = Path(path)
        problem = None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)  # Whoosh leaves the bad file open
            try:
                exists = whoosh.index.exists_in(str(path))
            except Exception as exc:  # noqa: BLE001 — a truncated table of contents fails to unpickle
                problem = f"{type(exc).__name__}: {exc}"
            if problem is not None:
                gc.collect()
        if problem is not None:
            raise IndexNeedsRebuild(f"{path}: 索引已损坏，需要重建 (the index is corrupt and must be rebuilt: {problem})")
        if not exists:
            if create and (not path.exists() or not any(path.iterdir())):
                return cls.recreate(path)
            raise IndexNeedsRebuild(f"{path}: 没有可用的索引 (no usable index there)")
        version = _read_version(path)
        if version != SCHEMA_VERSION:
            raise IndexNeedsRebuild(f"{path}: 索引版本 {version} 与程序版本 {SCHEMA_VERSION} 不符 "
                                    f"(index schema version {version}, this Hanlin needs {SCHEMA_VERSION})")
        problem = None
        index: SearchIndex | None = None
        with warnings.catch_warnings():
            # Whoosh leaves the files of a segment it failed to read open: they are closed
            # here by the garbage collector, which must not warn about them.
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                index = cls(path, whoosh.index.open_dir(str(path)))
                index._current_searcher()
            except IndexNeedsRebuild as exc:
                error = exc
            except Exception as exc:  # noqa: BLE001 — anything unreadable in a cache means: rebuild it
                error = IndexNeedsRebuild(f"{path}: 索引已损坏，需要重建 (the index is corrupt and must be rebuilt: "
                                          f"{type(exc).__name__}: {exc})")
            else:
                return index
            del index
            gc.collect()
        raise error

    @classmethod
    def recreate(cls, path: str | os.PathLike[str]) -> SearchIndex:
        """Wipe the folder at `path` and create an empty index in it."""
        adapter.check_version()
        path = Path(path)
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        ix = whoosh.index.create_in(str(path), build_schema())
        (path / VERSION_FILE).write_text(f"{SCHEMA_VERSION}\n", encoding="utf-8")
        index = cls(path, ix)
        index._write_checksums()
        return index

    def writer(self) -> IndexWriter:
        """The one writer of this index (a context manager)."""
        return IndexWriter(self)

    def doc_count(self) -> int:
        """Number of passages in the last committed generation."""
        with self._lock:
            try:
                count: int = self._current_searcher().doc_count()
            finally:
                if self._closed:
                    self._release()
            return count

    def segment_count(self) -> int:
        """Number of segments of the last committed generation (each commit adds one; merges remove)."""
        return adapter.segment_count(self._ix)

    def optimize(self) -> None:
        """Merge all segments into one.

        Slow (Whoosh merges in Python: minutes per 10,000 passages) but queries on an index of
        many segments are several times slower: worth it after a large indexing run.
        """
        bulk.PackedWriter(self._ix).commit(mergetype=bulk.optimize_merge)
        self._write_checksums()

    def close(self) -> None:
        """Release the searcher and its files (later calls still work, keeping nothing open)."""
        with self._lock:
            self._closed = True
            self._release()

    def _release(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
            self._columns = None

    def _current_searcher(self) -> Any:
        """A searcher of the latest committed generation, reused until a newer one appears.

        A new generation's files are checked against the checksums written at its commit first.
        """
        latest = self._ix.latest_generation()
        if self._searcher is None or self._searcher.reader().generation() != latest:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = self._columns = None
            searcher = self._ix.searcher(weighting=scoring.BM25F())
            try:
                self._verify(searcher.reader())
                self._columns = Vectors(searcher, FACETS)
            except BaseException:
                searcher.close()
                raise
            self._searcher = searcher
        return self._searcher

    def _verify(self, reader: Any) -> None:
        """Raise `IndexNeedsRebuild` if the files `reader` reads differ from their checksums."""
        names = adapter.reader_files(reader, sorted(p.name for p in self.path.iterdir()))
        try:
            checksums.verify(self.path, names)
        except checksums.IndexDamaged as exc:
            raise IndexNeedsRebuild(str(exc)) from exc

    def _write_checksums(self) -> None:
        """Record the checksums of the latest generation's files (after a commit)."""
        names = sorted(p.name for p in self.path.iterdir())
        gen = self._ix.latest_generation()
        ids = tuple(f"{segment_id}." for segment_id in adapter.segment_ids(self._ix))
        toc = f"_MAIN_{gen}.toc"
        checksums.write(self.path, gen, [n for n in names if n == toc or n.startswith(ids)])

    # ------------------------------------------------------------------ searching

    def search(self, query: str, *, limit: int = 20, sort: str = "relevance", grouped: bool = False,
               filters: Mapping[str, FilterValue] | None = None, expand: bool = True,
               synonyms: Synonyms | None = None) -> SearchResults:
        """Run a query (see `indexer.search.query`); raises `QuerySyntaxError` on bad syntax.

        `sort` is ``relevance`` or ``date`` (newest year first, then relevance); `grouped`
        returns one hit per document (its best passage, others in `Hit.more`); `filters`
        restricts to ``doc_type`` (str or list), ``year`` (int or (low, high)), ``source``,
        ``author`` (one name, exactly), ``doc_id`` or ``file_sha256``. The facets (``doc_type``, ``year``,
        ``source``, ``author``) count documents when `grouped`, else passages. When passages matching every term are
        fewer than `limit`, passages matching only some follow, with ``match == "any"``.

        A plain query is understood first (`indexer.search.understanding`): question words left
        out, numbers soft, and with `expand` the forms of `synonyms` (default: the shipped
        dictionary; a library passes its own entries too) searched as well.
        """
        started = time.perf_counter()
        if sort not in ("relevance", "date"):
            raise ValueError(f"sort must be 'relevance' or 'date', not {sort!r}")
        tree = ql.parse(query)
        with self._reading() as (searcher, columns):
            if synonyms is None:
                synonyms = synonyms_module.shipped()
            run = _Run(searcher, columns, tree, limit, sort, grouped, filters or {}, synonyms if expand else None)
            results = run.execute(query)
        results.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return results


    def matching_documents(self, query: str, *, filters: Mapping[str, FilterValue] | None = None,
                           expand: bool = True, synonyms: Synonyms | None = None) -> list[str]:
        """The ``doc_id`` of every document that `search` would count for `query` and `filters` (those
        with a passage matching every term, or when there is none, some term), in no particular order.

        For analysing a search's documents as a whole (`indexer.insight`): no hit is built, no stored
        field read. Raises `QuerySyntaxError` on bad syntax, like `search`.
        """
        tree = ql.parse(query)
        with self._reading() as (searcher, columns):
            if synonyms is None:
                synonyms = synonyms_module.shipped()
            keys = _Run(searcher, columns, tree, 1, "relevance", True, filters or {},
                        synonyms if expand else None).matched_keys()
            names = columns.doc_ids()
            return [names[k] for k in keys.tolist() if k]

    @contextlib.contextmanager
    def _reading(self) -> Iterator[tuple[Any, Vectors]]:
        """The current searcher and its columns, under the lock. Damaged bytes met while reading raise
        `IndexNeedsRebuild` (`_damage`); a closed index keeps nothing open afterwards."""
        with self._lock:
            searcher = self._current_searcher()
            columns = self._columns
            assert columns is not None, "made with the searcher"
            try:
                yield searcher, columns
            except Exception as exc:
                damaged = self._damage(exc)
                if damaged is None:
                    raise
                raise damaged from exc
            finally:
                if self._closed:
                    self._release()

    def _damage(self, exc: Exception) -> IndexNeedsRebuild | None:
        """`IndexNeedsRebuild` if `exc`, met while searching, comes from damaged bytes (an undecodable
        block, or files that no longer match their checksums); None if not (then `exc` goes on)."""
        if isinstance(exc, _DECODE_ERRORS):
            return IndexNeedsRebuild(f"{self.path}: 索引已损坏，需要重建 (the index is corrupt and must be "
                                     f"rebuilt: {type(exc).__name__}: {exc})")
        if self._searcher is None:
            return None
        checksums.forget()
        try:
            self._verify(self._searcher.reader())
        except IndexNeedsRebuild as damaged:
            return damaged
        return None


def remove_orphans(path: str | os.PathLike[str]) -> list[str]:
    """Delete what is not part of the latest generation from the index folder at `path`; return the names.

    That is what a writer that never committed left (segment files and Whoosh's ``MAIN.tmp``
    sorting folder after a full disk or a kill), and old generations Whoosh could not delete.
    Call it only while no writer can run (the library's write lock held). An index that cannot
    be read is left alone: it is rebuilt instead.
    """
    folder = Path(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # Whoosh leaves a TOC it failed to read open
        try:
            ix = whoosh.index.open_dir(str(folder))
            keep = {f"_MAIN_{ix.latest_generation()}.toc", WRITE_LOCK, VERSION_FILE, checksums.MANIFEST}
            ids = tuple(f"{segment_id}." for segment_id in adapter.segment_ids(ix))
        except Exception:  # noqa: BLE001 -- an unreadable index is rebuilt, not cleaned
            gc.collect()
            return []
    removed = []
    for entry in sorted(folder.iterdir()):
        if entry.name in keep or entry.name.startswith(ids):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            continue  # still open in another process (Windows), as Whoosh's own clean-up allows: next time
        removed.append(entry.name)
    return removed


# ---------------------------------------------------------------------------- indexing


def _read_version(path: Path) -> int | None:
    try:
        return int((path / VERSION_FILE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def word_field_values(p: IndexedPassage) -> dict[str, str]:
    """The values of a passage's document-level fields indexed as words (`indexer.meta.word_texts`)."""
    return word_texts(p.title, p.keywords, p.abstract)


def _document(p: IndexedPassage) -> dict[str, object]:
    m = p.meta
    meta: _StoredMeta = {
        "file": p.file, "page": p.page, "end_page": p.end_page, "start": p.start, "end": p.end,
        "ordinal": p.ordinal, "title": m.title, "authors": list(m.authors), "source": m.source, "year": m.year,
        "doc_type": m.doc_type, "doc_number": m.doc_number, "issue": m.issue,
    }
    # The later fields only when set: most passages have none, and each is stored once per passage.
    for key in ("issuer", "date", "journal", "volume", "pages", "degree", "institution", "supervisor"):
        if getattr(m, key):
            meta[key] = getattr(m, key)
    if m.affiliations:
        meta["affiliations"] = list(m.affiliations)
    doc: dict[str, object] = {
        "passage_id": p.passage_id, "doc_id": p.doc_id, "file_sha256": p.file_sha256,
        "text": p.text, "meta": meta, "content": p.text, "grams": p.text,
        "tgrams": p.title, **word_field_values(p),
        "authors": VALUE_SEP.join(p.authors), "source": p.source, "source_facet": p.source,
        "doc_number": p.doc_number, "doc_type": p.doc_type or "other", "year": p.year or 0,
        "issuer_facet": m.issuer, "format_facet": format_of(p.file),
    }
    return {k: v for k, v in doc.items() if v != "" and v is not None}


def stored_text(fields: _StoredFields) -> str:
    """The passage text of a hit's stored fields (Whoosh already compresses each document's).

    Indexes written by a development build of schema 4 stored it zlib-compressed: read those too.
    An empty text is not stored at all (`_document`).
    """
    text = fields.get("text", "")
    return zlib.decompress(text).decode("utf-8") if isinstance(text, bytes) else text


# ---------------------------------------------------------------------------- queries


class _Compiler:
    """Turns a query tree into a Whoosh query: `mode` ``all`` (strict AND) or ``any`` (some terms)."""

    def __init__(self, searcher: Any, mode: str) -> None:
        self.searcher = searcher
        self.mode = mode
        self.adjacent: list[str] = []  # plain words of several jieba words, for the adjacency bonus

    def compile(self, node: ql.Node) -> wq.Query:
        if isinstance(node, ql.And):
            return self._and(node.items)
        if isinstance(node, ql.Or):
            return wq.Or([self.compile(i) for i in node.items])
        if isinstance(node, ql.Not):
            return wq.And([wq.Every(), wq.Not(_Compiler(self.searcher, "all").compile(node.item))])
        if isinstance(node, ql.YearRange):
            return wq.NumericRange("year", node.low, node.high)
        return self._term(node)

    def _and(self, items: tuple[ql.Node, ...]) -> wq.Query:
        negatives = [i.item for i in items if isinstance(i, ql.Not)]
        positives = [i for i in items if not isinstance(i, ql.Not)]
        strict = _Compiler(self.searcher, "all")
        if self.mode == "any":
            loose = [self.compile(i) for i in positives if _is_text(i)]
            required = [strict.compile(i) for i in positives if not _is_text(i)]
            parts: list[wq.Query] = required + ([loose[0] if len(loose) == 1 else wq.Or(loose)] if loose else [])
        else:
            parts = [self.compile(i) for i in positives]
        q = wq.Every() if not parts else parts[0] if len(parts) == 1 else wq.And(parts)
        if negatives:
            q = wq.AndNot(q, wq.Or([strict.compile(n) for n in negatives]))
        return q

    def _term(self, term: ql.Term) -> wq.Query:
        squeezed = analysis.squeeze(term.text)
        if term.field == "type":
            return wq.Term("doc_type", term.text)
        if term.field == "title":
            return _substring("tgrams", squeezed, 1.0)
        if term.field == "source":
            return _substring("source", squeezed, 1.0)
        if term.field == "number":
            return _substring("doc_number", squeezed, 1.0)
        if term.field == "author":
            return self._author(squeezed)
        if term.field == "keywords":
            words = analysis.query_words(term.text) or [squeezed]
            return _join([wq.Term("keywords", w) for w in words], self.mode)
        if term.phrase:
            return _substring("grams", squeezed, 1.0)
        return self._word(term.text, squeezed)

    def _word(self, text: str, squeezed: str) -> wq.Query:
        """A plain word: all its jieba words, in any word field.

        Passages where a word of several jieba words occurs as written get a bonus when
        ranked (`_Run._adjacency`). A word the index does not hold as jieba words (它们被切
        得不同, e.g. 据中) is looked for as an exact substring instead.
        """
        words = analysis.query_words(text)
        reader = self.searcher.reader()
        if len(words) > 1 and len(squeezed) >= 2:
            self.adjacent.append(squeezed)
        per_word = [_FieldsOr([wq.Term(f, w, boost=b) for f, b in WORD_FIELDS]) for w in words]
        base = _join(per_word, self.mode) if per_word else None
        unknown = not words or any(reader.doc_frequency("content", w) == 0 for w in words)
        if unknown and len(squeezed) >= 2:
            exact = _substring("grams", squeezed, PHRASE_WEIGHT)
            return exact if base is None else wq.Or([base, exact])
        return base if base is not None else wq.NullQuery

    def _author(self, squeezed: str) -> wq.Query:
        names = [t.decode("utf-8") if isinstance(t, bytes) else t
                 for t in self.searcher.lexicon("authors")]
        matches = [wq.Term("authors", n) for n in names if squeezed in n]
        return wq.Or(matches) if matches else wq.NullQuery


def _is_text(node: ql.Node) -> bool:
    """Whether a node is a plain word (loosened to "any term" in the fallback), not a field filter."""
    return isinstance(node, ql.Term) and not node.field and not node.phrase


def _join(parts: list[wq.Query], mode: str) -> wq.Query:
    if len(parts) == 1:
        return parts[0]
    return wq.And(parts) if mode == "all" else wq.Or(parts)


def _filter_query(searcher: Any, filters: Mapping[str, FilterValue]) -> wq.Query | None:
    parts: list[wq.Query] = []
    for key, value in filters.items():
        if value is None or value == "" or value == []:
            continue
        if key == "doc_type":
            values = [value] if isinstance(value, str) else list(cast("Sequence[str]", value))
            parts.append(wq.Or([wq.Term("doc_type", v) for v in values]))
        elif key == "year":
            low, high = (value, value) if isinstance(value, int) else cast("tuple[int | None, int | None]", value)
            parts.append(wq.NumericRange("year", low, high))
        elif key == "source":
            parts.append(wq.Term("source_facet", value))
        elif key == "issuer":
            parts.append(wq.Term("issuer_facet", value))
        elif key == "format":  # pdf, ofd, word, web, text (`indexer.fileformats`)
            parts.append(wq.Term("format_facet", value))
        elif key == "author":  # a facet value: that author exactly (`作者:` in a query matches part of a name)
            parts.append(wq.Term("authors", analysis.squeeze(cast(str, value))))
        elif key in ("doc_id", "file_sha256"):
            parts.append(wq.Term(key, value))
        else:
            raise ValueError(f"unknown search filter {key!r}")
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


# ---------------------------------------------------------------------------- one search


def _split_filters(tree: ql.Node) -> tuple[ql.Node | None, list[ql.Node]]:
    """(the part of a query that ranks, the year/type conditions ANDed at its top that only filter)."""
    def is_filter(node: ql.Node) -> bool:
        return isinstance(node, ql.YearRange) or (isinstance(node, ql.Term) and node.field == "type")

    if is_filter(tree):
        return None, [tree]
    if not isinstance(tree, ql.And):
        return tree, []
    filters = [i for i in tree.items if is_filter(i)]
    rest = [i for i in tree.items if not is_filter(i)]
    if not rest:
        return None, filters
    return (rest[0] if len(rest) == 1 and not isinstance(rest[0], ql.Not) else ql.And(tuple(rest))), filters


class _Run:
    """One query against one searcher: strict AND, the any-term fallback, facets, hits, suggestions."""

    def __init__(self, searcher: Any, vectors: Vectors, tree: ql.Node, limit: int, sort: str, grouped: bool,
                 filters: Mapping[str, FilterValue], synonyms: Synonyms | None = None) -> None:
        self.searcher = searcher
        self.vectors = vectors
        self.evaluator = Evaluator(vectors)
        self.tree = tree
        self.limit = max(1, limit)
        self.fetch = self.limit + VERSION_SLACK if grouped else self.limit
        self.synonyms = synonyms
        self.plan: understanding.Plan | None = None
        self.sort = sort
        self.grouped = grouped
        filter_query = _filter_query(searcher, filters)
        self.filter: NDArray[np.bool_] | None = None if filter_query is None else self.evaluator.evaluate(filter_query)[0]
        self.terms = ql.highlight_terms(tree)
        self.adjacent: list[str] = []
        self._documents_of: tuple[NDArray[np.bool_], NDArray[np.bool_]] | None = None

    def execute(self, text: str) -> SearchResults:
        scored, filters = _split_filters(self.tree)
        if filters:
            compiler = _Compiler(self.searcher, "all")
            for node in filters:
                found = self.evaluator.evaluate(compiler.compile(node))[0]
                self.filter = found if self.filter is None else self.filter & found
        if scored is not None:
            self.plan = understanding.make_plan(scored, self.synonyms)
            if self.plan is not None:
                return self._execute_plan(self.plan, text)
        strict_compiler = _Compiler(self.searcher, "all")
        strict = strict_compiler.compile(scored) if scored is not None else wq.Every()
        self.adjacent = strict_compiler.adjacent
        loose = _Compiler(self.searcher, "any").compile(scored) if scored is not None else strict
        matched, scores = self._matching(strict)
        total = self._count(matched)
        facets = self._facets(matched)
        hits = self._hits(matched, scores, MATCH_ALL) if total else []
        any_total = 0
        if len(hits) < self.fetch and loose != strict:
            loose_matched, loose_scores = self._matching(loose)
            any_total = self._count(loose_matched) - total
            if any_total:
                if self.grouped:
                    keys = self.vectors.doc_keys()
                    rest = loose_matched & ~np.isin(keys, keys[matched])
                else:
                    rest = loose_matched & ~matched
                extra = self._hits(rest, loose_scores, MATCH_ANY)
                _rank_below(hits, extra)
                hits = hits + extra[: self.fetch - len(hits)]
            if not total:
                facets = self._facets(loose_matched)
        suggestions = [] if hits else _suggest(self.searcher, self.tree, text)
        hits = self._versions(hits, [])
        return SearchResults(query=text, total=total, facets=facets, hits=hits, suggestions=suggestions,
                             any_total=any_total, grouped=self.grouped, sort=self.sort,
                             expand=self.synonyms is not None)

    def _versions(self, hits: list[Hit], years: list[int]) -> list[Hit]:
        """One page of hits; grouped by document, near-duplicate documents under the better one (the
        query's year first). Passages are all listed: an exact phrase finds every passage holding it."""
        if self.grouped:
            hits = versions.group_versions(hits, years)
        return hits[: self.limit]

    def _plan_masks(self, plan: understanding.Plan) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_],
                                                             NDArray[np.float32]]:
        """A plan's (strict matches, near matches, other any-term matches, scores with the near ones penalised)."""
        strict_compiler = _Compiler(self.searcher, "all")
        base = self.vectors.live.copy()
        if self.filter is not None:
            base &= self.filter
        cover = planned.coverage(self.evaluator, self.searcher, plan, self.vectors.size)
        score = cover.score
        for node in plan.others:
            mask, other_score = self.evaluator.evaluate(strict_compiler.compile(node))
            base &= mask
            score = score + other_score
        for node in plan.negatives:
            base &= ~self.evaluator.evaluate(strict_compiler.compile(node))[0]
        strict = base & (cover.count == cover.required)
        near = base & (cover.count == cover.required - 1) if cover.required >= planned.NEAR_MIN_UNITS else \
            np.zeros_like(base)
        loose = base & (cover.count >= 1) & ~strict & ~near
        score = np.where(near, score * np.float32(planned.near_factor(cover.required)), score).astype(np.float32)
        return strict, near, loose, score

    def _execute_plan(self, plan: understanding.Plan, text: str) -> SearchResults:
        """A plain query unit by unit (`planned`): strict and near matches ranked together, the rest below."""
        self.adjacent = plan.adjacent
        self.terms = _plan_terms(plan)
        strict, near, loose, score = self._plan_masks(plan)
        total = self._count(strict)
        ranked = strict | near
        hits = self._hits(ranked, score, MATCH_ALL, strict=strict) if ranked.any() else []
        every = ranked | loose
        any_total = self._count(every) - total
        if len(hits) < self.fetch and loose.any():
            if self.grouped:
                keys = self.vectors.doc_keys()
                rest = loose & ~np.isin(keys, keys[ranked])
            else:
                rest = loose
            extra = self._hits(rest, score, MATCH_ANY)
            _rank_below(hits, extra)
            hits = hits + extra[: self.fetch - len(hits)]
        facets = self._facets(strict if total else every)
        suggestions = [] if hits else _suggest(self.searcher, self.tree, text)
        hits = self._versions(hits, plan.years)
        return SearchResults(query=text, total=total, facets=facets, hits=hits, suggestions=suggestions,
                             any_total=any_total, grouped=self.grouped, sort=self.sort,
                             expand=self.synonyms is not None,
                             expansions=[{"word": word, "also": list(also)} for word, also in plan.expansions],
                             ignored=list(dict.fromkeys(plan.ignored)))

    def matched_keys(self) -> NDArray[np.int64]:
        """The distinct document keys (`Vectors.doc_keys`) of the matches `execute` counts."""
        scored, filters = _split_filters(self.tree)
        compiler = _Compiler(self.searcher, "all")
        for node in filters:
            found = self.evaluator.evaluate(compiler.compile(node))[0]
            self.filter = found if self.filter is None else self.filter & found
        plan = understanding.make_plan(scored, self.synonyms) if scored is not None else None
        if plan is not None:  # as `_execute_plan` counts: strict matches, or when none, near and any-term ones
            strict_mask, near, loose, _ = self._plan_masks(plan)
            matched = strict_mask if strict_mask.any() else strict_mask | near | loose
            return arrays.unique(self.vectors.doc_keys()[matched])
        strict = compiler.compile(scored) if scored is not None else wq.Every()
        matched = self._matching(strict)[0]
        if not matched.any() and scored is not None:
            matched = self._matching(_Compiler(self.searcher, "any").compile(scored))[0]
        return arrays.unique(self.vectors.doc_keys()[matched])

    def _matching(self, q: wq.Query) -> Match:
        mask, scores = self.evaluator.evaluate(q)
        mask = mask & self.vectors.live
        return (mask & self.filter if self.filter is not None else mask), scores

    def _count(self, mask: NDArray[np.bool_]) -> int:
        if not self.grouped:
            return int(np.count_nonzero(mask))
        return int(np.count_nonzero(self._documents(mask)))

    def _documents(self, mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
        """Grouped results: which document keys (`Vectors.doc_keys`) have a passage in `mask`
        (kept for the mask last asked about: the count and the facets ask for the same)."""
        if self._documents_of is None or self._documents_of[0] is not mask:
            present = np.zeros(len(self.vectors.doc_ids()), dtype=bool)
            present[self.vectors.doc_keys()[mask]] = True
            self._documents_of = (mask, present)
        return self._documents_of[1]

    def _facets(self, mask: NDArray[np.bool_]) -> dict[str, dict[str, int]]:
        """Per facet, how many results (grouped: documents, else passages) have each value.

        ``author`` too, from the authors field: a document of two authors counts once for each.
        Grouped, a facet whose value is the same on every passage of a document (`Vectors.document_codes`)
        is counted over the documents matched; otherwise over distinct (value, document) pairs.
        """
        out: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        by_document = self.vectors.document_codes() if self.grouped else {}
        matched = np.flatnonzero(self._documents(mask)) if self.grouped else None
        docs: NDArray[np.intp] | None = None
        for name, (codes, labels) in self.vectors.facet_codes().items():
            per_document = by_document.get(name)
            if per_document is not None:
                counts = np.bincount(per_document[matched], minlength=len(labels))
            else:
                docs = np.flatnonzero(mask) if docs is None else docs
                keys = self.vectors.doc_keys()[docs] if self.grouped else docs
                counts = _distinct_counts(codes[docs], keys, len(labels), unique_keys=not self.grouped)
            out[name] = _facet_counts({labels[i]: int(c) for i, c in enumerate(counts) if c}, name)
        pair_docs, pair_codes, terms = self.vectors.value_pairs("authors")
        document_pairs = self.vectors.document_pairs("authors") if self.grouped else None
        if document_pairs is not None:
            pair_keys, key_codes = document_pairs
            counts = np.bincount(key_codes[self._documents(mask)[pair_keys]], minlength=len(terms))
        else:
            chosen = pair_docs[mask[pair_docs]] if pair_docs.size else pair_docs
            chosen_codes = pair_codes[mask[pair_docs]] if pair_docs.size else pair_codes
            counts = _distinct_counts(chosen_codes, self.vectors.doc_keys()[chosen] if self.grouped else chosen,
                                      len(terms), unique_keys=not self.grouped)
        found = np.flatnonzero(counts)
        names = self._author_names(found.tolist())
        out["author"] = _facet_counts({names[i]: int(counts[i]) for i in found.tolist()}, "author")
        return out

    def _author_names(self, codes: list[int]) -> dict[int, str]:
        """The author names as written (the index holds them folded) for some author codes, cached per generation."""
        known = self.vectors.author_names
        missing = [c for c in codes if c not in known]
        if missing:
            pair_docs, pair_codes, terms = self.vectors.value_pairs("authors")
            first = np.zeros(len(terms), dtype=np.int64)
            first[pair_codes[::-1]] = pair_docs[::-1]  # the first document of each author (last write wins)
            for code in missing:
                written = self.searcher.stored_fields(int(first[code]))["meta"].get("authors", [])
                known[code] = next((a for a in written if analysis.squeeze(a) == terms[code]), terms[code])
        return {c: known[c] for c in codes}

    def _top(self, mask: NDArray[np.bool_], scores: NDArray[np.float32], fetch: int) -> NDArray[np.intp]:
        """The document numbers of the best `fetch` matches, best first (ties: index order)."""
        candidates = np.flatnonzero(mask)
        if self.sort == "date":
            years = self.vectors.years()[candidates]
            order = np.lexsort((candidates, -scores[candidates], -years))
            return candidates[order[:fetch]]
        if candidates.size > fetch:
            part = np.argpartition(-scores[candidates], fetch - 1)[:fetch]
            threshold = scores[candidates[part]].min()
            candidates = candidates[scores[candidates] >= threshold]  # keep ties for a stable order
        order = np.lexsort((candidates, -scores[candidates]))
        return candidates[order[:fetch]]

    def _hits(self, mask: NDArray[np.bool_], scores: NDArray[np.float32], match: str,
              strict: NDArray[np.bool_] | None = None) -> list[Hit]:
        """The best `fetch` hits (grouped: documents, each with its best passages) among `mask`.

        With `strict`, a hit outside it is marked ``any`` (a near match ranked among the strict ones).
        """
        if self.adjacent:
            scores = self._adjacency(mask, scores)
        if self.plan is not None and self.sort == "relevance":
            scores = self._proximity(mask, scores, self.plan)
        groups = self._select(mask, scores)
        stored = self.searcher.stored_fields
        hits = []
        for best, *more in groups:
            own = match if strict is None or strict[best] else MATCH_ANY
            hit = self._hit(stored(best), float(scores[best]), own)
            hit.more = [self._brief(stored(d), float(scores[d])) for d in more]
            hits.append(hit)
        return hits

    def _select(self, mask: NDArray[np.bool_], scores: NDArray[np.float32]) -> list[list[int]]:
        """Document numbers of the hits, best first: one list per hit (grouped: its best passages)."""
        if not self.grouped:
            return [[d] for d in self._top(mask, scores, self.fetch).tolist()]
        keys = self.vectors.doc_keys()
        fetch = self.fetch * 8
        while True:
            order = self._top(mask, scores, fetch)
            groups: dict[int, list[int]] = {}
            for docnum, key in zip(order.tolist(), keys[order].tolist(), strict=True):
                group = groups.get(key)
                if group is None:
                    if len(groups) < self.fetch:
                        groups[key] = [docnum]
                elif len(group) < GROUP_PASSAGES:
                    group.append(docnum)
            if len(groups) >= self.fetch or order.size < fetch:
                return list(groups.values())
            fetch *= 4  # many passages of few documents at the top: look further down

    def _adjacency(self, mask: NDArray[np.bool_], scores: NDArray[np.float32]) -> NDArray[np.float32]:
        """Scores raised where a query word of several jieba words occurs as written (科技安全 over 科技…安全)."""
        found = np.zeros(scores.shape, np.float32)
        for word in self.adjacent:
            found += self.evaluator.evaluate(_substring("grams", word, 1.0))[0]
        return np.where(mask, scores * (1 + np.float32(ADJACENT_BONUS) * found), np.float32(0))

    def _proximity(self, mask: NDArray[np.bool_], scores: NDArray[np.float32], plan: understanding.Plan
                   ) -> NDArray[np.float32]:
        """Scores of the best `planned.PROXIMITY_CANDIDATES` passages raised where their units stand close."""
        if len(plan.hard()) < planned.PROXIMITY_MIN_UNITS:
            return scores
        top = self._top(mask, scores, planned.PROXIMITY_CANDIDATES)
        factor = planned.proximity(self.evaluator, plan, top)
        if not top.size or bool((factor == 1).all()):
            return scores
        scores = scores.copy()
        scores[top] *= factor
        return scores

    def _hit(self, fields: _StoredFields, score: float, match: str) -> Hit:
        meta = fields["meta"]
        text = stored_text(fields)[:MAX_TEXT]
        return Hit(
            passage_id=fields.get("passage_id", ""), doc_id=fields.get("doc_id", ""), meta=DocumentMeta.from_json(meta),
            file=meta["file"], page=meta["page"], text=text, highlight=snippets.make_snippet(text, self.terms),
            score=round(score, 4), end_page=meta["end_page"], start=meta["start"], end=meta["end"],
            ordinal=meta["ordinal"], file_sha256=fields.get("file_sha256", ""), match=match,
        )

    def _brief(self, fields: _StoredFields, score: float) -> PassageBrief:
        meta = fields["meta"]
        return {"passage_id": fields.get("passage_id", ""), "page": meta["page"], "end_page": meta["end_page"],
                "score": round(score, 4),
                "highlight": snippets.make_snippet(stored_text(fields)[:MAX_TEXT], self.terms)}


def _plan_terms(plan: understanding.Plan) -> list[str]:
    """What to highlight for a planned query: its words, pieces typed together, alternatives, other terms."""
    out: list[str] = list(plan.adjacent)
    for unit in plan.units:
        out.append(analysis.squeeze(unit.text))
        out.extend(unit.words)
        out.extend(analysis.squeeze(a) for a in unit.alternatives)
    for node in plan.others:
        out.extend(ql.highlight_terms(node))
    return list(dict.fromkeys(t for t in out if t))


def _distinct_counts(codes: NDArray[np.int32], keys: NDArray[np.int64], size: int,
                     unique_keys: bool = False) -> NDArray[np.intp]:
    """How many distinct `keys` each code in ``range(size)`` occurs with (`codes` and `keys` paired).

    With `unique_keys` (ungrouped results: the keys are passage numbers, each paired with a code at
    most once) that is a plain count, without sorting the pairs.
    """
    if not codes.size:
        return np.zeros(size, dtype=np.intp)
    if unique_keys:
        return np.bincount(codes, minlength=size)
    width = np.int64(keys.max()) + 1
    pairs = arrays.unique(codes.astype(np.int64) * width + keys)
    return np.bincount(pairs // width, minlength=size)


def _facet_counts(groups: dict[ColumnValue, int], name: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key, count in groups.items():
        if isinstance(key, bytes):
            key = key.decode("utf-8")
        if name == "year":
            key = str(key) if key else "unknown"
        if key in ("", None):
            continue
        counts[str(key)] = counts.get(str(key), 0) + count
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _rank_below(strict_hits: list[Hit], extra: list[Hit]) -> None:
    """Scale the any-term hits' scores so they sort below the last strict hit."""
    if not strict_hits or not extra:
        return
    floor = min(h.score for h in strict_hits)
    top = max(h.score for h in extra) or 1.0
    for hit in extra:
        hit.score = round(hit.score / top * floor * 0.99, 4)


def _suggest(searcher: Any, tree: ql.Node, text: str) -> list[str]:
    """Queries to try when nothing matched: each unmatched word replaced by a close word of the library.

    Only words of 2 to `SUGGEST_MAX_CHARS` characters, and at most `SUGGEST_MAX_WORDS` of them, are
    looked up: Whoosh's edit-distance automaton takes seconds for a pasted sentence, and a query
    of hundreds of unknown words would build one per word.
    """
    reader = searcher.reader()
    folded = analysis.fold(text, lower=False)
    out: list[str] = []
    looked_up = 0
    for term in _plain_terms(tree):
        word = analysis.squeeze(term.text)
        if not 2 <= len(word) <= SUGGEST_MAX_CHARS:
            continue
        if reader.doc_frequency("content", word):
            continue  # a word the library holds is no typo (nothing matched for other reasons)
        if looked_up == SUGGEST_MAX_WORDS or len(out) >= SUGGESTIONS:
            break
        looked_up += 1
        maxdist = 1 if len(word) <= 4 else 2
        candidates = [c.decode("utf-8") if isinstance(c, bytes) else c
                      for c in reader.terms_within("content", word, maxdist, prefix=1)]
        candidates = [c for c in candidates if c != word and len(c) >= 2]
        candidates.sort(key=lambda c: -reader.doc_frequency("content", c))
        for candidate in candidates[:3]:
            replaced = folded.replace(term.text, candidate) if term.text in folded else candidate
            if replaced not in out:
                out.append(replaced)
    return out[:SUGGESTIONS]


def _plain_terms(node: ql.Node) -> Iterator[ql.Term]:
    if isinstance(node, ql.Term):
        if not node.field:
            yield node
    elif isinstance(node, (ql.And, ql.Or)):
        for item in node.items:
            yield from _plain_terms(item)
