"""Opening PDF files safely: checks before pdfplumber sees a file, and clear errors.

Maps every way a file can fail (missing, unreadable, empty, not a PDF, encrypted, corrupt,
and — through `indexer.extract.sandbox` — too slow, too big or crashing the parser) to an
`ExtractionError` with a stable reason code and a one-line bilingual message that says what
happened and what the user can do about it.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from indexer.errors import ExtractionError

if TYPE_CHECKING:
    from pdfplumber.pdf import PDF

# pdfplumber and pdfminer are imported where a file is opened or an error explained: the
# processes that only hash files and hand them to the extraction workers (the index run's
# parent, the app, `hanlin search`) never load them.

# reason -> (Chinese, English); `{detail}` and friends are filled in by `failure`.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": (
        "找不到文件，可能已被移动或删除；请检查路径",
        "file not found: it may have been moved or deleted; check the path",
    ),
    "vanished": (
        "读取过程中文件消失了（被移动、删除或所在磁盘已断开）；请确认文件仍在后重试",
        (
            "the file disappeared while being read (moved, deleted or its drive disconnected); "
            "make sure it is there and try again"
        ),
    ),
    "unreadable": (
        "没有读取此文件的权限；请检查文件权限，或用有权限的账户运行",
        "permission denied: check the file's permissions or run as a user who may read it",
    ),
    "io_error": (
        "读取文件时出错（{detail}）；请检查磁盘、U 盘或网络连接后重试",
        "could not read the file ({detail}); check the disk, USB drive or network connection and try again",
    ),
    "empty": (
        "文件为空（0 字节），可能下载或复制没有完成；请重新获取该文件",
        "empty file (0 bytes): the download or copy probably did not finish; get the file again",
    ),
    "not_pdf": (
        "这不是 PDF 文件，内容看起来是{kind_zh}，只是文件名以 .pdf 结尾；请用它原本的程序打开，或另存为 PDF",
        (
            "not a PDF: the content looks like {kind_en}, only the name ends in .pdf; "
            "open it with the program it belongs to, or save it as PDF"
        ),
    ),
    "encrypted": (
        "PDF 设有打开密码（用户密码），无法读取；请用制作它的软件去除密码后另存，或请发件人提供无密码的版本",
        (
            "the PDF is protected by a password needed to open it; remove the password with the "
            "software that made it, or ask the sender for an unprotected copy"
        ),
    ),
    "encrypted_unsupported": (
        "PDF 使用了不支持的加密方式（{detail}），无法读取；请用制作它的软件去除加密后另存",
        (
            "the PDF uses an encryption method that cannot be read ({detail}); remove the encryption "
            "with the software that made it and save it again"
        ),
    ),
    "truncated": (
        "PDF 文件不完整，在结尾前被截断（{detail}）；可能下载或复制没有完成，请重新获取该文件",
        (
            "truncated PDF, the file ends too early ({detail}): the download or copy probably did not "
            "finish; get the file again"
        ),
    ),
    "corrupt": (
        "PDF 文件已损坏，结构无法解析（{detail}）；请重新获取该文件，或用 PDF 阅读器打开后另存一份",
        (
            "corrupt PDF, its structure cannot be parsed ({detail}); get the file again, or open it "
            "in a PDF reader and save a new copy"
        ),
    ),
    "timeout": (
        (
            "处理超时：{seconds:.1f} 秒内只完成了 {done}/{total} 页，已停止；文件可能结构异常，"
            "可用 PDF 阅读器另存一份，或放宽时间限制后重试"
        ),
        (
            "timed out: only {done}/{total} pages done in {seconds:.1f} s, stopped; the file may be "
            "malformed: save a new copy from a PDF reader, or allow more time"
        ),
    ),
    "memory": (
        "处理时内存超出上限（{limit_mb} MB），已停止；文件可能异常庞大或结构异常，可放宽内存上限后重试",
        (
            "ran out of memory (limit {limit_mb} MB), stopped; the file may be huge or malformed; "
            "allow more memory and try again"
        ),
    ),
    "memory_system": (
        "处理时内存不足，已停止；文件可能异常庞大或结构异常，可关闭其他程序后重试",
        "ran out of memory, stopped; the file may be huge or malformed; close other programs and try again",
    ),
    "crashed": (
        "解析进程意外退出（{detail}）；文件可能结构异常，可用 PDF 阅读器打开后另存一份再试",
        (
            "the extraction process died unexpectedly ({detail}); the file is probably malformed: "
            "open it in a PDF reader, save a new copy and try again"
        ),
    ),
    "internal": (
        "翰林内部错误（{detail}）；请报告此问题并附上该文件",
        "internal error in Hanlin ({detail}); please report it together with the file",
    ),
}

# Message keys that share a reason code with another key.
_REASON_OF = {
    "vanished": "missing",
    "io_error": "unreadable",
    "memory_system": "memory",
    "encrypted_unsupported": "encrypted",
    "truncated": "corrupt",
}

# Modules whose exceptions mean "this PDF is malformed", not "Hanlin has a bug".
_PARSER_MODULES = ("pdfminer", "pdfplumber", "pypdfium2", "PIL")

_SIGNATURES = (
    (b"PK\x03\x04", "ZIP 压缩包或 Word/Excel 文档", "a ZIP archive or a Word/Excel document"),
    (b"\xd0\xcf\x11\xe0", "旧版 Word/Excel 文档", "an old Word/Excel document"),
    (b"\x89PNG", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF8", "GIF 图片", "a GIF image"),
    (b"{\\rtf", "RTF 文档", "an RTF document"),
)


def failure(path: str | os.PathLike[str], key: str, **fields: object) -> ExtractionError:
    """The `ExtractionError` for message `key` of `MESSAGES`, its fields filled in."""
    zh, en = MESSAGES[key]
    message = f"{zh.format(**fields)} ({en.format(**fields)})"
    return ExtractionError(str(path), _REASON_OF.get(key, key), message)


class NotRegularFileError(OSError):
    """A path that is not a regular file (a FIFO, a device such as /dev/zero, a socket)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(errno.EINVAL, "不是普通文件（管道、设备或套接字）(not a regular file: a pipe, device or socket)",
                         os.fspath(path))


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a regular file's bytes, read up to the size it had when opened.

    The file is opened without blocking and checked before a byte is read: a FIFO named
    ``*.pdf`` would block the open for ever, and a link to /dev/zero would be read for ever.
    Both raise `NotRegularFileError` (a folder `IsADirectoryError`) instead.
    """
    h = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as f:
        left = _regular_size(path, os.fstat(fd))
        while left > 0:
            block = f.read(min(1 << 20, left))
            if not block:
                break
            h.update(block)
            left -= len(block)
    return h.hexdigest()


def _regular_size(path: str | os.PathLike[str], st: os.stat_result) -> int:
    """The size of a regular file; anything else raises the `OSError` that says what it is."""
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFileError(path)
    return st.st_size


def checked_sha256(path: Path) -> str:
    """SHA-256 of a file that exists, may be read and is not empty; else `ExtractionError`."""
    try:
        size = path.stat().st_size
        digest = sha256_file(path)
    except OSError as exc:
        raise explain(path, exc) from None
    if size == 0:
        raise failure(path, "empty")
    return digest


def open_pdf(path: Path) -> PDF:
    """Open `path` with pdfplumber, or raise `ExtractionError` saying why it cannot be read.

    Files encrypted with only an owner password (printing/copying restrictions) open normally.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
        if not head:
            raise failure(path, "empty")
        if b"%PDF-" not in head:
            raise failure(path, "not_pdf", **_sniff(head))
        import pdfplumber

        return pdfplumber.open(path)
    except ExtractionError:
        raise
    except FileNotFoundError:
        raise failure(path, "vanished") from None
    except Exception as exc:  # noqa: BLE001 -- pdfplumber wraps every parser error; map them all
        raise explain(path, exc) from None


