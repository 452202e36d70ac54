"""What Hanlin asks of the operating system: files written whole or not at all, storage errors
explained to people, and the name of the user.

`replacing(target)` is the one way Hanlin replaces a file (a bundle, an export): the new
content goes to a temporary file in the target's folder (so the rename stays on one file
system), is flushed to disk, renamed over the target, and the folder is flushed so the rename
survives a power cut. A failure leaves the old file as it was and no temporary file behind.

`storage_problem(exc)` says in Chinese and English why an `OSError` stopped a write (full disk,
no permission, missing folder …); the library and the digest exports build their messages on it.

No Qt here.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: errno → why a write failed (中文 (English)); one entry per kind of failure people can act on.
_PROBLEMS: tuple[tuple[frozenset[int], str], ...] = (
    (frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG}),
     "磁盘已满或超出文件大小限制 (the disk is full or the file is too large)"),
    (frozenset({errno.EACCES, errno.EPERM, errno.EROFS}),
     "没有写入该文件夹的权限 (no permission to write in that folder)"),
    (frozenset({errno.ENOENT, errno.ENOTDIR, errno.EEXIST}),
     "文件夹不存在或路径不是文件夹 (the folder does not exist, or the path is not a folder)"),
)
_UNKNOWN_PROBLEM = "无法读写 (cannot read or write)"


def storage_problem(exc: OSError) -> str:
    """Why `exc` stopped a read or write, in Chinese with the English in brackets."""
    for numbers, why in _PROBLEMS:
        if exc.errno in numbers:
            return why
    return _UNKNOWN_PROBLEM


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; when the block ends, that file replaces `target`.

    On a normal end the file is fsynced, given the mode of the file it replaces (or the umask's
    default: `mkstemp` makes private files), renamed over `target`, and the folder is fsynced.
    If the block or any of these steps raises, the temporary file is removed and `target` is
    left as it was. `OSError`s pass through unchanged: callers explain them (`storage_problem`).
    """
    target = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        fsync_file(tmp)
        _chmod_like(tmp, target)
        os.replace(tmp, target)
        fsync_folder(target.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def fsync_file(path: Path) -> None:
    """Flush the content of the file at `path` to disk."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new entry in `folder` durable (POSIX; Windows has no folder handles to fsync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def umask() -> int:
    """The process umask, read without changing it where Linux allows (os.umask is not thread-safe)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _chmod_like(tmp: Path, target: Path) -> None:
    """Give `tmp` the mode of `target`, or the umask's default for a new file."""
    if os.name == "nt":
        return
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~umask()
    os.chmod(tmp, mode)


def os_user() -> str:
    """The OS user name, or '' when the system cannot tell (recorded with marks, notes and exports)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no USER variable and no passwd entry
        return ""
