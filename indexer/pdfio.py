"""Opening PDF files safely: checks before pdfplumber sees a file, and clear errors.

Maps every way a file can fail to open (missing, empty, not a PDF, encrypted, corrupt)
to an `ExtractionError` with a bilingual message and a stable reason code.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from indexer.errors import ExtractionError


def sha256_file(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def checked_sha256(path: Path) -> str:
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


def open_pdf(path: Path):
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
