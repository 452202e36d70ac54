"""Tables of an analysis written as CSV (UTF-8 with a BOM, which Excel reads as UTF-8) and XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from indexer.errors import OutputFileError
from indexer.fs import replacing, storage_problem

Table = tuple[list[str], list[list[Any]]]


def csv_text(table: Table) -> str:
    """One table as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table[0])
    writer.writerows(table[1])
    return out.getvalue()


def write_csv(path: str | os.PathLike[str], table: Table) -> None:
    """Write one table to a CSV file (atomically)."""
    write_bytes(path, ("\ufeff" + csv_text(table)).encode("utf-8"))


def write_xlsx(path: str | os.PathLike[str], tables: Mapping[str, Table]) -> None:
    """Write tables to one XLSX workbook, a sheet per table (sheet names cut to Excel's 31 characters)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, (headers, rows) in tables.items():
        sheet = book.create_sheet(name[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for column, header in zip(sheet.columns, headers, strict=False):
            width = max([len(str(header))] + [len(str(c.value or "")) for c in column][:200])
            sheet.column_dimensions[column[0].column_letter].width = min(60, 2 + width * 1.6)
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes(path, buffer.getvalue())


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a file atomically; `OutputFileError` (with why, for people) if it cannot be written."""
    path = Path(path)
    try:
        with replacing(path) as tmp:
            tmp.write_bytes(data)
    except OSError as exc:
        raise OutputFileError(f"{path}: 无法写入文件 (cannot write the file): {storage_problem(exc)}") from exc
