"""A Hanlin library: a folder holding a SQLite catalogue and a Whoosh index built from it.

Layout of a library folder ``DIR``::

    DIR/catalog.db     SQLite catalogue (WAL): files, paths, documents, passages — the source of truth
    DIR/index/         Whoosh index: a rebuildable cache of the catalogue's passages
    DIR/.lock          held by the one process writing the library
    DIR/.hanlin-bundle.json   present when the library was installed from a bundle (then read-only)

The index's schema version is kept beside it (by `indexer.search._whoosh.index`) and recorded in the
catalogue's ``meta`` table. An index of another version, one that cannot be opened, or one that
does not hold what the catalogue says it holds is rebuilt from the catalogue, with a message on
the ``hanlin.library`` logger (which reaches stderr when nothing else is configured).

Read-only mode (``Library.open(DIR, read_only=True)``, and always for a library installed from a
bundle, see `indexer.bundles.bundle`): the catalogue is opened with SQLite's ``mode=ro``, the index is
never written or rebuilt, and anything that would write raises `LibraryError` (setting or
clearing a classification mark, changing the mark list).

Classification marks (`indexer.library.marks`): ``set_mark(doc_ids, mark)``, ``clear_mark(doc_ids)``,
``marks(doc_ids)``, ``marked_documents()``, ``mark_levels()`` / ``set_mark_levels(levels)``;
``documents_of(target)`` turns a document id or a file path into document ids.

Crash safety: a file's rows are committed to the catalogue as ``pending`` first; the index
writer then adds them and commits, and only then are they flipped to ``done``. After a crash,
`sync_index` deletes and re-adds every pending file, so no passage is ever indexed twice.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Final, Literal, Self, TypedDict

import sqlite_utils

from indexer import fs
from indexer.errors import ExtractionError, LibraryError, MarkError
from indexer.extract.model import WORD_SEP, ExtractResult, IndexWords
from indexer.extract.pdf import sha256_file
from indexer.library import marks
from indexer.library.catalog import (
    CATALOG_NAME,
    CATALOG_VERSION,
    DELETING,
    NO_TEXT_CODE,
    OLDEST_READABLE_VERSION,
    PENDING,
    Catalog,
    CatalogStats,
    Failure,
    KnownPath,
    NoTextFile,
    PathStat,
    catalog_error,
    passage_id,
)
from indexer.library.marks import DocMark, MarkLevels
from indexer.library.pathcodec import to_db
from indexer.library.progress import COMMIT_MAX_PASSAGES, COMMIT_MIN_PASSAGES, IndexProgress
from indexer.library.scan import ScanProblem, scan_pdfs

if TYPE_CHECKING:
    from indexer.extract.sandbox import StartedWorkers
    from indexer.search import IndexedPassage, IndexWriter, SearchIndex
INDEX_DIRNAME = "index"
#: A rebuild writes its new index into ``DIR/index.rebuilding-<pid>`` and swaps it in when complete;
#: the old one is moved to ``DIR/index.old-<pid>`` for the moment of the swap. Both are stale once
#: the write lock is free again, and removed by the next writer (`Library.lock`).
REBUILDING_PREFIX = f"{INDEX_DIRNAME}.rebuilding-"
OLD_INDEX_PREFIX = f"{INDEX_DIRNAME}.old-"
LOCK_NAME = ".lock"
#: Written by `indexer.bundles.bundle.install_bundle`: a library holding it is opened read-only.
INSTALLED_MARKER = ".hanlin-bundle.json"
SCHEMA_META_KEY = "index_schema_version"
#: The library's OCR setting in the catalogue's meta table: "on" (the default) or "off".
OCR_META_KEY = "ocr"
#: The catalogue's `meta` key holding the librarian's own synonym entries (`Library.own_synonyms`).
SYNONYMS_META_KEY = "synonyms"
#: `--commit-every N`: commit every N files instead (None: by passages, as above).
COMMIT_FILES: int | None = None
#: `sync_index(GROW)`: commit in growing batches of passages (a rebuild, a resumed run).
GROW: Final = "grow"
#: What `sync_index` takes: files per commit, `GROW`, or None (one commit).
Batch = int | Literal["grow"] | None


def tail_commits(files: int, workers: int) -> set[int]:
    """After which stored files (1-based) a run commits whatever it holds, besides `commit_threshold`.

    Once a worker has no file left to take (the first of the last `workers` files ends), a core
    is free: the index commits what it holds while the last files are read. At the last file it
    commits again without waiting for the workers to exit. Little is then left to write once
    extraction ends.
    """
    if files <= 0:
        return set()
    workers = max(1, min(workers, files))
    return {files - workers + 1, files}


#: What a commit costs the writer per passage it holds, in seconds (about 0.2 ms here, with
#: extraction sharing the cores): `commit_ahead` weighs it against the extraction left.
COMMIT_SECONDS_PER_PASSAGE = 0.0003


def commit_ahead(waiting_passages: int, eta_seconds: float | None) -> bool:
    """Whether to commit the passages waiting now, before the last files end.

    A commit after the last file runs alone: the workers have nothing left to do. Started when
    the extraction left (`IndexProgress.eta_seconds`) would take about as long as the commit,
    it overlaps the last files, and the commit at the end holds only their passages.
    """
    return eta_seconds is not None and waiting_passages > 0 and eta_seconds <= waiting_passages * COMMIT_SECONDS_PER_PASSAGE


def commit_threshold(indexed_passages: int) -> int:
    """Passages to gather before the next index commit, given how many the index holds.

    Each commit adds a segment. Small commits early in a run keep the first results
    searchable soon; later commits grow with the index (fewer, larger segments) up to
    `COMMIT_MAX_PASSAGES`, which bounds the memory the writer holds (a few kB per passage until
    it commits). The writer merges small segments (`indexer.search` keeps about N / 50,000
    segments for N passages). A run killed mid-batch loses only index work: its files stay
    ``pending`` in the catalogue and the next run writes them without extracting them again.
    """
    return min(COMMIT_MAX_PASSAGES, max(COMMIT_MIN_PASSAGES, indexed_passages))


log = logging.getLogger("hanlin.library")


class FailureInfo(TypedDict):
    """A failed file as `Library.status` lists it."""

    path: str
    reason: str
    message: str


class NoTextInfo(TypedDict):
    """A file with no searchable text as `Library.status` lists it (found by its file name only)."""

    path: str
    reason: str
    message: str


class LibraryStatus(CatalogStats):
    """`Library.status`: the catalogue's counts, the index, failures and bundle (`hanlin status --json`)."""

    library: str
    index_size_bytes: int
    index_schema_version: str | None
    schema_version: int
    failures: list[FailureInfo]
    no_text_files: list[NoTextInfo]
    ocr: bool
    read_only: bool
    installed_bundle: dict[str, Any] | None


