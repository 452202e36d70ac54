"""Helpers for the digest tests: a catalogue of real extracted PDFs, without a search index."""

from __future__ import annotations

from pathlib import Path

from indexer.extract.pipeline import extract_pdf
from indexer.library.catalog import Catalog, PathStat


def catalogue(folder: Path, pdfs: list[Path]) -> dict[str, str]:
    """Extract `pdfs` into `folder`/catalog.db (in this process); returns title → doc_id."""
    catalog = Catalog(folder / "catalog.db")
    try:
        for path in pdfs:
            result = extract_pdf(path)
            catalog.store_result(result.sha256, [PathStat(str(path), 1, 1)], result)
        rows = catalog.db.execute("SELECT title, doc_id FROM documents ORDER BY file_sha256, ordinal").fetchall()
    finally:
        catalog.close()
    return {title: doc_id for title, doc_id in rows}


def set_mark(folder: Path, doc_id: str, mark: str) -> None:
    """Mark one document of the catalogue in `folder`."""
    catalog = Catalog(folder / "catalog.db")
    try:
        catalog.set_marks([doc_id], mark, "资料员")
    finally:
        catalog.close()
