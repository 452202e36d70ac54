"""Finding the PDFs an indexing run is given: files named, and ``*.pdf`` under folders.

`scan_pdfs(paths)` returns a `Scan`: the regular files found (links to regular files
included), the arguments that do not exist, and every path that could not be looked at —
a folder without read permission, a path longer than the system allows, a ``*.pdf`` that is
a FIFO, a device or a dangling link. Nothing is skipped without a word: `hanlin index` lists
each of these in its summary. Non-regular files are never opened (a FIFO blocks its reader,
/dev/zero never ends).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.fileformats import is_supported

#: reason → (中文, English) of a path that could not be scanned.
PROBLEMS: dict[str, tuple[str, str]] = {
    "permission": ("没有读取权限，其中的文件未被索引", "permission denied: nothing in it was indexed"),
    "too_long": ("路径太长，系统无法打开，其中的文件未被索引",
                 "the path is too long for the system to open: nothing in it was indexed"),
    "not_a_file": ("不是普通文件（管道、设备或套接字），已跳过",
                   "not a regular file (a pipe, device or socket): skipped"),
    "dangling": ("链接指向的文件不存在，已跳过", "a link to nothing: skipped"),
    "io_error": ("无法读取，已跳过", "cannot be read: skipped"),
}
_REASON_OF_ERRNO = {errno.EACCES: "permission", errno.EPERM: "permission", errno.ENAMETOOLONG: "too_long",
                    errno.ENOENT: "dangling", errno.ELOOP: "dangling"}


@dataclass(frozen=True)
class ScanProblem:
    """A path that could not be scanned, with a stable reason code and a message for people."""

    path: str
    reason: str
    message: str


@dataclass
class Scan:
    """What `scan_pdfs` found."""

    found: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unreadable: list[ScanProblem] = field(default_factory=list)

    def problem(self, path: str | os.PathLike[str], reason: str, detail: str = "") -> None:
        """Note a path that could not be scanned."""
        zh, en = PROBLEMS[reason]
        extra = f": {detail}" if detail and reason == "io_error" else ""
        self.unreadable.append(ScanProblem(os.fspath(path), reason, f"{zh} ({en}{extra})"))

    def error(self, path: str | os.PathLike[str], exc: OSError) -> None:
        """Note a path that an `OSError` kept from being scanned."""
        self.problem(path, _REASON_OF_ERRNO.get(exc.errno or 0, "io_error"), exc.strerror or str(exc))


def scan_pdfs(paths: Iterable[str | os.PathLike[str]]) -> Scan:
    """Files named in `paths`, and `*.pdf` (any case) under folders in them, recursively.

    Absolute paths in a stable order (each folder's files by name, then its sub-folders),
    without repeats; symbolic links to folders are not followed.
    """
    scan = Scan()
    seen: set[str] = set()
    for arg in paths:
        path = Path(arg).expanduser().resolve()
        try:
            st = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            scan.missing.append(os.fspath(arg))
            continue
        except OSError as exc:
            scan.error(arg, exc)
            continue
        if stat.S_ISDIR(st.st_mode):
            _walk(str(path), scan, seen)
        elif stat.S_ISREG(st.st_mode):
            _add(scan, seen, str(path))
        else:
            scan.problem(path, "not_a_file")
    return scan


def _walk(top: str, scan: Scan, seen: set[str]) -> None:
    """Add the PDFs under `top`, depth first (an explicit stack: folders may nest deeper than recursion)."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            scan.error(folder, exc)
            continue
        subfolders = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry.path)
                elif is_supported(entry.name):
                    _add_entry(scan, seen, entry)
            except OSError as exc:
                scan.error(entry.path, exc)
        stack.extend(reversed(subfolders))


def _add_entry(scan: Scan, seen: set[str], entry: os.DirEntry[str]) -> None:
    if entry.is_file():  # follows a link: a link to a regular file is indexed
        _add(scan, seen, entry.path)
    elif entry.is_symlink() and not os.path.exists(entry.path):
        scan.problem(entry.path, "dangling")
    else:
        scan.problem(entry.path, "not_a_file")


def _add(scan: Scan, seen: set[str], path: str) -> None:
    if path not in seen:
        seen.add(path)
        scan.found.append(Path(path))
