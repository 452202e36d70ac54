"""What Hanlin asks of the operating system: files written whole or not at all, storage errors
explained to people, and the name of the user.

`replacing(target)` is the one way Hanlin replaces a file (a bundle, an export): the new
content goes to a temporary file in the target's folder (so the rename stays on one file
system), is flushed to disk, renamed over the target, and the folder is flushed so the rename
survives a power cut. A failure leaves the old file as it was and no temporary file behind.
Only a regular file or a new path is replaced: a folder, a device (`/dev/full`), a pipe or a
socket is refused with `NotARegularFile` before anything is written. A symbolic link to a
regular file is followed: the file it points to is replaced and the link stays as it was.
The temporary file is named ``.NAME.hanlin-HOST-PID-XXXX.part``; one left behind by a killed
process (its process gone, or a day old) is removed by the next replacement of that file.

`storage_problem(exc)` says in Chinese and English why an `OSError` stopped a write (full disk,
no permission, missing folder …); the library and the digest exports build their messages on it.

`cache_dir()` is Hanlin's own cache folder, for what it keeps or must write outside the library
(jieba's prefix dictionary, onnxruntime's session file): never the system temp folder.

No Qt here.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import hashlib
import os
import socket
import stat
import tempfile
import time
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
#: How long a temporary file of ours may sit before anyone may remove it, whoever left it.
STALE_AFTER_S = 24 * 3600
_TEMP_MARK = "hanlin"


class NotARegularFile(OSError):
    """An output path that is there but is not a regular file (folder, device, pipe, socket).

    `kind` says what it is, in Chinese with the English in brackets; `storage_problem` gives it.
    """

    def __init__(self, path: Path, kind: str):
        super().__init__(errno.EINVAL, f"{kind}，不是普通文件，拒绝覆盖 (not a regular file; refused to replace it)",
                         str(path))
        self.kind = kind


def cache_dir() -> Path:
    """Hanlin's own cache folder: ``HANLIN_CACHE_DIR``, else the user's cache folder for Hanlin."""
    override = os.environ.get("HANLIN_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hanlin", appauthor=False))


def storage_problem(exc: OSError) -> str:
    """Why `exc` stopped a read or write, in Chinese with the English in brackets."""
    if isinstance(exc, NotARegularFile):
        return exc.strerror or exc.kind
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
    target = writable_target(Path(target))
    remove_stale_temporaries(target)
    fd, name = tempfile.mkstemp(prefix=_temp_prefix(target) + f"{os.getpid()}-", suffix=".part",
                                dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        fsync_file(tmp)
        _chmod_like(tmp, target)
        writable_target(target)  # again: it may have changed while the new content was written
        os.replace(tmp, target)
        fsync_folder(target.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def writable_target(target: Path) -> Path:
    """The file `replacing(target)` replaces: `target` when new or a regular file, else `NotARegularFile`.

    A symbolic link to a regular file gives that file (the link is kept); a link to anything
    else, or to nothing, is refused. Other `OSError`s of looking (a parent that is a file) pass.
    """
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return target
    if stat.S_ISREG(mode):
        return target
    if not stat.S_ISLNK(mode):
        raise NotARegularFile(target, _kind(mode))
    real = Path(os.path.realpath(target))
    try:
        real_mode = os.stat(real).st_mode
    except OSError:
        raise NotARegularFile(target, "是指向不存在位置的符号链接 (a symbolic link to nothing)") from None
    if not stat.S_ISREG(real_mode):
        raise NotARegularFile(target, f"是指向{_kind(real_mode)}的符号链接 (a symbolic link to that)")
    return real


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "是文件夹 (a folder)"), (stat.S_ISCHR, "是设备文件 (a device)"),
             (stat.S_ISBLK, "是设备文件 (a device)"), (stat.S_ISFIFO, "是管道 (a pipe)"),
             (stat.S_ISSOCK, "是套接字 (a socket)"))
    return next((why for test, why in kinds if test(mode)), "是特殊文件 (a special file)")


def _host_tag() -> str:
    """A short, file-name-safe tag of this machine: process ids mean something only on their host."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.{_TEMP_MARK}-{_host_tag()}-"


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove temporary files of ours for `target` left by a killed process; returns those removed.

    A file is stale when the process named in it is gone (same machine, POSIX) or it is older
    than `STALE_AFTER_S`. Only regular files with our name pattern are touched.
    """
    prefix = _temp_prefix(target)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    for entry in entries:
        if not (entry.name.startswith(f".{target.name}.{_TEMP_MARK}-") and entry.name.endswith(".part")):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and _stale(entry.name, prefix, info.st_mtime):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _stale(name: str, prefix: str, mtime: float) -> bool:
    if time.time() - mtime > STALE_AFTER_S:
        return True
    if not name.startswith(prefix) or os.name != "posix":
        return False  # another machine's file (a shared folder), or no safe liveness test (Windows)
    pid_text = name[len(prefix):].split("-", 1)[0]
    if not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    return not _alive(int(pid_text))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


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