@contextmanager
def opened_pdf(path: Path) -> Iterator[PDF]:
    """`open_pdf` as a context manager that always releases the file.

    pdfplumber's own `close()` walks the page tree again; on a file whose page tree is broken
    (e.g. a cycle) it raises the parser's error a second time and leaves the file open. Here
    the underlying stream is closed regardless.
    """
    pdf = open_pdf(path)
    try:
        yield pdf
    finally:
        try:
            pdf.close()
        except Exception:  # noqa: BLE001 -- the broken page tree was reported already
            pdf.stream.close()


def explain(path: str | os.PathLike[str], exc: BaseException, memory_limit_mb: int = 0) -> ExtractionError:
    """Map any exception met while reading `path` to an `ExtractionError` with a clear message.

    `memory_limit_mb` is the address-space cap the reading ran under, if any (for the message).

    Parser errors (pdfminer, pdfplumber, and any exception raised from inside them, such as a
    plain `TypeError` or `RecursionError` on a malformed file) mean a corrupt file; exceptions
    raised from Hanlin's own code are reported as `internal`.
    """
    if isinstance(exc, ExtractionError):
        return exc
    if out_of_memory(exc):
        if memory_limit_mb:
            return failure(path, "memory", limit_mb=memory_limit_mb)
        return failure(path, "memory_system")
    # Not before: a process out of memory must not load the parser to say so.
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSEOF, PSException

    cause = _root_cause(exc)
    if isinstance(cause, PDFPasswordIncorrect):
        return failure(path, "encrypted")
    if isinstance(cause, PDFEncryptionError):
        return failure(path, "encrypted_unsupported", detail=_detail(cause))
    if isinstance(cause, FileNotFoundError):
        return failure(path, "missing")
    if isinstance(cause, PermissionError):
        return failure(path, "unreadable")
    if isinstance(cause, IsADirectoryError):
        return failure(path, "not_pdf", kind_zh="文件夹", kind_en="a folder")
    if isinstance(cause, NotRegularFileError):
        return failure(path, "not_pdf", kind_zh="管道、设备或套接字，不是普通文件",
                       kind_en="a pipe, device or socket, not a regular file")
    if isinstance(cause, OSError):
        return failure(path, "io_error", detail=_detail(cause))
    if isinstance(cause, PSEOF):
        return failure(path, "truncated", detail=_detail(cause))
    if isinstance(cause, (PDFException, PSException)) or _raised_in_parser(exc):
        return failure(path, "corrupt", detail=_detail(cause))
    return failure(path, "internal", detail=_detail(cause, where=_origin(exc)))


