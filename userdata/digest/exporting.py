"""Export a stored digest: check its classification mark, render, write atomically, hash, audit.

`export_digest` is what the GUI and ``hanlin digest export`` call:

1. the digest's own mark must cover the highest mark among its items (by the library's
   order); otherwise `ExportRefused` (exit status 7) names the mark needed, and nothing is
   written or logged. A mark the library's list does not hold is refused too;
2. `userdata.digest.render.render` builds the `DigestDocument`;
3. `userdata.digest.export.write` writes it to a temporary file in the target folder, which is
   hashed (SHA-256), flushed to disk (fsync) and renamed over the target; the folder is
   fsynced. A missing or unwritable folder or a full disk is a `DigestError` (exit status 6)
   and leaves neither a partial file nor the temporary one;
4. one row is appended to the audit log (`userdata.digest.audit`): OS user, UTC time, digest
   id and title, item ids, format, absolute output path, SHA-256, size, cover mark, version.

No Qt here.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from indexer import __version__, fs
from indexer.library.marks import MarkLevels
from indexer.library.reader import CatalogReader
from userdata.digest import export
from userdata.digest.document import DigestDocument
from userdata.digest.model import FORMATS, AuditEntry, Digest
from userdata.digest.render import render, required_mark
from userdata.digest.store import DigestStore
from userdata.errors import DigestError, ExportRefused
from userdata.notes.store import NoteStore


def export_digest(store: DigestStore, digest_id: str, fmt: str, path: str | os.PathLike[str], *,
                  notes: NoteStore | None = None, reader: CatalogReader | None = None,
                  levels: MarkLevels | None = None, user: str | None = None) -> AuditEntry:
    """Export one digest to `path` as `fmt` (docx, pdf, html, md); returns the audit row written."""
    fmt = fmt.strip().lower().lstrip(".")
    if fmt not in FORMATS:
        raise DigestError(f"不支持的导出格式：{fmt}（仅支持 {'、'.join(FORMATS)}）"
                          f"(unsupported export format {fmt!r}: use {', '.join(FORMATS)})")
    levels = levels or (reader.mark_levels() if reader is not None else MarkLevels())
    digest = store.require_digest(digest_id)
    check_mark(digest, required_mark(store, digest_id, reader, levels), levels)
    check_target(Path(path).expanduser().absolute())
    document = render(store, digest_id, notes=notes, reader=reader, levels=levels)
    target = Path(path).expanduser().absolute()
    sha256, size = write_atomically(document, fmt, target)
    return store.audit.append(
        user=fs.os_user() if user is None else user, digest_id=digest.id, digest_title=digest.title,
        item_ids=document.extra["item_ids"], format=fmt, path=str(target), sha256=sha256, size=size,
        mark=document.cover.mark, app_version=__version__)


def check_mark(digest: Digest, needed: str, levels: MarkLevels) -> None:
    """Refuse (`ExportRefused`) a digest whose own mark is unknown, missing or below `needed`."""
    if digest.mark and digest.mark not in levels.levels:
        raise ExportRefused(f"摘编“{digest.title}”的密级“{digest.mark}”不在密级列表（{'、'.join(levels.levels)}）中，"
                            f"拒绝导出 (export refused: the digest's mark {digest.mark!r} is not one of "
                            f"{', '.join(levels.levels)})", needed)
    if levels.covers(digest.mark, needed):
        return
    if not digest.mark:
        raise ExportRefused(f"摘编“{digest.title}”引用了密级为“{needed}”的文献，须先将摘编标为“{needed}”或更高密级，"
                            f"拒绝导出 (export refused: the digest quotes documents marked {needed}; mark the "
                            f"digest {needed} or higher first)", needed)
    raise ExportRefused(f"摘编“{digest.title}”的密级“{digest.mark}”低于其引用文献的最高密级“{needed}”，须改标为"
                        f"“{needed}”或更高，拒绝导出 (export refused: the digest is marked {digest.mark} but quotes "
                        f"documents marked {needed}; mark it {needed} or higher)", needed)


def check_target(target: Path) -> None:
    """Refuse, before any work, an output that is a folder, a device, a pipe or a socket (`DigestError`)."""
    try:
        fs.writable_target(target)
    except OSError as exc:
        raise write_error(target, exc) from exc


def write_atomically(document: DigestDocument, fmt: str, target: Path) -> tuple[str, int]:
    """Write through a temporary file beside `target` (`indexer.fs.replacing`); returns (SHA-256 hex, size)."""
    try:
        with fs.replacing(target) as tmp:
            export.write(document, fmt, tmp)
            sha256, size = _hash(tmp)
    except OSError as exc:
        raise write_error(target, exc) from exc
    except export.ExportError as exc:
        if exc.reason == "write" and isinstance(exc.__cause__, OSError):  # name the target, not our temporary
            raise write_error(target, exc.__cause__) from exc
        raise
    return sha256, size


def write_error(target: Path, exc: OSError) -> DigestError:
    """The bilingual message for a file that cannot be written."""
    if isinstance(exc, fs.NotARegularFile):
        return DigestError(f"拒绝导出到 {target}：{fs.storage_problem(exc)}；请另选文件名 (choose another file name)")
    return DigestError(f"无法导出到 {target}：{fs.storage_problem(exc)}；未留下不完整的文件 (nothing partial was left): "
                       f"{exc.strerror or exc}")


def _hash(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
