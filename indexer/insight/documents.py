"""The catalogue's documents as the analysis reads them: one query, plain rows."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Collection
from dataclasses import dataclass

from indexer.errors import LibraryError

#: What a document without a value for a facet is counted under.
UNKNOWN = ""


@dataclass(frozen=True)
class DocumentRow:
    """One document's fields that the analysis uses."""

    doc_id: str
    title: str
    authors: tuple[str, ...]
    source: str
    journal: str
    keywords: tuple[str, ...]
    abstract: str
    year: int | None
    doc_type: str
    doc_number: str
    issuer: str
    date: str
    affiliations: tuple[str, ...]
    file_sha256: str
    first_page: int
    last_page: int

    @property
    def venue(self) -> str:
        """Where it appeared: the journal of a paper, else the source ('' if neither is known)."""
        return self.journal or self.source

    @property
    def issuers(self) -> tuple[str, ...]:
        """The issuing bodies (several joint issuers are stored joined by 、)."""
        return tuple(part.strip() for part in self.issuer.split("、") if part.strip())


def _columns(conn: sqlite3.Connection) -> set[str]:
    return {row[1] for row in conn.execute("PRAGMA table_info(documents)")}


def _optional(name: str, present: set[str]) -> str:
    return f"COALESCE({name}, '')" if name in present else "''"


def load_documents(conn: sqlite3.Connection, doc_ids: Collection[str] | None = None) -> list[DocumentRow]:
    """The documents of the catalogue on `conn` (all, or those of `doc_ids`), in catalogue order.

    Catalogues of older versions lack some columns: those read as ''. Raises `LibraryError` when
    the catalogue cannot be read.
    """
    present = _columns(conn)
    select = (f"SELECT doc_id, COALESCE(title, ''), COALESCE(authors, '[]'), COALESCE(source, ''), "
              f"{_optional('journal', present)}, COALESCE(keywords, '[]'), COALESCE(abstract, ''), year, "
              f"COALESCE(doc_type, 'other'), COALESCE(doc_number, ''), {_optional('issuer', present)}, "
              f"{_optional('date', present)}, "
              f"{'COALESCE(affiliations, ' + repr('[]') + ')' if 'affiliations' in present else repr('[]')}, "
              f"file_sha256, COALESCE(first_page, 1), COALESCE(last_page, 1) FROM documents")
    try:
        if doc_ids is None:
            rows = conn.execute(select + " ORDER BY file_sha256, ordinal").fetchall()
        else:
            rows = conn.execute(select + " WHERE doc_id IN (SELECT value FROM json_each(?)) "
                                "ORDER BY file_sha256, ordinal", [json.dumps(list(doc_ids))]).fetchall()
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"无法读取目录数据库 (cannot read the catalogue): {exc}") from exc
    return [_row(r) for r in rows]


class DocumentCache:
    """Every document of one catalogue, read once and kept while the catalogue's documents stay the same.

    The signature checked before each use (count, largest rowid and total length of the ids: any
    document added, removed or re-extracted changes it) costs a few milliseconds where reading the
    rows again costs a few hundred on a library of 10,000 documents. A search's documents are taken
    from the kept rows. Safe to share between threads.
    """

    def __init__(self) -> None:
        self._signature: tuple[object, ...] | None = None
        self._rows: list[DocumentRow] = []
        self._lock = threading.Lock()

    def rows(self, conn: sqlite3.Connection, doc_ids: Collection[str] | None = None) -> list[DocumentRow]:
        """Like `load_documents`, from the kept rows when they are still current."""
        try:
            signature = tuple(conn.execute(
                "SELECT COUNT(*), COALESCE(MAX(rowid), 0), COALESCE(SUM(LENGTH(doc_id)), 0) FROM documents").fetchone())
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"无法读取目录数据库 (cannot read the catalogue): {exc}") from exc
        with self._lock:
            if signature != self._signature:
                self._rows, self._signature = load_documents(conn), signature
            rows = self._rows
        if doc_ids is None:
            return rows
        wanted = set(doc_ids)
        return [row for row in rows if row.doc_id in wanted]


def _row(r: tuple[object, ...]) -> DocumentRow:
    return DocumentRow(
        doc_id=str(r[0]), title=str(r[1]), authors=_names(r[2]), source=str(r[3]).strip(),
        journal=str(r[4]).strip(), keywords=_names(r[5]), abstract=str(r[6]),
        year=int(r[7]) if isinstance(r[7], int) and r[7] > 0 else None, doc_type=str(r[8]) or "other",
        doc_number=str(r[9]).strip(), issuer=str(r[10]).strip(), date=str(r[11]).strip(),
        affiliations=_names(r[12]), file_sha256=str(r[13]), first_page=int(str(r[14])), last_page=int(str(r[15])))


def _names(value: object) -> tuple[str, ...]:
    """A JSON list of names as a tuple of the non-empty ones, stripped, without repeats."""
    if not value or value == "[]":
        return ()
    try:
        items = json.loads(str(value)) if value else []
    except ValueError:
        return ()
    out: list[str] = []
    for item in items if isinstance(items, list) else []:
        name = str(item).strip()
        if name and name not in out:
            out.append(name)
    return tuple(out)
