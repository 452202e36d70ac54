"""CRC-32 of the index's files, written at each commit and checked when a searcher opens a generation.

Whoosh stores no checksum: a flipped byte in a segment file made searches fail with
``zlib.error`` deep inside a query, or silently return other hits. After each commit
`write` records, in `MANIFEST` beside the segment files, the size and CRC-32 of every file of
the new generation (its table of contents and its segments' files); `verify` reads them back
before a searcher of that generation is used, and raises `IndexDamaged` on any difference.

Segment files never change once written, so a file already verified in this process (same
name, size, modification time and inode) is not read again when a later generation opens.
An index without a manifest (written by an older Hanlin) is not checked; one whose manifest is
of an older generation (a commit killed before the manifest was written) is checked for the
files that manifest lists.
"""

from __future__ import annotations

import json
import os
import threading
import zlib
from collections.abc import Iterable
from pathlib import Path

from indexer.errors import LibraryError

#: The manifest's file name in the index folder.
MANIFEST = "hanlin-checksums.json"
_CHUNK = 1 << 20

_verified: dict[tuple[str, int, int, int], int] = {}
_verified_lock = threading.Lock()


class IndexDamaged(LibraryError):
    """An index file's bytes differ from what was written at commit (or the manifest is unreadable)."""


def crc32_file(path: Path) -> int:
    """The CRC-32 of a file's bytes."""
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def write(folder: Path, generation: int, names: Iterable[str]) -> None:
    """Record the size and CRC-32 of `names` (the files of `generation`) in the manifest, atomically."""
    files = {}
    for name in sorted(names):
        path = folder / name
        stat = path.stat()
        crc = crc32_file(path)
        files[name] = [stat.st_size, crc]
        _remember(path, stat, crc)
    body = json.dumps({"generation": generation, "files": files}).encode("ascii")
    temp = folder / f"{MANIFEST}.{os.getpid()}.tmp"
    temp.write_bytes(body)
    os.replace(temp, folder / MANIFEST)


def verify(folder: Path, names: Iterable[str]) -> None:
    """Raise `IndexDamaged` if a file among `names` differs from the manifest (see the module docstring)."""
    listed = _read(folder)
    if listed is None:
        return
    for name in names:
        if name not in listed:
            continue
        size, crc = listed[name]
        path = folder / name
        try:
            stat = path.stat()
            actual = _known(path, stat)
            if actual is None and stat.st_size == size:
                actual = crc32_file(path)
        except OSError as exc:
            raise _damaged(folder, name, f"{type(exc).__name__}: {exc}") from exc
        if stat.st_size != size:
            raise _damaged(folder, name, f"大小 size {stat.st_size} ≠ {size}")
        if actual != crc:
            raise _damaged(folder, name, "CRC-32 不符 (checksum mismatch)")
        _remember(path, stat, actual)


def forget() -> None:
    """Drop what this process remembers as verified (a later `verify` reads every file again)."""
    with _verified_lock:
        _verified.clear()


def _read(folder: Path) -> dict[str, tuple[int, int]] | None:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_bytes())
        return {str(name): (int(entry[0]), int(entry[1])) for name, entry in data["files"].items()}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise _damaged(folder, MANIFEST, f"清单无法读取 (unreadable manifest: {type(exc).__name__})") from exc


def _key(path: Path, stat: os.stat_result) -> tuple[str, int, int, int]:
    return str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino


def _known(path: Path, stat: os.stat_result) -> int | None:
    with _verified_lock:
        return _verified.get(_key(path, stat))


def _remember(path: Path, stat: os.stat_result, crc: int) -> None:
    with _verified_lock:
        _verified[_key(path, stat)] = crc


def _damaged(folder: Path, name: str, why: str) -> IndexDamaged:
    return IndexDamaged(f"{folder / name}: 索引文件已损坏 (an index file is damaged: {why})")
