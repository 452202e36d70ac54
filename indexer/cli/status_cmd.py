"""`hanlin status --library DIR [--json]`: what a library holds, and the files that failed."""

from __future__ import annotations

import argparse
import datetime
import json

from indexer.cli.args import library_dir
from indexer.library.library import Library, LibraryStatus


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `status` sub-command to the `hanlin` parser."""
    parser = sub.add_parser(
        "status",
        help="显示文献库的统计和失败的文件 (show a library's counts and failed files)",
        description="显示文献库的统计和失败的文件 (show a library's counts and failed files)",
    )
    parser.add_argument("--library", required=True, type=library_dir, metavar="DIR", help="文献库目录 (library folder)")
    parser.add_argument("--json", action="store_true", help="输出 JSON (print as JSON)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the status of the library."""
    with Library.open(args.library) as library:
        info = library.status()
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=1))
    else:
        print(status_text(info))
    return 0


def status_text(info: LibraryStatus) -> str:
    """The status as readable lines."""
    lines = [
        f"文献库 library: {info['library']}",
        (f"文件 files: {info['files_ok']} 成功 ok, {info['files_failed']} 失败 failed "
         f"({info['paths']} 个路径 paths)"
         + (f"；其中 {info['files_no_text']} 个无可检索文字 ({info['files_no_text']} of them with no searchable text)"
            if info["files_no_text"] else "")),
        f"OCR 识别 OCR: {'开 on' if info['ocr'] else '关 off'}",
        f"文档 documents: {info['documents']}   段落 passages: {info['passages']}   页 pages: {info['pages']}",
        (f"索引 index: {_size(info['index_size_bytes'])}, 版本 schema {info['index_schema_version']} "
         f"(程序 this Hanlin: {info['schema_version']})"),
        f"上次索引 last indexed: {_when(info['last_indexed_at'])}",
    ]
    if info["pending_index"]:
        lines.append(f"待写入索引 pending: {info['pending_index']} 个文件，下次 hanlin index 时完成 "
                     "(files to be written to the index by the next hanlin index)")
    if info["no_text_files"]:
        lines.append("无可检索文字的文件（只能按文件名查找） files with no searchable text (found by file name only):")
        lines.extend(f"  {f['path']}: {f['message']} [{f['reason']}]" for f in info["no_text_files"])
    if info["failures"]:
        lines.append("失败的文件 failed files:")
        lines.extend(f"  {f['path']}: {f['message']} [{f['reason']}]" for f in info["failures"])
    return "\n".join(lines)


def _when(timestamp: float | None) -> str:
    if not timestamp:
        return "从未 never"
    return datetime.datetime.fromtimestamp(timestamp).isoformat(sep=" ", timespec="seconds")


def _size(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"
