"""Extraction of one PDF file: pages → ordered lines → documents → passages.

`extract_pdf` runs in the calling process; `indexer.sandbox` runs it in a worker process
with a time and memory cap, which is what the CLI and the indexer use for untrusted files.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from indexer.errors import ExtractionError
from indexer.model import Document, ExtractResult, Passage

ProgressCallback = Callable[[int, int], None]


def sha256_file(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def extract_pdf(path: str | os.PathLike, on_page: ProgressCallback | None = None) -> ExtractResult:
    """Extract the documents of one PDF; raises `ExtractionError` for unreadable files."""
    path = Path(path)
    digest = _checked_sha256(path)
    with _open_pdf(path) as pdf:
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


def _checked_sha256(path: Path) -> str:
    try:
        size = path.stat().st_size
        digest = sha256_file(path)
    except FileNotFoundError:
        raise ExtractionError(str(path), "missing", "文件不存在或已被移走 (file not found)") from None
    except PermissionError:
        raise ExtractionError(str(path), "unreadable", "没有读取权限 (permission denied)") from None
    if size == 0:
        raise ExtractionError(str(path), "empty", "文件为空，0 字节 (empty file)")
    return digest


def _open_pdf(path: Path):
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
        if b"%PDF-" not in head:
            raise ExtractionError(str(path), "not_pdf", "不是 PDF 文件 (not a PDF file)")
        return pdfplumber.open(path)
    except PdfminerException as exc:
        raise _explain(path, exc) from None
    except FileNotFoundError:
        raise ExtractionError(str(path), "missing", "文件读取中途消失 (file disappeared while reading)") from None


def _explain(path: Path, exc: Exception) -> ExtractionError:
    cause = exc.args[0] if exc.args else exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return ExtractionError(
            str(path),
            "encrypted",
            "PDF 设有打开密码，无法读取 (password protected); 请用原始软件去除密码后再添加",
        )
    return ExtractionError(str(path), "corrupt", f"PDF 文件已损坏或不完整 (corrupt or truncated PDF: {name})")
