"""Reading each document's front matter from the catalogue, to attribute its authors (`affiliations`)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable

from indexer.errors import LibraryError
from indexer.insight.affiliations import attribute
from indexer.insight.documents import DocumentRow

#: Kinds of documents whose authors are persons with institutions (a policy's are its issuers).
AUTHORED = frozenset({"paper", "digest", "news", "thesis", "slides", "other"})


class Attributions:
    """Author → institution for documents, read from their first and last pages' text, remembered.

    One per open library (the GUI keeps one per session): a document's attribution is read once.
    A document changed by re-extraction gets a new ``doc_id`` or ``file_sha256``, so nothing stale
    is served. Safe to share between threads.
    """

    def __init__(self) -> None:
        self._known: dict[tuple[str, str], dict[str, str]] = {}
        self._lock = threading.Lock()

    def of(self, conn: sqlite3.Connection, docs: Iterable[DocumentRow]) -> dict[str, dict[str, str]]:
        """For each document with authors, by ``doc_id``: its authors' institutions (those found)."""
        out: dict[str, dict[str, str]] = {}
        for doc in docs:
            if not doc.authors or doc.doc_type not in AUTHORED:
                continue
            key = (doc.doc_id, doc.file_sha256)
            with self._lock:
                found = self._known.get(key)
            if found is None:
                found = attribute(doc.authors, doc.affiliations, _pages(conn, doc))
                with self._lock:
                    self._known[key] = found
            out[doc.doc_id] = found
        return out


def _pages(conn: sqlite3.Connection, doc: DocumentRow) -> list[str]:
    """The text of the document's first page, and of its last (where a reprint names its authors)."""
    pages = sorted({doc.first_page, doc.last_page})
    try:
        rows = conn.execute(
            f"SELECT text FROM page_texts WHERE file_sha256 = ? AND page IN ({', '.join('?' * len(pages))}) "
            "ORDER BY page", [doc.file_sha256, *pages]).fetchall()
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"无法读取目录数据库 (cannot read the catalogue): {exc}") from exc
    return [str(text) for (text,) in rows if text]
