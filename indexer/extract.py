"""Extraction of one PDF file: pages → ordered lines → documents → passages.

`extract_pdf` runs in the calling process; `indexer.sandbox` runs it in a worker process
with a time and memory cap, which is what the CLI and the indexer use for untrusted files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from indexer.model import Document, ExtractResult, Passage
from indexer.pdfio import checked_sha256, open_pdf

ProgressCallback = Callable[[int, int], None]


def extract_pdf(path: str | os.PathLike, on_page: ProgressCallback | None = None) -> ExtractResult:
    """Extract the documents of one PDF; raises `ExtractionError` for unreadable files."""
    path = Path(path)
    digest = checked_sha256(path)
    with open_pdf(path) as pdf:
        total = len(pdf.pages)
        texts = []
        for number, page in enumerate(pdf.pages, 1):
            texts.append(page.extract_text() or "")
            page.close()
            if on_page:
                on_page(number, total)
    doc = Document(title=path.stem, passages=[
        Passage(page=i, text=t, start=0, end=len(t), end_page=i) for i, t in enumerate(texts, 1) if t.strip()
    ])
    return ExtractResult(file=str(path), sha256=digest, pages=total, documents=[doc], page_texts=texts)
