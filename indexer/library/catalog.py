"""The SQLite catalogue of a library: the source of truth the search index is built from.

Tables (sqlite-utils, WAL journal):

- ``files``: one row per distinct file content (keyed by SHA-256): its canonical path, size,
  pages, status (``ok``/``failed``), error reason and message, extraction warnings, and
  ``index_state`` — ``pending`` (stored here, not yet committed to the index), ``done``, or
  ``deleting`` (its passages are gone from here and must go from the index);
- ``paths``: every path seen on disk, with the size and mtime it had when hashed, pointing at
  its content (the same bytes under two paths are extracted and indexed once);
- ``documents`` and ``passages``: what extraction found in each content;
- ``page_texts``: the normalised text of every page (passage offsets point into it; notes
  re-anchor against it), and in ``files`` the body size and removed header/footer lines
  that `indexer.extract.locate` needs to rebuild a page with character boxes;
- ``meta``: key/value pairs (catalogue version, index schema version, last run, the order of
  classification marks);
- ``doc_marks``: the classification mark of each marked document (see `indexer.library.marks`; added
  without a version change, so a catalogue may lack it until opened for writing).
- ``ocr_pages`` and ``passages.ocr`` (`_OCR_SCHEMA`, a migration step of its own, also without a version
  change): every page recognised by OCR, by content hash and page — the recognised lines with a box
  per character (`indexer.extract.ocr.OcrPage` as JSON), its engine and mean confidence, and whether the
  stored extraction uses it (``used``). Pages are stored as each is recognised, before the file's
  result: a cancelled or killed run resumes without recognising them again. ``passages.ocr`` is the
  mean confidence of an OCR passage's pages (NULL for text from a text layer).

Every method that writes runs in one transaction, so a crash leaves the previous state.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import sqlite_utils

from indexer.errors import ExtractionError, LibraryError
from indexer.extract.model import ExtractResult
from indexer.library import marks
from indexer.library.pathcodec import from_db, to_db
from indexer.meta import DETAIL_KEYS

#: The catalogue's file name in a library folder.
CATALOG_NAME = "catalog.db"
CATALOG_VERSION = 4
#: The oldest catalogue version read without upgrading it (read-only and installed libraries,
#: bundles): version 2 lacks ``documents.issue`` and version 3 the columns of version 4
#: (issuer, date, journal, volume, pages, affiliations, degree, institution, supervisor); a
#: missing column reads as '' (affiliations as []).
OLDEST_READABLE_VERSION = 2

PENDING, DONE, DELETING = "pending", "done", "deleting"
OK, FAILED = "ok", "failed"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER, pages INTEGER DEFAULT 0,
    status TEXT NOT NULL, error_reason TEXT, error_message TEXT, warnings TEXT DEFAULT '[]',
    documents INTEGER DEFAULT 0, passages INTEGER DEFAULT 0,
    extracted_at REAL, indexed_at REAL, index_state TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS files_index_state ON files(index_state);
CREATE TABLE IF NOT EXISTS paths (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, seen_at REAL
);
CREATE INDEX IF NOT EXISTS paths_sha256 ON paths(sha256);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, file_sha256 TEXT NOT NULL, ordinal INTEGER, title TEXT,
    authors TEXT, source TEXT, keywords TEXT, abstract TEXT, year INTEGER, doc_type TEXT,
    doc_number TEXT, first_page INTEGER, last_page INTEGER, issue TEXT,
    issuer TEXT, date TEXT, journal TEXT, volume TEXT, pages TEXT, affiliations TEXT, degree TEXT,
    institution TEXT, supervisor TEXT
);
CREATE INDEX IF NOT EXISTS documents_file ON documents(file_sha256);
CREATE TABLE IF NOT EXISTS passages (
    passage_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, file_sha256 TEXT NOT NULL,
    ordinal INTEGER, page INTEGER, end_page INTEGER, start INTEGER, "end" INTEGER, text TEXT
);
CREATE INDEX IF NOT EXISTS passages_file ON passages(file_sha256);
CREATE TABLE IF NOT EXISTS page_texts (
    file_sha256 TEXT NOT NULL, page INTEGER NOT NULL, text TEXT, PRIMARY KEY (file_sha256, page)
);
"""

