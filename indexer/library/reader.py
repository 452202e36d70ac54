"""Read-only views of a library's catalogue for the reader and the search box.

The GUI asks for one document with its passages and classification mark, the marks of a
page of search hits (`marks(doc_ids)`) and the library's mark order, the stored text of pages, what
`indexer.extract.locate.page_text` needs to rebuild a page, author counts over a set of documents,
and words for search-box completion. `CatalogReader` opens the catalogue read-only, so it
never takes the write lock and may run in any thread (one reader per thread: SQLite
connections are not shared between threads).
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from indexer.errors import LibraryError
from indexer.library import marks
from indexer.library.catalog import CATALOG_NAME, OPTIONAL_COLUMNS, optional_columns
from indexer.library.marks import MarkLevels
from indexer.library.pathcodec import from_db
from indexer.meta import DocumentMeta, WithMeta
from indexer.search import SearchResults


@dataclass(frozen=True)
class PassageInfo:
    """One passage of a document: where it sits (page offsets) and its text."""

    passage_id: str
    doc_id: str
    ordinal: int
    page: int
    end_page: int
    start: int
    end: int
    text: str


@dataclass
class FileInfo:
    """One catalogued content: its shown path, pages and layout parameters for `indexer.extract.locate`."""

    sha256: str
    path: str
    pages: int
    body_size: float
    furniture: dict[int, list[str]] = field(default_factory=dict)
    #: Pages whose text was recognised by OCR, with the mean confidence of each (0–1).
    ocr_pages: dict[int, float] = field(default_factory=dict)


@dataclass
class DocumentInfo(WithMeta):
    """One document's metadata (`meta`, read as `info.title`…) and the file it belongs to."""

    doc_id: str
    file_sha256: str
    meta: DocumentMeta
    keywords: list[str]
    first_page: int
    last_page: int
    file: FileInfo
    #: The classification mark the librarian set ('' = none), see `indexer.library.marks`.
    mark: str = ""