class Library:
    """An opened library folder: its catalogue, and its search index opened on demand."""

    def __init__(self, root: Path, catalog: Catalog, read_only: bool = False):
        self.root = root
        self.catalog = catalog
        self.read_only = read_only
        self._index: SearchIndex | None = None
        self._lock_file: IO[bytes] | None = None

    @property
    def catalog_path(self) -> Path:
        """The SQLite catalogue file."""
        return self.root / CATALOG_NAME

    @property
    def index_path(self) -> Path:
        """The Whoosh index folder."""
        return self.root / INDEX_DIRNAME

    @classmethod
    def open(cls, root: str | os.PathLike[str], create: bool = False, read_only: bool = False) -> Library:
        """Open the library at `root`; with `create`, make the folder and catalogue if needed.

        With `read_only`, when the library was installed from a bundle (`is_installed`), or
        when its folder or catalogue may not be written (a librarian's shared copy), nothing
        in the folder is ever written (see the module docstring). A folder that cannot be
        looked into, or a catalogue that is empty or not a regular file, is a `LibraryError`.
        """
        root = Path(root)
        exists = _catalog_exists(root)
        if read_only or is_installed(root) or (exists and not _writable(root)):
            return cls(root, _read_only_catalog(root), read_only=True)
        if not exists:
            if not create:
                raise LibraryError(f"{root}: 不是翰林文献库，请先运行 hanlin index "
                                   "(not a Hanlin library: run hanlin index first)")
            with storage_errors(root):
                root.mkdir(parents=True, exist_ok=True)
                _check_writable(root)
        return cls(root, Catalog(root / CATALOG_NAME))

    def close(self) -> None:
        """Close the index and the catalogue, and release the write lock."""
        if self._index is not None:
            self._index.close()
            self._index = None
        self.catalog.close()
        self.unlock()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ write lock

    def lock(self) -> None:
        """Become the one process writing this library, or raise `LibraryError`."""
        if self._lock_file is not None:
            return
        if self.read_only:
            raise read_only_error(self.root)
        with storage_errors(self.root):
            handle = open(self.root / LOCK_NAME, "a+b")  # noqa: SIM115 -- held open as long as the lock
        if not _try_lock(handle):
            handle.close()
            raise LibraryError(f"{self.root}: 另一个翰林进程正在写入此文献库 "
                               "(another Hanlin process is writing this library)")
        self._lock_file = handle
        self._remove_leftovers()

    def _remove_leftovers(self) -> None:
        """Delete what writers killed or stopped by a full disk left: half-built indexes beside the
        index, and files of uncommitted index writers inside it (only safe with the write lock held)."""
        from indexer import search as searchindex
        with storage_errors(self.root):
            for entry in sorted(self.root.iterdir()):
                if entry.is_dir() and entry.name.startswith((REBUILDING_PREFIX, OLD_INDEX_PREFIX)):
                    shutil.rmtree(entry, ignore_errors=True)  # what is still open elsewhere goes next time
                    log.info("hanlin: %s: 已删除中断的重建留下的索引 (removed an index left by an interrupted rebuild)",
                             entry)
            if self.index_path.is_dir():
                removed = searchindex.remove_orphans(self.index_path)
                if removed:
                    log.info("hanlin: %s: 已删除未提交的索引文件 (removed uncommitted index files): %s",
                             self.index_path, ", ".join(removed))

    def unlock(self) -> None:
        """Release the write lock if held."""
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    # ------------------------------------------------------------------ the index

    def search_index(self) -> SearchIndex:
        """The search index, opened once; rebuilt from the catalogue first if it cannot be used."""
        if self._index is None:
            with storage_errors(self.root):  # a catalogue that cannot be read on the way
                self._index = self._open_index()
        return self._index

    def sync_index(self, batch: Batch = None) -> int:
        """Bring the index up to the catalogue: write pending files, drop deleted ones, then check.

        Commits every `batch` files, in growing batches of passages when `GROW`
        (`commit_threshold`), or all at once when None; returns how many files were written.
        An index whose passage count then differs from the catalogue's is rebuilt.
        """
        index = self.search_index()
        written = self._flush(index, batch)
        if index.doc_count() != self.catalog.count_indexed_passages():
            self.rebuild_index("索引与目录不一致 (the index does not match the catalogue)")
        return written

    def rebuild_index(self, why: str) -> None:
        """Build a new index from the catalogue beside the old one, and swap it in once complete.

        The catalogue is checked first (`Catalog.check_integrity`): a damaged one raises
        `LibraryError` before anything is touched. A rebuild that fails or is interrupted (a row that
        cannot be read, a full disk, a kill) leaves the old index and the catalogue as they were.
        """
        from indexer import search as searchindex
        log.warning("hanlin: %s；正在从目录重建索引 (rebuilding the search index from the catalogue)", why)
        self.lock()
        self.catalog.check_integrity()
        staging = self.root / f"{REBUILDING_PREFIX}{os.getpid()}"
        with storage_errors(self.root):
            new = searchindex.SearchIndex.recreate(staging)
        try:
            with storage_errors(self.root):
                counts = self.catalog.indexable_passages()
            todo = [(sha256, PENDING) for sha256 in counts]
            for part in _growing_batches(todo, counts, 0):
                _write_files(self.root, new, self.catalog, part)
            new.close()
            self._swap_index(staging)
        except BaseException:
            new.close()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self.catalog.mark_rebuilt()
        self.catalog.set_meta(SCHEMA_META_KEY, str(searchindex.SCHEMA_VERSION))
        with storage_errors(self.root):
            self._index = searchindex.SearchIndex.open(self.index_path, create=False)

    def _swap_index(self, staging: Path) -> None:
        """Put the complete index at `staging` in the index's place; the old one is deleted after."""
        if self._index is not None:
            self._index.close()
            self._index = None
        old = self.root / f"{OLD_INDEX_PREFIX}{os.getpid()}"
        with storage_errors(self.root):
            if self.index_path.exists():
                os.replace(self.index_path, old)
            try:
                os.replace(staging, self.index_path)
            except OSError:
                if old.exists():
                    os.replace(old, self.index_path)
                raise
            shutil.rmtree(old, ignore_errors=True)

    def flush(self) -> int:
        """Commit pending catalogue changes to the index (one commit); returns files written."""
        return self._flush(self.search_index(), None)

    def _open_index(self) -> SearchIndex:
        from indexer import search as searchindex
        if self.read_only:
            return _open_read_only_index(self.root, self.index_path)
        stored = self.catalog.get_meta(SCHEMA_META_KEY)
        if stored is not None and stored != str(searchindex.SCHEMA_VERSION):
            self.rebuild_index(f"索引版本 {stored} 与程序版本 {searchindex.SCHEMA_VERSION} 不符 "
                               f"(index schema {stored}, this Hanlin uses {searchindex.SCHEMA_VERSION})")
            return self._rebuilt_index()
        try:
            index = searchindex.SearchIndex.open(self.index_path, create=True)
        except searchindex.IndexNeedsRebuild as exc:
            why = str(exc)
        except Exception as exc:  # noqa: BLE001 -- any failure to open a cache means: rebuild it
            why = f"{self.index_path}: 索引无法打开 (the index cannot be opened: {type(exc).__name__}: {exc})"
        else:
            if index.doc_count() or not self.catalog.count_indexed_passages():
                if stored is None:
                    self.catalog.set_meta(SCHEMA_META_KEY, str(searchindex.SCHEMA_VERSION))
                return index
            # An empty index (its folder deleted, or left out of a copy) while the catalogue holds
            # committed passages would answer every search with nothing.
            index.close()
            why = f"{self.index_path}: 索引是空的 (the index is empty while the catalogue is not)"
        self.rebuild_index(why)
        return self._rebuilt_index()

    def _rebuilt_index(self) -> SearchIndex:
        """The index `rebuild_index` just made (and left open)."""
        assert self._index is not None
        return self._index

    def _flush(self, index: SearchIndex, batch: Batch, catalog: Catalog | None = None,
               words: WorkerWords | None = None) -> int:
        """Write every pending or deleting file to the index, committing every `batch` files
        (`GROW`: in batches of `commit_threshold` passages; None: in one commit).

        `catalog` is the connection to read and mark with (another thread needs its own);
        `words` holds index words made by the extraction workers (taken as used).
        """
        if self.read_only:
            raise read_only_error(self.root)
        catalog = catalog or self.catalog
        todo = catalog.needing_index()
        if batch == GROW:
            for part in _growing_batches(todo, catalog.passage_counts(), catalog.count_indexed_passages()):
                _commit_files(self.root, index, catalog, part, words)
            return len(todo)
        step = batch or max(1, len(todo))
        for begin in range(0, len(todo), step):
            _commit_files(self.root, index, catalog, todo[begin:begin + step], words)
        return len(todo)

    def _write_gradually(self, index: SearchIndex, catalog: Catalog, words: WorkerWords | None,
                         more: Callable[[], bool]) -> None:
        """One commit of the files pending now and of those stored until `more()` returns False.

        `more()` waits for the next file stored in the catalogue (True) or for the commit to be
        due (False): their passages go into the open writer as they come, so that extraction
        and index writing overlap and the commit itself only writes the segment.
        """
        if self.read_only:
            raise read_only_error(self.root)
        seen: set[str] = set()
        added: list[str] = []
        deleted: list[str] = []
        last = False
        with storage_errors(self.root), index.writer() as writer:
            while True:
                todo = [item for item in catalog.needing_index() if item[0] not in seen]
                seen.update(sha256 for sha256, _ in todo)
                new, gone = _add_files(writer, catalog, todo, words)
                added += new
                deleted += gone
                if last:
                    break
                last = not more()  # one more look after the last wait: files stored meanwhile
        catalog.mark_indexed(added, deleted)
        if words is not None:
            words.done(added)

    # ------------------------------------------------------------------ adding files

    def add(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        prune: bool = False,
        workers: int | None = None,
        on_progress: Callable[[IndexProgress], None] | None = None,
        cancel: threading.Event | None = None,
        commit_files: int | None = COMMIT_FILES,
        retry_failed: bool = False,
        ocr: bool | None = None,
        started: StartedWorkers | None = None,
    ) -> IndexSummary:
        """Index PDF files and folders (recursively) incrementally; see `IndexRun`.

        The index is committed as `commit_threshold` says (every `commit_files` files if given). Files
        that failed before are extracted again only with `retry_failed` (or when they change).
        `ocr` (default: the library's setting, `ocr_enabled`) recognises pages without a usable text layer.
        `started`: extraction workers the caller started ahead (it stops them afterwards); the run
        stops those it does not need as soon as it knows how many files it has to read.
        """
        self.lock()
        run = IndexRun(self, workers=workers, on_progress=on_progress, cancel=cancel,
                       commit_files=commit_files, retry_failed=retry_failed,
                       ocr=self.ocr_enabled() if ocr is None else ocr, started=started)
        with storage_errors(self.root):  # a catalogue that cannot be read on the way
            return run.execute(paths, prune=prune)

    # ------------------------------------------------------------------ OCR setting

    def ocr_enabled(self) -> bool:
        """Whether indexing recognises pages without a usable text layer (on unless turned off)."""
        return self.catalog.get_meta(OCR_META_KEY, "on") != "off"

    def set_ocr_enabled(self, enabled: bool) -> None:
        """Turn OCR on or off for this library; files left unrecognised are recognised by the next run once on."""
        self._check_writable()
        with storage_errors(self.root):
            self.catalog.set_meta(OCR_META_KEY, "on" if enabled else "off")

    # ------------------------------------------------------------------ synonyms

    def own_synonyms(self) -> str:
        """The librarian's own synonym entries (lines as in `indexer.search.synonyms`; '' when none)."""
        return self.catalog.get_meta(SYNONYMS_META_KEY, "") or ""

    def set_own_synonyms(self, text: str) -> None:
        """Replace the library's own synonym entries (each line checked: a bad one is a `QuerySyntaxError`).

        They live in the catalogue, so a bundle of the library carries them; searches read them at
        once (no re-indexing).
        """
        from indexer.search.synonyms import parse_entries

        parse_entries(text, strict=True)
        self._check_writable()
        with storage_errors(self.root):
            self.catalog.set_meta(SYNONYMS_META_KEY, text.strip() + "\n" if text.strip() else "")

    # ------------------------------------------------------------------ classification marks

    def mark_levels(self) -> MarkLevels:
        """The library's ordered list of classification marks, lowest first."""
        return marks.read_levels(self.catalog.db.conn)

    def set_mark_levels(self, levels: Iterable[str]) -> MarkLevels:
        """Replace the ordered list of marks; a mark some document still carries must stay in it."""
        self._check_writable()
        new = MarkLevels(marks.clean_levels(list(levels)))
        dropped = marks.marks_in_use(self.catalog.db.conn) - set(new.levels)
        if dropped:
            raise MarkError(f"仍有文档标为 {'、'.join(sorted(dropped))}，不能从列表中删除 "
                            f"(documents are still marked {', '.join(sorted(dropped))}: clear those marks first)")
        with storage_errors(self.root):
            self.catalog.set_mark_levels(new.levels)
        return new

    def marks(self, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
        """doc_id → mark of the marked documents among `doc_ids` (every marked document when None)."""
        return marks.read_marks(self.catalog.db.conn, doc_ids)

    def marked_documents(self) -> list[DocMark]:
        """Every marked document with its title, file path and who marked it, by path."""
        return marks.list_marks(self.catalog.db.conn)

    def set_mark(self, doc_ids: Iterable[str], mark: str, set_by: str | None = None) -> list[str]:
        """Give documents a mark from `mark_levels()` (replacing theirs); returns the ids marked."""
        self._check_writable()
        self.mark_levels().check(mark)
        return self.catalog.set_marks(list(doc_ids), mark, set_by if set_by is not None else fs.os_user())

    def clear_mark(self, doc_ids: Iterable[str]) -> list[str]:
        """Remove documents' marks; returns the ids that had one."""
        self._check_writable()
        return self.catalog.clear_marks(list(doc_ids))

    def documents_of(self, target: str | os.PathLike[str]) -> list[str]:
        """The document ids a CLI or GUI target names: a document id, or a catalogued file's path.

        Raises `MarkError` when the target is neither.
        """
        conn = self.catalog.db.conn
        text = str(target)
        if conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", [text]).fetchone():
            return [text]
        for path in dict.fromkeys([str(Path(text).expanduser().resolve()), text]):
            row = conn.execute("SELECT sha256 FROM paths WHERE path = ?", [to_db(path)]).fetchone()
            if row:
                ids = [r[0] for r in conn.execute(
                    "SELECT doc_id FROM documents WHERE file_sha256 = ? ORDER BY ordinal", [row[0]])]
                if ids:
                    return ids
        raise marks.unknown_document(text)

    def _check_writable(self) -> None:
        if self.read_only:
            raise read_only_error(self.root)

    # ------------------------------------------------------------------ reporting

    def status(self, check: bool = True) -> LibraryStatus:
        """Counts, index size and schema, last run and failures, for `hanlin status`.

        With `check`, the catalogue is read through first (`Catalog.check_integrity`, about 0.4 s
        for 8 MB: minutes for a catalogue of a million passages on a cold disk). The desktop's
        librarian panel, which asks each time a library opens, leaves it out.
        """
        from indexer import search as searchindex
        if check:
            self.catalog.check_integrity()
        return LibraryStatus(
            **self.catalog.stats(),
            library=str(self.root),
            index_size_bytes=_folder_size(self.index_path),
            index_schema_version=self.catalog.get_meta(SCHEMA_META_KEY),
            schema_version=searchindex.SCHEMA_VERSION,
            failures=[
                {"path": f.path, "reason": f.reason, "message": f.message} for f in self.catalog.failures()
            ],
            no_text_files=[
                {"path": f.path, "reason": f.reason, "message": f.message} for f in self.catalog.no_text_files()
            ],
            ocr=self.ocr_enabled(),
            read_only=self.read_only,
            installed_bundle=installed_bundle_info(self.root),
        )


_gc_lock = threading.Lock()
_gc_runs = 0  # index runs under way in this process (`fewer_collections`)
_gc_threshold = gc.get_threshold()  # as it was before the first of them


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while an index run makes its many short-lived
    objects (the workers' results, the writer's tokens), which hold few reference cycles.

    The objects alive when the first run starts are set aside for its duration (`gc.freeze`),
    and a young collection waits for as many new objects as in the extraction workers
    (`sandbox.GC_YOUNG_THRESHOLD`); both are undone when the last run under way in the process
    ends (the desktop app runs index runs in threads).
    """
    from indexer.extract.sandbox import GC_YOUNG_THRESHOLD

    global _gc_runs, _gc_threshold
    with _gc_lock:
        if _gc_runs == 0:
            _gc_threshold = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(GC_YOUNG_THRESHOLD, *_gc_threshold[1:])
        _gc_runs += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_runs -= 1
            if _gc_runs == 0:
                gc.set_threshold(*_gc_threshold)
                gc.unfreeze()


@contextlib.contextmanager
def storage_errors(root: Path) -> Iterator[None]:
    """Turn storage failures (full disk, read-only or missing folder, broken catalogue) into `LibraryError`."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise catalog_error(root / CATALOG_NAME, exc) from exc
    except OSError as exc:
        raise storage_error(root, exc) from exc


def storage_error(root: Path, exc: OSError) -> LibraryError:
    """A `LibraryError` explaining an `OSError` met while writing the library."""
    return LibraryError(f"{root}: {fs.storage_problem(exc)}: {exc}")


def _growing_batches(todo: list[tuple[str, str]], counts: dict[str, int],
                     indexed: int) -> Iterator[list[tuple[str, str]]]:
    """`todo` cut into commits of `commit_threshold(indexed)` passages, `indexed` growing with each."""
    part: list[tuple[str, str]] = []
    waiting = 0
    for item in todo:
        part.append(item)
        waiting += counts.get(item[0], 0)
        if waiting >= commit_threshold(indexed):
            yield part
            indexed += waiting
            part, waiting = [], 0
    if part:
        yield part


def _commit_files(root: Path, index: SearchIndex, catalog: Catalog, todo: list[tuple[str, str]],
                  words: WorkerWords | None = None) -> None:
    """One index commit: each file's old passages deleted, pending ones re-added; then flipped to done."""
    added, deleted = _write_files(root, index, catalog, todo, words)
    catalog.mark_indexed(added, deleted)
    if words is not None:
        words.done(added)


def _write_files(root: Path, index: SearchIndex, catalog: Catalog, todo: list[tuple[str, str]],
                 words: WorkerWords | None = None) -> tuple[list[str], list[str]]:
    """One index commit of `todo` (see `_commit_files`); returns the files (added, deleted)."""
    with storage_errors(root), index.writer() as writer:
        return _add_files(writer, catalog, todo, words)


def _add_files(writer: IndexWriter, catalog: Catalog, todo: list[tuple[str, str]],
               words: WorkerWords | None) -> tuple[list[str], list[str]]:
    """`todo` written into an open index writer: each file's old passages deleted, pending ones
    added; returns the files (added, deleted). Words the extraction workers made (`words`) are
    not cut again."""
    from indexer.search import IndexedPassage

    added = [sha256 for sha256, state in todo if state == PENDING]
    deleted = [sha256 for sha256, state in todo if state == DELETING]
    for sha256, _ in todo:
        writer.delete_file(sha256)
    passages = (IndexedPassage.from_row(row) for sha256 in added for row in catalog.passage_rows(sha256))
    if words is None:
        writer.add_all(passages)
    else:
        writer.add_all(passages, known=words.passage, known_text=words.text)
    return added, deleted


class WorkerWords:
    """Index words the extraction workers made (`ExtractResult.index_words`, `text_words`), kept
    from the moment a file's outcome is stored until the index writer takes them.

    The run's thread keeps, the writer's thread takes: single dictionary operations, atomic in
    CPython. Words cut from another text than the one being written (a length that differs) are
    not used.
    """

    def __init__(self) -> None:
        self.passages: dict[str, IndexWords | None] = {}
        self.texts: dict[str, dict[str, IndexWords]] = {}

    def keep(self, sha256: str, result: ExtractResult) -> None:
        """The words made for a stored file's passages and document texts."""
        for d_ord, doc_words in enumerate(result.index_words or []):
            for p_ord, passage_words in enumerate(doc_words):
                self.passages[passage_id(sha256, d_ord, p_ord)] = passage_words
        if result.text_words:
            self.texts[sha256] = result.text_words

    def passage(self, passage: IndexedPassage) -> list[tuple[str, int]] | None:
        """A passage's words, taken out; None when there are none or they fit another text."""
        return _unpacked(self.passages.pop(passage.passage_id, None), passage.text)

    def text(self, passage: IndexedPassage, value: str) -> list[tuple[str, int]] | None:
        """The words of one of a passage's document texts (`indexer.meta.word_texts`), or None."""
        return _unpacked(self.texts.get(passage.file_sha256, {}).get(value), value)

    def done(self, added: Iterable[str]) -> None:
        """Forget the document texts of files now written."""
        for sha256 in added:
            self.texts.pop(sha256, None)


def _unpacked(found: IndexWords | None, text: str) -> list[tuple[str, int]] | None:
    if found is None or found[0] != len(text):
        return None
    _, joined, positions = found
    return list(zip(joined.split(WORD_SEP), positions, strict=True)) if positions else []


# ---------------------------------------------------------------------- read-only mode


def is_installed(root: str | os.PathLike[str]) -> bool:
    """Whether the library at `root` was installed from a bundle (and so is read-only)."""
    return (Path(root) / INSTALLED_MARKER).is_file()


def installed_bundle_info(root: str | os.PathLike[str]) -> dict[str, Any] | None:
    """What the install marker records (library id, bundle date, signing key), or None."""
    try:
        info: dict[str, Any] = json.loads((Path(root) / INSTALLED_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info


def read_only_error(root: Path) -> LibraryError:
    """The refusal to write a read-only library, saying why it is read-only."""
    if is_installed(root):
        return LibraryError(f"{root}: 此文献库由文献包安装，是只读的；请安装新的文献包来更新 "
                            "(this library was installed from a bundle and is read-only: "
                            "install a newer bundle to update it)")
    if not _writable(root):
        return LibraryError(f"{root}: 没有写入此文献库的权限，只能检索 (no permission to write this library, "
                            "it was opened read-only: ask its owner to update it, or copy it to a folder of yours)")
    return LibraryError(f"{root}: 文献库以只读方式打开，不能写入 (the library was opened read-only)")


class _ReadOnlyCatalog(Catalog):
    """The catalogue over a ``mode=ro`` SQLite connection: no WAL switch, no upgrade, no writes.

    A WAL catalogue needs its ``-shm`` file even to be read; in a folder nobody may write, with no
    writer running (no ``-wal`` file), it is opened ``immutable`` so that SQLite creates nothing.
    """

    def __init__(self, path: Path) -> None:
        # Deliberately not Catalog.__init__, which switches to WAL and upgrades the tables.
        self.path = path
        wal = path.with_name(path.name + "-wal")
        immutable = "&immutable=1" if not _writable(path.parent) and not wal.exists() else ""
        try:
            conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro" + immutable, uri=True, timeout=30)
            self.db = sqlite_utils.Database(conn)
            version = self.get_meta("catalog_version")
        except sqlite3.DatabaseError as exc:
            raise catalog_error(path, exc) from exc
        if version is None or not OLDEST_READABLE_VERSION <= int(version) <= CATALOG_VERSION:
            self.close()
            raise LibraryError(f"{path}: 目录版本 {version} 与程序版本 {CATALOG_VERSION} 不符，只读文献库无法升级 "
                               f"(catalogue version {version}, this Hanlin uses {CATALOG_VERSION}: "
                               "a read-only library cannot be upgraded)")


def _read_only_catalog(root: Path) -> Catalog:
    if not _catalog_exists(root):
        raise LibraryError(f"{root}: 不是翰林文献库 (not a Hanlin library: no {CATALOG_NAME})")
    return _ReadOnlyCatalog(root / CATALOG_NAME)


def _open_read_only_index(root: Path, index_path: Path) -> SearchIndex:
    """The index as it is: one that would need a rebuild is an error in a read-only library."""
    from indexer import search as searchindex
    with warnings.catch_warnings():
        # Whoosh leaves a table of contents it failed to read open; the collector closes it here.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return searchindex.SearchIndex.open(index_path, create=False)
        except searchindex.IndexNeedsRebuild as exc:
            why = str(exc)
        except Exception as exc:  # noqa: BLE001 -- a damaged table of contents fails inside Whoosh itself
            why = f"{index_path}: 索引无法打开 (the index cannot be opened: {type(exc).__name__}: {exc})"
        gc.collect()
    raise cannot_rebuild_error(why)


def cannot_rebuild_error(why: str) -> LibraryError:
    """The error for a read-only library whose index needs a rebuild: `why`, and what to do."""
    return LibraryError(f"{why}；只读文献库不能重建索引，请重新安装文献包 "
                        "(a read-only library cannot rebuild its index: install the bundle again)")


def _catalog_exists(root: Path) -> bool:
    """Whether `root` holds a catalogue; one that cannot be used as such is a `LibraryError`.

    A 0-byte catalogue (truncated, or a failed copy) would be taken by SQLite for a new empty
    one, and the library's documents, marks and id lost without a word: it is refused instead.
    """
    path = root / CATALOG_NAME
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise LibraryError(f"{root}: 无法访问文献库目录 (cannot access the library folder: "
                           f"{exc.strerror or exc})") from exc
    if not S_ISREG(st.st_mode):
        raise LibraryError(f"{path}: 目录数据库不是普通文件 (the catalogue is not a regular file)")
    if st.st_size == 0:
        raise catalog_error(path, sqlite3.DatabaseError(
            "file is not a database: 0 bytes; restore it from a backup or bundle, or delete it "
            "if the library was never indexed"))
    return True


def _writable(root: Path) -> bool:
    """Whether this process may write the library folder and its catalogue."""
    catalog = root / CATALOG_NAME
    return os.access(root, os.W_OK | os.X_OK) and (not catalog.exists() or os.access(catalog, os.W_OK))


def _check_writable(root: Path) -> None:
    probe = root / ".hanlin-write-test"
    probe.write_bytes(b"")
    probe.unlink()


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _folder_size(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


# ---------------------------------------------------------------------- an indexing run


@dataclass
class IndexSummary:
    """What one `hanlin index` run did."""

    found: int = 0
    indexed: list[str] = field(default_factory=list)
    skipped: int = 0
    duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)
    #: Files read without error that hold no searchable text (scans with OCR off, …): found by name only.
    no_text: list[NoTextFile] = field(default_factory=list)
    pruned: int = 0
    missing: list[str] = field(default_factory=list)
    #: Folders and paths that could not be looked at (no permission, too long, not a regular file).
    unreadable: list[ScanProblem] = field(default_factory=list)
    pages: int = 0
    documents: int = 0
    passages: int = 0
    seconds: float = 0.0
    cancelled: bool = False


def find_pdfs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[str]]:
    """Files named on the command line, and `*.pdf` (any case) under folders, recursively.

    Returns the absolute paths in a stable order without repeats, and the arguments that do not
    exist; `indexer.library.scan.scan_pdfs` also says which paths could not be looked at.
    """
    scan = scan_pdfs(paths)
    return scan.found, scan.missing


class IndexRun:
    """One incremental indexing run over a locked library.

    1. scan: stat every PDF; a path whose size and mtime are unchanged is skipped unhashed; the
       others are hashed, and bytes already catalogued are linked to their path, not extracted;
    2. extract the new contents in the sandbox's worker processes (all cores), storing each
       outcome in the catalogue as it arrives (one transaction per file, ``pending``);
    3. when the passages stored reach `commit_threshold` (or every `commit_files` files when
       given), and at the end, commit the pending files to the index (one writer, in a thread
       of its own), then mark them ``done``.
    """

    def __init__(self, library: Library, *, workers: int | None = None,
                 on_progress: Callable[[IndexProgress], None] | None = None,
                 cancel: threading.Event | None = None,
                 commit_files: int | None = COMMIT_FILES, retry_failed: bool = False, ocr: bool = True,
                 started: StartedWorkers | None = None) -> None:
        self.library = library
        self.ahead = started  # workers the caller started (and stops)
        self.ocr = ocr
        self.commit_files = commit_files
        self.retry_failed = retry_failed
        self.catalog = library.catalog
        self.workers = workers
        self.on_progress = on_progress or (lambda progress: None)
        self.cancel = cancel
        self.progress = IndexProgress()
        self.summary = IndexSummary()
        # Index words the extraction workers made, until the writer takes them.
        self.words = WorkerWords()
        self.started: StartedWorkers | None = None  # workers started ahead of extraction

    def execute(self, paths: Iterable[str | os.PathLike[str]], prune: bool) -> IndexSummary:
        """Scan, extract, store and index; returns the summary."""
        with fewer_collections():
            return self._execute(paths, prune)

    def _execute(self, paths: Iterable[str | os.PathLike[str]], prune: bool) -> IndexSummary:
        from indexer.extract.sandbox import StartedWorkers, pool_size

        started = time.monotonic()
        scan = scan_pdfs(paths)
        found, self.summary.missing, self.summary.unreadable = scan.found, scan.missing, scan.unreadable
        self.summary.found = len(found)
        todo = self._plan(found)
        needed = pool_size(self.workers, len(todo)) if todo else 0
        # The workers start (unless the caller started them) while the index opens and takes what
        # a killed run left pending.
        with contextlib.ExitStack() as stack:
            if self.ahead is not None:
                self.ahead.trim(needed)
                self.started = self.ahead
            else:
                self.started = stack.enter_context(StartedWorkers(needed))
            self.library.sync_index(GROW)  # finish what a killed run left pending
            if prune:
                self._prune()
            self._extract(todo)
        self.library.sync_index(GROW)
        self.catalog.set_meta("last_run_at", str(time.time()))
        self.summary.seconds = time.monotonic() - started
        return self.summary

    # -------------------------------------------------------------- scan

    def _plan(self, found: list[Path]) -> dict[str, list[PathStat]]:
        """Contents to extract (by SHA-256, with every path they were seen under)."""
        known = self.catalog.known_paths()
        retry = {f.sha256 for f in self.catalog.failures()} if self.retry_failed else set()
        if self.ocr:  # pages left unrecognised while OCR was off
            retry |= self.catalog.contents_without_ocr()
        todo: dict[str, list[PathStat]] = {}
        links: list[tuple[str, PathStat]] = []
        for path in found:
            try:
                stat = _stat(path)
                before = known.get(stat.path)
                if (before and (before.size, before.mtime_ns) == (stat.size, stat.mtime_ns)
                        and before.sha256 not in retry):
                    self.summary.skipped += 1
                    continue
                sha256 = sha256_file(path)
            except OSError as exc:
                self._unreadable(path, exc)
                continue
            if self.catalog.has_content(sha256) and sha256 not in retry:
                links.append((sha256, stat))
                self._count_link(sha256, stat, before)
            elif sha256 in todo:
                todo[sha256].append(stat)
                self.summary.duplicates += 1
            else:
                todo[sha256] = [stat]
        self.catalog.link_paths(links)
        self._fix_canonical(links)
        return todo

    def _count_link(self, sha256: str, stat: PathStat, before: KnownPath | None) -> None:
        if before is not None and before.sha256 == sha256:
            self.summary.skipped += 1  # touched, same bytes
        else:
            self.summary.duplicates += 1

    def _fix_canonical(self, links: list[tuple[str, PathStat]]) -> None:
        """A content whose shown path is gone is shown under a path it was just seen at."""
        for sha256, stat in links:
            shown = self.catalog.content_path(sha256)
            if shown != stat.path and not os.path.exists(shown or ""):
                self.catalog.set_canonical_path(sha256, stat.path)

    def _unreadable(self, path: Path, exc: OSError) -> None:
        key = "unreadable-" + hashlib.sha256(os.fsencode(path)).hexdigest()
        error = ExtractionError(str(path), "unreadable", f"无法读取文件 (cannot read the file: {exc.strerror})")
        self.catalog.store_failure(key, [PathStat(str(path), 0, 0)], error)
        self.summary.failed.append(Failure(str(path), key, error.reason, error.message))

    def _prune(self) -> None:
        gone = [path for path in self.catalog.all_paths() if not os.path.exists(path)]
        self.summary.pruned = self.catalog.prune(gone)

    # -------------------------------------------------------------- extract and store

    def _extract(self, todo: dict[str, list[PathStat]]) -> None:
        from indexer.extract.sandbox import pool_size

        if not todo:
            return
        by_path = {stats[0].path: (sha256, stats) for sha256, stats in todo.items()}
        self.progress.files_total = len(todo)
        self.progress.bytes_total = sum(stats[0].size for stats in todo.values())
        self.progress.phase = "extract"
        self.progress.started = time.monotonic()
        indexed, waiting, stored = self.catalog.count_indexed_passages(), 0, 0
        early = tail_commits(len(todo), pool_size(self.workers, len(todo)))
        ahead = self.commit_files is None  # one commit ahead of the end (`commit_ahead`) is still to come
        with IndexFlusher(self.library, self.words) as flusher:
            for ended, (path, outcome) in enumerate(
                    self._outcomes(list(by_path), {p: sha for p, (sha, _) in by_path.items()}), 1):
                sha256, stats = by_path[path]
                self._store(sha256, stats, outcome)
                flusher.feed()
                stored += 1
                if not isinstance(outcome, ExtractionError):
                    waiting += sum(len(d.passages) for d in outcome.documents)
                due = stored >= self.commit_files if self.commit_files else waiting >= commit_threshold(indexed)
                if ahead and not due and commit_ahead(waiting, self.progress.eta_seconds()):
                    due, ahead = True, False
                if due or (ended in early and waiting):
                    flusher.request()
                    indexed, waiting, stored = indexed + waiting, 0, 0
        if self.cancel is not None and self.cancel.is_set():
            self.summary.cancelled = True

    def _outcomes(self, paths: list[str],
                  shas: dict[str, str]) -> Iterator[tuple[str, ExtractResult | ExtractionError]]:
        from indexer.extract.sandbox import extract_files

        sizes = {path: os.path.getsize(path) if os.path.exists(path) else 0 for path in paths}

        def on_page(path: str, page: int, total: int) -> None:
            self.progress.page_done(path, page, total, sizes.get(path, 0))
            self.on_progress(self.progress)

        def on_ocr(path: str, page: dict[str, Any] | None, done: int, total: int) -> None:
            if page is not None:  # kept at once: a cancelled run resumes from here
                self.catalog.store_ocr_page(shas[path], page)
            self.progress.ocr_done(path, done, total)
            self.on_progress(self.progress)

        from indexer.search.segmenting import words

        yield from extract_files(paths, workers=self.workers, on_page=on_page, cancel=self.cancel, ocr=self.ocr,
                                 on_ocr=on_ocr, ocr_cache=lambda path: self.catalog.ocr_cache(shas[path]),
                                 segment=words, started=self.started)

    def _store(self, sha256: str, stats: list[PathStat], outcome: ExtractResult | ExtractionError) -> None:
        failed = isinstance(outcome, ExtractionError)
        if isinstance(outcome, ExtractionError):
            self.catalog.store_failure(sha256, stats, outcome)
            self.summary.failed.append(Failure(stats[0].path, sha256, outcome.reason, outcome.message))
        else:
            self.catalog.store_result(sha256, stats, outcome)
            self.words.keep(sha256, outcome)
            self.summary.indexed.append(stats[0].path)
            no_text = next((w for w in outcome.warnings if w.code == NO_TEXT_CODE), None)
            if no_text is not None:
                self.summary.no_text.append(NoTextFile(stats[0].path, sha256, NO_TEXT_CODE, no_text.message))
            self.summary.pages += outcome.pages
            self.summary.documents += len(outcome.documents)
            self.summary.passages += sum(len(d.passages) for d in outcome.documents)
        self.progress.file_done(stats[0].path, stats[0].size, failed)
        self.on_progress(self.progress)


class IndexFlusher:
    """The one index writer of a run, in a thread of its own, so extraction goes on while it writes.

    `feed()` says a file's outcome is in the catalogue: its passages go into the open writer at
    once. `request()` says a commit is due: the writer commits what it holds (files stored
    meanwhile go into the next commit). Leaving the `with` block makes a last commit and waits
    for it; an error in the thread is raised there, in the caller's thread, and stops further
    commits.
    """

    def __init__(self, library: Library, words: WorkerWords | None = None) -> None:
        self.library = library
        self.words = words
        self.index = library.search_index()
        self.changed = threading.Condition()
        self.fed = False  # a file was stored since the writer last looked
        self.due = False  # a commit was asked for
        self.stopping = False
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="hanlin-index-writer", daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> Literal[False]:
        with self.changed:
            self.stopping = True
            self.changed.notify()
        self.thread.join()
        if self.error is not None:
            if exc is None:
                raise self.error
            exc.add_note(f"hanlin: the index writer failed too: {self.error!r}")
        return False

    def feed(self) -> None:
        """A file's outcome was stored; raises at once if the writer thread has failed."""
        self._signal("fed")

    def request(self) -> None:
        """Ask for a commit; raises at once if the writer thread has failed."""
        self._signal("due")

    def _signal(self, flag: str) -> None:
        if self.error is not None:
            raise self.error
        with self.changed:
            setattr(self, flag, True)
            self.changed.notify()

    def _wait(self) -> None:
        self.changed.wait_for(lambda: self.fed or self.due or self.stopping)

    def _more(self) -> bool:
        """Wait for another stored file (True) or for the commit to be due (False)."""
        with self.changed:
            self._wait()
            if self.due or self.stopping:
                self.due = False
                return False
            self.fed = False
            return True

    def _run(self) -> None:
        catalog = None
        try:
            catalog = Catalog(self.library.catalog_path)
            while True:
                with self.changed:
                    self._wait()
                    self.fed = False
                    stopping = self.stopping
                if catalog.needing_index():
                    self.library._write_gradually(self.index, catalog, self.words, self._more)
                elif stopping:
                    return
                else:
                    with self.changed:
                        self.due = False  # nothing to commit
        except BaseException as exc:  # noqa: BLE001 -- re-raised in the caller's thread by request()/__exit__
            self.error = exc
        finally:
            if catalog is not None:
                catalog.close()


def _stat(path: Path) -> PathStat:
    st = path.stat()
    return PathStat(str(path), st.st_size, st.st_mtime_ns)