# Columns added after version 1, with their types: (table, column, type). Version 3: documents.issue;
# version 4: the documents' issuer, date and the details of papers and theses (`DETAIL_KEYS`).
_ADDED_COLUMNS = [("files", "body_size", "REAL"), ("files", "furniture", "TEXT"), ("documents", "issue", "TEXT"),
                  *(("documents", key, "TEXT") for key in DETAIL_KEYS)]
#: The document columns a catalogue of an older version may lack, read as '' when it does.
OPTIONAL_COLUMNS = ("issue", *DETAIL_KEYS)

# OCR (added without a version change, like doc_marks): the pages recognised, and each passage's confidence.
_OCR_SCHEMA = """
CREATE TABLE IF NOT EXISTS ocr_pages (
    file_sha256 TEXT NOT NULL, page INTEGER NOT NULL, engine TEXT, confidence REAL, used INTEGER DEFAULT 0,
    data TEXT, recognised_at REAL, PRIMARY KEY (file_sha256, page)
)
"""
_OCR_COLUMN = ("passages", "ocr", "REAL")
#: The page-0 warning of a file that ended with no searchable text (`indexer.extract.pipeline`).
NO_TEXT_CODE = "no_searchable_text"


class CatalogStats(TypedDict):
    """`Catalog.stats`: what the catalogue holds."""

    files_ok: int
    files_failed: int
    paths: int
    documents: int
    passages: int
    pages: int
    pending_index: int
    last_indexed_at: float | None
    files_no_text: int