class CatalogReader:
    """A read-only connection to the catalogue of the library folder `library_dir`."""

    def __init__(self, library_dir: str | os.PathLike[str]):
        path = Path(library_dir) / CATALOG_NAME
        if not path.is_file():
            raise LibraryError(f"{library_dir}: 不是翰林文献库 (not a Hanlin library)")
        uri = path.resolve().as_uri() + "?mode=ro"
        try:
            self.db = sqlite3.connect(uri, uri=True, timeout=30)
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{path}: 无法读取目录数据库 (cannot read the catalogue): {exc}") from exc

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def own_synonyms(self) -> str:
        """The library's own synonym entries (`indexer.library.library.Library.own_synonyms`; '' when none)."""
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'synonyms'").fetchone()
        except sqlite3.DatabaseError:
            return ""
        return str(row[0]) if row and row[0] else ""

    @functools.cached_property
    def _optional(self) -> str:
        """The SQL for the columns older catalogues lack, looked up once: a catalogue's schema does not
        change while read."""
        return optional_columns(self.db)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def file(self, sha256: str) -> FileInfo | None:
        """A content's shown path, page count and layout parameters; None if unknown."""
        row = self.db.execute("SELECT sha256, path, pages, body_size, furniture FROM files WHERE sha256 = ?",
                              [sha256]).fetchone()
        if row is None:
            return None
        furniture = {int(k): v for k, v in json.loads(row[4] or "{}").items()}
        ocr: dict[int, float] = {}
        if self._has_ocr:
            ocr = dict(self.db.execute("SELECT page, confidence FROM ocr_pages WHERE file_sha256 = ? AND used = 1",
                                       [sha256]).fetchall())
        return FileInfo(row[0], from_db(row[1]), row[2] or 0, float(row[3] or 0.0), furniture, ocr)

    def document(self, doc_id: str) -> DocumentInfo | None:
        """One document with its file; None if the catalogue no longer holds it."""
        row = self.db.execute(
            "SELECT doc_id, file_sha256, title, authors, source, keywords, year, doc_type, doc_number, "
            f"first_page, last_page, {self._optional} FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        if row is None:
            return None
        info = self.file(row[1])
        if info is None:
            return None
        details = dict(zip(OPTIONAL_COLUMNS, row[11:], strict=True))
        details["affiliations"] = json.loads(details.get("affiliations") or "[]")
        meta = DocumentMeta.from_json({"title": row[2] or "", "authors": json.loads(row[3] or "[]"),
                                       "source": row[4] or "", "year": row[6], "doc_type": row[7] or "other",
                                       "doc_number": row[8] or "", **details})
        return DocumentInfo(row[0], row[1], meta, json.loads(row[5] or "[]"), row[9] or 1, row[10] or row[9] or 1,
                            info, self.marks([row[0]]).get(row[0], ""))

    def marks(self, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
        """doc_id → classification mark of the marked documents among `doc_ids` (e.g. a page of hits).

        None means every marked document; a catalogue from before marks existed has none.
        """
        return marks.read_marks(self.db, doc_ids)

    def mark_levels(self) -> MarkLevels:
        """The library's classification marks in order, lowest first (`MarkLevels.highest`, `.rank`)."""
        return marks.read_levels(self.db)

    def document_at(self, sha256: str, page: int) -> str | None:
        """The id of the document of a content that holds page `page` (the first one if several do)."""
        row = self.db.execute(
            "SELECT doc_id FROM documents WHERE file_sha256 = ? AND first_page <= ? AND last_page >= ? "
            "ORDER BY ordinal LIMIT 1", [sha256, page, page]).fetchone()
        if row is None:
            row = self.db.execute("SELECT doc_id FROM documents WHERE file_sha256 = ? ORDER BY ordinal LIMIT 1",
                                  [sha256]).fetchone()
        return row[0] if row else None

    def passages(self, doc_id: str) -> list[PassageInfo]:
        """The passages of one document in reading order."""
        rows = self.db.execute(
            'SELECT passage_id, doc_id, ordinal, page, end_page, start, "end", text FROM passages '
            "WHERE doc_id = ? ORDER BY ordinal", [doc_id])
        return [PassageInfo(*r) for r in rows]

    def passages_by_id(self, passage_ids: Iterable[str]) -> list[PassageInfo]:
        """The passages `passage_ids` (those the catalogue holds), in no particular order."""
        ids = list(dict.fromkeys(passage_ids))
        found: list[PassageInfo] = []
        for at in range(0, len(ids), 500):  # under SQLite's limit of bound parameters
            part = ids[at:at + 500]
            rows = self.db.execute(
                'SELECT passage_id, doc_id, ordinal, page, end_page, start, "end", text FROM passages '
                f"WHERE passage_id IN ({', '.join('?' * len(part))})", part)
            found += [PassageInfo(*r) for r in rows]
        return found

    def file_passages(self, sha256: str) -> list[PassageInfo]:
        """Every passage of one content, document after document."""
        rows = self.db.execute(
            'SELECT p.passage_id, p.doc_id, p.ordinal, p.page, p.end_page, p.start, p."end", p.text '
            "FROM passages p JOIN documents d ON d.doc_id = p.doc_id "
            "WHERE p.file_sha256 = ? ORDER BY d.ordinal, p.ordinal", [sha256])
        return [PassageInfo(*r) for r in rows]

    def page_texts(self, sha256: str, first: int = 1, last: int | None = None) -> dict[int, str]:
        """The stored normalised text of pages `first`..`last` (1-based, inclusive) of a content."""
        last = last if last is not None else 1 << 30
        rows = self.db.execute("SELECT page, text FROM page_texts WHERE file_sha256 = ? AND page BETWEEN ? AND ? "
                               "ORDER BY page", [sha256, first, last])
        return {page: text or "" for page, text in rows}

    def author_counts(self, doc_ids: Iterable[str]) -> dict[str, int]:
        """How many of the documents `doc_ids` each author wrote, most first."""
        counts: Counter[str] = Counter()
        ids = list(dict.fromkeys(doc_ids))
        for begin in range(0, len(ids), 500):
            chunk = ids[begin:begin + 500]
            marks = ",".join("?" * len(chunk))
            for (authors,) in self.db.execute(f"SELECT authors FROM documents WHERE doc_id IN ({marks})", chunk):
                counts.update(set(json.loads(authors or "[]")))
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def vocabulary(self, limit: int = 5000) -> list[str]:
        """Words worth completing in the search box: keywords, authors, sources, then titles.

        Most frequent first within each kind, without repeats, at most `limit` words.
        """
        counts: dict[str, Counter[str]] = {"keywords": Counter(), "authors": Counter(), "source": Counter(),
                                           "title": Counter()}
        for keywords, authors, source, title in self.db.execute(
                "SELECT keywords, authors, source, title FROM documents"):
            counts["keywords"].update(k for k in json.loads(keywords or "[]") if len(k) >= 2)
            counts["authors"].update(a for a in json.loads(authors or "[]") if a)
            if source:
                counts["source"][source] += 1
            if title:
                counts["title"][title] += 1
        words: dict[str, None] = {}
        for kind in ("keywords", "authors", "source", "title"):
            for word, _ in counts[kind].most_common():
                words.setdefault(word.strip(), None)
        words.pop("", None)
        return list(words)[:limit]

    def paths(self) -> list[str]:
        """Every path the library has seen its files under."""
        return [from_db(r[0]) for r in self.db.execute("SELECT path FROM paths ORDER BY path")]

    @functools.cached_property
    def _has_ocr(self) -> bool:
        """Whether the catalogue has the OCR table and column (a catalogue from before OCR has neither)."""
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ocr_pages'").fetchone() \
            is not None

    def ocr_page(self, sha256: str, page: int) -> dict[str, Any] | None:
        """A page whose stored text was recognised by OCR (`OcrPage.to_json()`); None for a text-layer page."""
        if not self._has_ocr:
            return None
        row = self.db.execute("SELECT data FROM ocr_pages WHERE file_sha256 = ? AND page = ? AND used = 1",
                              [sha256, page]).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def ocr_confidences(self, passage_ids: Iterable[str]) -> dict[str, float]:
        """passage_id → mean OCR confidence, for the passages among `passage_ids` recognised by OCR."""
        return ocr_confidences(self.db, passage_ids)

    def document_count(self) -> int:
        """How many documents the catalogue holds."""
        count: int = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        return count


def ocr_confidences(conn: sqlite3.Connection, passage_ids: Iterable[str]) -> dict[str, float]:
    """passage_id → mean OCR confidence of the passages among `passage_ids` recognised by OCR.

    A catalogue from before OCR (no ``passages.ocr``) has none; so has one that cannot be read here
    (the search that found the hits already said what is wrong with it).
    """
    ids = list(dict.fromkeys(passage_ids))
    out: dict[str, float] = {}
    try:
        if "ocr" not in {row[1] for row in conn.execute("PRAGMA table_info(passages)")}:
            return {}
        for begin in range(0, len(ids), 500):
            chunk = ids[begin:begin + 500]
            marks = ",".join("?" * len(chunk))
            out.update(conn.execute(
                f"SELECT passage_id, ocr FROM passages WHERE ocr IS NOT NULL AND passage_id IN ({marks})", chunk))
    except sqlite3.DatabaseError:
        return {}
    return out


def _files_with_ocr(conn: sqlite3.Connection, files: set[str]) -> set[str]:
    """Those of `files` (by SHA-256) with pages recognised by OCR; none in a catalogue from before OCR."""
    out: set[str] = set()
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ocr_pages'").fetchone():
            return out
        ids = sorted(files)
        for begin in range(0, len(ids), 500):
            chunk = ids[begin:begin + 500]
            marks = ",".join("?" * len(chunk))
            out.update(row[0] for row in conn.execute(
                f"SELECT DISTINCT file_sha256 FROM ocr_pages WHERE file_sha256 IN ({marks})", chunk))
    except sqlite3.DatabaseError:
        return set()
    return out


def mark_ocr_hits(conn: sqlite3.Connection, results: SearchResults) -> SearchResults:
    """Set `Hit.ocr` on the hits whose passage was recognised by OCR (the catalogue holds it, the index does not).

    Only the passages of files with recognised pages are looked up (`ocr_pages` is small; the
    passages of a large library, read at random on a cold disk, cost a search a few ms each).
    """
    recognised = _files_with_ocr(conn, {hit.file_sha256 for hit in results.hits})
    scores = ocr_confidences(conn, (hit.passage_id for hit in results.hits if hit.file_sha256 in recognised)) \
        if recognised else {}
    for hit in results.hits:
        hit.ocr = scores.get(hit.passage_id)
    return results


def context(text: str, start: int, end: int, width: int = 32) -> tuple[str, str, str]:
    """(quote, prefix, suffix) of a span of a page's text: the text-quote selector of a note."""
    start, end = max(0, start), min(len(text), end)
    return text[start:end], text[max(0, start - width):start], text[end:end + width]
