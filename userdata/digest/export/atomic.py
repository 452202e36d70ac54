"""Write a file through a temporary sibling so a failed export never leaves a partial file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from userdata.digest.export.errors import ExportError


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`, on failure it goes.

    The temporary file is in the target folder so that `os.replace` is a rename on one file
    system. An `OSError` (folder missing, no permission, disk full) becomes an `ExportError`.
    """
    path = Path(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _chmod_like(tmp, path)
        os.replace(tmp, path)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _chmod_like(tmp: Path, path: Path) -> None:
    """Give the new file the mode of the one it replaces, or the umask's default (mkstemp uses 0600)."""
    if os.name == "nt":
        return
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)


def _umask() -> int:
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


def _write_error(path: Path, exc: OSError) -> ExportError:
    reason = exc.strerror or exc.__class__.__name__
    return ExportError("write", f"无法写入导出文件 {path}：{reason}（cannot write the export file {path}: {reason}）")