def out_of_memory(exc: BaseException | None) -> bool:
    """Whether a `MemoryError` is anywhere in the chain: pdfplumber wraps it, parsers re-raise it.

    Code that skips a broken page must still let these through: a page lost to the memory
    cap is not a corrupt page.
    """
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, MemoryError):
            return True
        seen.add(id(exc))
        wrapped = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = exc.__cause__ or wrapped or exc.__context__
    return False


def _root_cause(exc: BaseException) -> BaseException:
    """The parser's own exception inside pdfplumber's `PdfminerException` wrapper."""
    from pdfplumber.utils.exceptions import PdfminerException

    while isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    return exc


def _detail(exc: BaseException, where: str = "") -> str:
    text = " ".join(str(exc).split())[:80]
    name = type(exc).__name__
    detail = f"{name}: {text}" if text else name
    return f"{detail} at {where}" if where else detail


def _frames(exc: BaseException) -> Iterator[FrameType]:
    tb = exc.__traceback__
    while tb is not None:
        yield tb.tb_frame
        tb = tb.tb_next


def _raised_in_parser(exc: BaseException) -> bool:
    for frame in _frames(exc):
        module = frame.f_globals.get("__name__", "")
        if module.split(".")[0] in _PARSER_MODULES:
            return True
    from pdfplumber.utils.exceptions import PdfminerException

    return isinstance(exc, PdfminerException)


def _origin(exc: BaseException) -> str:
    """`module:line` of the innermost frame, so a bug report can point at the code."""
    last = None
    for frame in _frames(exc):
        last = frame
    if last is None:
        return ""
    return f"{last.f_globals.get('__name__', '?')}:{last.f_lineno}"


def _sniff(head: bytes) -> dict[str, str]:
    """What a file that is not a PDF looks like, for the `not_pdf` message."""
    for magic, zh, en in _SIGNATURES:
        if head.startswith(magic):
            return {"kind_zh": zh, "kind_en": en}
    start = head.lstrip()[:15].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return {"kind_zh": "网页（HTML）", "kind_en": "a web page (HTML)"}
    if b"\0" not in head and _decodes(head):
        return {"kind_zh": "纯文本", "kind_en": "plain text"}
    return {"kind_zh": "其他格式", "kind_en": "some other format"}


def _decodes(head: bytes) -> bool:
    """Whether `head` reads as text; a character cut at the end of the 1 KiB still counts."""
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return True
        except UnicodeDecodeError:
            continue
    return False
