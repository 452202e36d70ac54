"""Write a file through a temporary sibling so a failed export never leaves a partial file."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from indexer import fs
from userdata.digest.export.errors import ExportError


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """`indexer.fs.replacing`, with an `OSError` (folder missing, no permission, disk full) as an `ExportError`."""
    path = Path(path)
    try:
        with fs.replacing(path) as tmp:
            yield tmp
    except OSError as exc:
        raise _write_error(path, exc) from exc


def _write_error(path: Path, exc: OSError) -> ExportError:
    reason = exc.strerror or exc.__class__.__name__
    return ExportError("write", f"无法写入导出文件 {path}：{reason}（cannot write the export file {path}: {reason}）")