@dataclass(frozen=True)
class PathStat:
    """A path on disk with the size and modification time it had when it was hashed."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class KnownPath:
    """A `paths` row: what the catalogue remembers about a path."""

    path: str
    sha256: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class NoTextFile:
    """A file that was read but holds no searchable text (a scan with OCR off, …): why, for people."""

    path: str
    sha256: str
    reason: str
    message: str


@dataclass(frozen=True)
class Failure:
    """A file that could not be extracted, with the reason."""

    path: str
    sha256: str
    reason: str
    message: str


class Catalog:
    """An open catalogue database; `Catalog(path)` creates the tables when they are missing."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
            self.db = sqlite_utils.Database(conn)
            if self.db.journal_mode != "wal":
                self.db.enable_wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise catalog_error(self.path, exc) from exc

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # ------------------------------------------------------------------ meta

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """A value from the `meta` table."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the `meta` table."""
        with self.db.atomic():
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [key, value])

    # ------------------------------------------------------------------ reading

    def known_paths(self) -> dict[str, KnownPath]:
        """Every remembered path whose content is still catalogued, by path."""
        rows = self.db.execute(
            "SELECT p.path, p.sha256, p.size, p.mtime_ns FROM paths p "
            "JOIN files f ON f.sha256 = p.sha256 WHERE f.index_state != ?", [DELETING]
        )
        return {from_db(r[0]): KnownPath(from_db(r[0]), *r[1:]) for r in rows}

    def all_paths(self) -> list[str]:
        """Every remembered path."""
        return [from_db(r[0]) for r in self.db.execute("SELECT path FROM paths ORDER BY path")]

    def has_content(self, sha256: str) -> bool:
        """Whether this content is already catalogued (extracted, whether it worked or not)."""
        row = self.db.execute(
            "SELECT 1 FROM files WHERE sha256 = ? AND index_state != ?", [sha256, DELETING]
        ).fetchone()
        return row is not None

    def content_path(self, sha256: str) -> str | None:
        """The canonical path of a content."""
        row = self.db.execute("SELECT path FROM files WHERE sha256 = ?", [sha256]).fetchone()
        return from_db(row[0]) if row else None

    def needing_index(self) -> list[tuple[str, str]]:
        """`(sha256, index_state)` of the contents whose index entries are not up to date."""
        return [tuple(r) for r in self.db.execute(
            "SELECT sha256, index_state FROM files WHERE index_state IN (?, ?) ORDER BY rowid",
            [PENDING, DELETING],
        )]

    def passage_counts(self) -> dict[str, int]:
        """Passages of each content waiting to be written to the index (by SHA-256)."""
        return {r[0]: r[1] or 0 for r in self.db.execute(
            "SELECT sha256, passages FROM files WHERE index_state = ?", [PENDING])}

    def indexable(self) -> list[str]:
        """SHA-256 of every content that belongs in the index (all but those being deleted)."""
        return [r[0] for r in self.db.execute(
            "SELECT sha256 FROM files WHERE index_state != ? AND status = ? ORDER BY rowid",
            [DELETING, OK],
        )]

    def indexable_passages(self) -> dict[str, int]:
        """Passages of every content that belongs in the index, by SHA-256 (in catalogue order)."""
        return {r[0]: r[1] or 0 for r in self.db.execute(
            "SELECT sha256, passages FROM files WHERE index_state != ? AND status = ? ORDER BY rowid",
            [DELETING, OK])}

    def check_integrity(self) -> None:
        """Read every page of the catalogue (`PRAGMA quick_check`); raise `LibraryError` if damaged.

        It reads the whole file (about 0.4 s for 8 MB), so it runs on `hanlin status`, on bundle
        creation and installation, not on every search.
        """
        try:
            rows = [r[0] for r in self.db.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise catalog_error(self.path, exc) from exc
        if rows != ["ok"]:
            raise catalog_error(self.path, sqlite3.DatabaseError("database disk image is malformed: "
                                                                 + "; ".join(rows[:3])))

    def page_text(self, sha256: str, page: int) -> str | None:
        """The stored normalised text of one page (1-based) of a content, if any."""
        row = self.db.execute("SELECT text FROM page_texts WHERE file_sha256 = ? AND page = ?",
                              [sha256, page]).fetchone()
        return row[0] if row else None

    def layout_params(self, sha256: str) -> tuple[float, dict[int, list[str]]] | None:
        """(body size, removed lines per page) of a content, for `indexer.extract.locate.page_text`."""
        row = self.db.execute("SELECT body_size, furniture FROM files WHERE sha256 = ?", [sha256]).fetchone()
        if not row or row[0] is None:
            return None
        return float(row[0]), {int(k): v for k, v in json.loads(row[1] or "{}").items()}

    def passage_rows(self, sha256: str) -> Iterator[dict[str, Any]]:
        """The passages of one content joined with their document and file, in reading order."""
        cursor = self.db.execute(
            "SELECT p.passage_id, p.doc_id, p.file_sha256, f.path AS file, p.page, p.end_page, "
            "p.start, p.\"end\", p.ordinal, p.text, d.title, d.authors, d.source, d.keywords, "
            f"d.abstract, d.year, d.doc_type, d.doc_number, {optional_columns(self.db.conn, 'd.')} "
            "FROM passages p JOIN documents d ON d.doc_id = p.doc_id "
            "JOIN files f ON f.sha256 = p.file_sha256 "
            "WHERE p.file_sha256 = ? ORDER BY d.ordinal, p.ordinal", [sha256],
        )
        names = [c[0] for c in cursor.description]
        for row in cursor:
            item = dict(zip(names, row))
            item["file"] = from_db(item["file"])
            item["authors"] = json.loads(item["authors"] or "[]")
            item["keywords"] = json.loads(item["keywords"] or "[]")
            item["affiliations"] = json.loads(item["affiliations"] or "[]")
            yield item

    def count_indexed_passages(self) -> int:
        """Passages of every content whose index entries are committed."""
        count: int = self.db.execute(
            "SELECT COUNT(*) FROM passages p JOIN files f ON f.sha256 = p.file_sha256 "
            "WHERE f.index_state = ?", [DONE]
        ).fetchone()[0]
        return count

    def failures(self) -> list[Failure]:
        """Every catalogued file that could not be extracted, by path."""
        rows = self.db.execute(
            "SELECT path, sha256, error_reason, error_message FROM files "
            "WHERE status = ? AND index_state != ? ORDER BY path", [FAILED, DELETING]
        )
        return [Failure(from_db(r[0]), *r[1:]) for r in rows]

    def no_text_files(self) -> list[NoTextFile]:
        """Every catalogued file that yielded no searchable text, by path, with the reason."""
        rows = self.db.execute(
            "SELECT path, sha256, warnings FROM files WHERE status = ? AND index_state != ? AND warnings LIKE ? "
            "ORDER BY path", [OK, DELETING, f'%"{NO_TEXT_CODE}"%'])
        out = []
        for path, sha256, warnings in rows:
            items = json.loads(warnings or "[]")
            message = next((w["message"] for w in items if w.get("code") == NO_TEXT_CODE), "")
            codes = [w.get("code") for w in items]
            reason = next((c for c in ("ocr_off", "ocr_unavailable", "ocr_error", "ocr_empty") if c in codes), "no_text")
            out.append(NoTextFile(from_db(path), sha256, reason, message))
        return out

    def contents_without_ocr(self) -> set[str]:
        """Contents with pages left unrecognised because OCR was off: extracted again when it is on."""
        return {r[0] for r in self.db.execute(
            "SELECT sha256 FROM files WHERE status = ? AND index_state != ? AND warnings LIKE ?",
            [OK, DELETING, '%"ocr_off"%'])}

    def ocr_cache(self, sha256: str) -> dict[int, dict[str, Any]]:
        """The pages of a content recognised before (page → `OcrPage.to_json()`)."""
        if not self._has_ocr_table():
            return {}
        rows = self.db.execute("SELECT page, data FROM ocr_pages WHERE file_sha256 = ?", [sha256])
        return {int(page): json.loads(data) for page, data in rows if data}

    def stats(self) -> CatalogStats:
        """Counts for `hanlin status`."""

        def one(sql: str) -> Any:  # the one value a query answers
            return self.db.execute(sql).fetchone()[0]

        live = "index_state != 'deleting'"
        return {
            "files_ok": one(f"SELECT COUNT(*) FROM files WHERE status = 'ok' AND {live}"),
            "files_failed": one(f"SELECT COUNT(*) FROM files WHERE status = 'failed' AND {live}"),
            "paths": one("SELECT COUNT(*) FROM paths"),
            "documents": one("SELECT COUNT(*) FROM documents"),
            "passages": one("SELECT COUNT(*) FROM passages"),
            "pages": one(f"SELECT COALESCE(SUM(pages), 0) FROM files WHERE status = 'ok' AND {live}"),
            "pending_index": one("SELECT COUNT(*) FROM files WHERE index_state != 'done'"),
            "files_no_text": one(f"SELECT COUNT(*) FROM files WHERE status = 'ok' AND {live} "
                                 f"AND warnings LIKE '%\"{NO_TEXT_CODE}\"%'"),
            "last_indexed_at": one("SELECT MAX(indexed_at) FROM files"),
        }

    # ------------------------------------------------------------------ writing

    def store_result(self, sha256: str, stats: list[PathStat], result: ExtractResult) -> None:
        """Store what extraction found in one content, seen under `stats`; its index entry is pending."""
        now = time.time()
        docs, passages = _rows(sha256, result)
        with self._writing():
            self._drop_content_rows(sha256)
            self.db.table("files").insert({
                "sha256": sha256, "path": to_db(stats[0].path), "size": stats[0].size, "pages": result.pages,
                "status": OK, "error_reason": None, "error_message": None,
                "warnings": json.dumps([w.__dict__ for w in result.warnings], ensure_ascii=False),
                "documents": len(docs), "passages": len(passages),
                "extracted_at": now, "indexed_at": None, "index_state": PENDING,
                "body_size": result.body_size,
                "furniture": json.dumps({str(k): v for k, v in result.furniture.items()}, ensure_ascii=False),
            }, replace=True)
            self.db.table("documents").insert_all(docs)
            self.db.table("passages").insert_all(passages)
            self.db.table("page_texts").insert_all(
                {"file_sha256": sha256, "page": n, "text": text} for n, text in enumerate(result.page_texts, 1)
            )
            self.db.execute("UPDATE ocr_pages SET used = 0 WHERE file_sha256 = ?", [sha256])
            for page in result.ocr_pages:
                self.db.execute("UPDATE ocr_pages SET used = 1 WHERE file_sha256 = ? AND page = ?", [sha256, page])
            self._link(sha256, stats, now)

    def store_ocr_page(self, sha256: str, page: dict[str, Any]) -> None:
        """Keep one recognised page (`OcrPage.to_json()`) of a content, as soon as it is recognised."""
        lines = page.get("lines", [])
        chars = sum(len(line["t"]) for line in lines)
        confidence = sum(len(line["t"]) * line["c"] for line in lines) / chars if chars else 0.0
        with self._writing():
            self.db.execute(
                "INSERT OR REPLACE INTO ocr_pages(file_sha256, page, engine, confidence, used, data, recognised_at) "
                "VALUES (?, ?, ?, ?, 0, ?, ?)",
                [sha256, int(page["number"]), page.get("engine", ""), round(confidence, 4),
                 json.dumps(page, ensure_ascii=False), time.time()])

    def store_failure(self, sha256: str, stats: list[PathStat], error: ExtractionError) -> None:
        """Record a content that could not be extracted (it has nothing to index)."""
        now = time.time()
        with self._writing():
            self._drop_content_rows(sha256)
            self.db.table("files").insert({
                "sha256": sha256, "path": to_db(stats[0].path), "size": stats[0].size, "pages": 0,
                "status": FAILED, "error_reason": error.reason, "error_message": error.message,
                "warnings": "[]", "documents": 0, "passages": 0,
                "extracted_at": now, "indexed_at": now, "index_state": DONE,
            }, replace=True)
            self._link(sha256, stats, now)

    def link_paths(self, links: Iterable[tuple[str, PathStat]]) -> None:
        """Point paths at contents already catalogued (unchanged or duplicate files)."""
        with self._writing():
            now = time.time()
            for sha256, stat in links:
                self._link(sha256, [stat], now)

    def prune(self, gone: Iterable[str]) -> int:
        """Forget paths that no longer exist; contents left without a path are dropped."""
        gone = list(gone)
        with self._writing():
            shas = self._shas_of(gone)
            for path in gone:
                self.db.execute("DELETE FROM paths WHERE path = ?", [to_db(path)])
            self._collect_orphans(shas)
        return len(gone)

    def set_canonical_path(self, sha256: str, path: str) -> None:
        """Show a content under another of its paths; its index entries must be rewritten."""
        with self._writing():
            self._move_canonical(sha256, path)

    def mark_indexed(self, added: Iterable[str], deleted: Iterable[str]) -> None:
        """After an index commit: `added` contents are done, `deleted` ones are forgotten."""
        now = time.time()
        with self._writing():
            for sha256 in added:
                self.db.execute(
                    "UPDATE files SET index_state = ?, indexed_at = ? WHERE sha256 = ? AND index_state = ?",
                    [DONE, now, sha256, PENDING],
                )
            for sha256 in deleted:
                self.db.execute("DELETE FROM files WHERE sha256 = ? AND index_state = ?", [sha256, DELETING])

    def mark_all_pending(self) -> None:
        """Every content must be written to the index again (the index is being rebuilt)."""
        with self._writing():
            self.db.execute("UPDATE files SET index_state = ? WHERE index_state = ?", [PENDING, DONE])

    def mark_rebuilt(self) -> None:
        """A rebuilt index holds every content: pending ones are done, deleting ones are forgotten."""
        with self._writing():
            self.db.execute("UPDATE files SET index_state = ?, indexed_at = ? WHERE index_state = ?",
                            [DONE, time.time(), PENDING])
            self.db.execute("DELETE FROM files WHERE index_state = ?", [DELETING])

    def set_marks(self, doc_ids: Iterable[str], mark: str, set_by: str) -> list[str]:
        """Give documents a classification mark (one transaction); unknown ids raise `MarkError`."""
        with self._writing():
            return marks.write_marks(self.db.conn, doc_ids, mark, set_by)

    def clear_marks(self, doc_ids: Iterable[str]) -> list[str]:
        """Remove documents' marks; returns the ids that had one."""
        with self._writing():
            return marks.delete_marks(self.db.conn, doc_ids)

    def set_mark_levels(self, levels: Iterable[str]) -> None:
        """Store the ordered list of marks (lowest first)."""
        self.set_meta(marks.LEVELS_META_KEY, json.dumps(list(levels), ensure_ascii=False))

    # ------------------------------------------------------------------ internals

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction; storage errors (full disk, read-only folder) become `LibraryError`."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.DatabaseError as exc:
            raise catalog_error(self.path, exc) from exc

    def _migrate(self) -> None:
        version = None
        if "meta" in self.db.table_names():
            version = self.get_meta("catalog_version")
        if version is not None and int(version) > CATALOG_VERSION:
            raise LibraryError(f"{self.path}: 文献库由更新版本的翰林创建 (library made by a newer Hanlin, "
                               f"catalogue version {version} > {CATALOG_VERSION})")
        if version == str(CATALOG_VERSION) and marks.has_table(self.db.conn) and self._has_ocr_table():
            return  # up to date: opening takes no write lock (searches while indexing)
        with self.db.atomic():
            for statement in (_SCHEMA + marks.TABLE_SQL).split(";"):
                if statement.strip():
                    self.db.execute(statement)
            for table, column, kind in _ADDED_COLUMNS:
                if column not in self.db[table].columns_dict:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('catalog_version', ?)",
                            [str(CATALOG_VERSION)])
            self._migrate_ocr()

    def _migrate_ocr(self) -> None:
        """The OCR step: the table of recognised pages and the confidence of OCR passages."""
        self.db.execute(_OCR_SCHEMA)
        table, column, kind = _OCR_COLUMN
        if column not in self.db[table].columns_dict:
            self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")

    def _has_ocr_table(self) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ocr_pages'").fetchone() \
            is not None

    def _index_state(self, sha256: str) -> str | None:
        row = self.db.execute("SELECT index_state FROM files WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def _drop_content_rows(self, sha256: str) -> None:
        self.db.execute("DELETE FROM passages WHERE file_sha256 = ?", [sha256])
        self.db.execute("DELETE FROM documents WHERE file_sha256 = ?", [sha256])
        self.db.execute("DELETE FROM page_texts WHERE file_sha256 = ?", [sha256])

    def _shas_of(self, paths: list[str]) -> set[str]:
        shas = set()
        for path in paths:
            row = self.db.execute("SELECT sha256 FROM paths WHERE path = ?", [to_db(path)]).fetchone()
            if row:
                shas.add(row[0])
        return shas

    def _link(self, sha256: str, stats: list[PathStat], now: float) -> None:
        """Point paths at a content; contents they pointed at before may become orphans."""
        previous = self._shas_of([s.path for s in stats]) - {sha256}
        for stat in stats:
            self.db.execute(
                "INSERT OR REPLACE INTO paths(path, sha256, size, mtime_ns, seen_at) VALUES (?, ?, ?, ?, ?)",
                [to_db(stat.path), sha256, stat.size, stat.mtime_ns, now],
            )
        for old in previous:  # the file at this path changed: its documents' marks follow it
            marks.carry_marks(self.db.conn, old, sha256)
        self._collect_orphans(previous)

    def _collect_orphans(self, shas: Iterable[str]) -> None:
        """Contents no path points at: drop their rows and mark them for deletion from the index."""
        for sha256 in shas:
            rest = [from_db(r[0]) for r in
                    self.db.execute("SELECT path FROM paths WHERE sha256 = ? ORDER BY path", [sha256])]
            if rest:
                if self.content_path(sha256) not in rest:
                    self._move_canonical(sha256, rest[0])
                continue
            self._drop_content_rows(sha256)
            self.db.execute("DELETE FROM ocr_pages WHERE file_sha256 = ?", [sha256])
            self.db.execute("UPDATE files SET index_state = ?, passages = 0, documents = 0 WHERE sha256 = ?",
                            [DELETING, sha256])

    def _move_canonical(self, sha256: str, path: str) -> None:
        state = self._index_state(sha256)
        self.db.execute("UPDATE files SET path = ?, index_state = ? WHERE sha256 = ?",
                        [to_db(path), PENDING if state == DONE else state, sha256])


def catalog_error(path: Path, exc: BaseException) -> LibraryError:
    """A storage error explained: full disk, read-only folder, corrupt or locked database."""
    text = str(exc).lower()
    if "full" in text:
        why = "磁盘已满，已存入的内容未受影响 (disk is full; what was already stored is intact)"
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        why = "无法写入文献库目录 (cannot write the library folder)"
    elif "locked" in text or "busy" in text:
        why = "文献库正被另一个程序使用 (the library is busy in another process)"
    elif "disk i/o error" in text:
        why = ("磁盘已满、超出文件大小限制或磁盘出错，已存入的内容未受影响 "
               "(the disk is full, a file size limit was reached or the disk failed; what was already stored is intact)")
    elif "not a database" in text or "malformed" in text or "could not decode" in text:
        why = "目录数据库已损坏 (the catalogue database is corrupt)"
    else:
        why = "无法读写目录数据库 (cannot read or write the catalogue)"
    return LibraryError(f"{path}: {why}: {exc}")


def passage_id(sha256: str, document: int, passage: int) -> str:
    """The id of a file's `document`-th document's `passage`-th passage (both from 0)."""
    return f"{sha256[:16]}-{document}-{passage}"


def _rows(sha256: str, result: ExtractResult) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The `documents` and `passages` rows of one extraction result."""
    docs: list[dict[str, Any]] = []
    passages: list[dict[str, Any]] = []
    for d_ord, doc in enumerate(result.documents):
        doc_id = f"{sha256[:16]}-{d_ord}"
        docs.append({
            "doc_id": doc_id, "file_sha256": sha256, "ordinal": d_ord, "title": doc.title,
            "authors": json.dumps(doc.authors, ensure_ascii=False), "source": doc.source,
            "keywords": json.dumps(doc.keywords, ensure_ascii=False), "abstract": doc.abstract,
            "year": doc.year, "doc_type": doc.doc_type, "doc_number": doc.doc_number,
            "issue": doc.issue, "first_page": doc.first_page, "last_page": doc.last_page,
            **{key: getattr(doc.meta, key) for key in DETAIL_KEYS},
            "affiliations": json.dumps(doc.meta.affiliations, ensure_ascii=False),
        })
        for p_ord, p in enumerate(doc.passages):
            passages.append({
                "passage_id": passage_id(sha256, d_ord, p_ord), "doc_id": doc_id, "file_sha256": sha256,
                "ordinal": p_ord, "page": p.page, "end_page": p.end_page, "start": p.start,
                "end": p.end, "text": p.text, "ocr": p.ocr,
            })
    return docs, passages


def optional_columns(conn: sqlite3.Connection, prefix: str = "") -> str:
    """The SQL selecting `OPTIONAL_COLUMNS` (``issue``, the version 4 details) by name: each column,
    or '' in a catalogue from before it existed (`prefix` is the table's alias, ``d.``)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
    return ", ".join(f"COALESCE({prefix}{name}, '') AS {name}" if name in columns else f"'' AS {name}"
                     for name in OPTIONAL_COLUMNS)
