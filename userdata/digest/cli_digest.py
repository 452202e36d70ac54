"""`hanlin digest list|export`: the user's digests for scripting (entry point ``hanlin.commands``).

Registered through the entry-point group, not `indexer.cli.COMMAND_MODULES`, because `indexer`
may not import `desktop`. No Qt. Exit statuses: 0 done; 2 bad usage; 4 the library given with
``--library`` cannot be opened; 6 no such digest, or the output cannot be written; 7 the export
was refused because of the digest's classification mark; 8 the user database cannot be opened
(damaged, from a newer Hanlin, unreadable).
"""

from __future__ import annotations

import argparse
import contextlib
import json
from pathlib import Path
from typing import TypedDict

from indexer.library.reader import CatalogReader
from userdata.db import DB_NAME, default_dir
from userdata.digest.exporting import export_digest
from userdata.digest.model import FORMATS
from userdata.digest.store import DigestStore
from userdata.errors import DigestError
from userdata.notes.store import NoteStore


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `digest` sub-command and its actions."""
    parser = subparsers.add_parser("digest", help="专题摘编 (annotated policy digests)",
                                   description="列出和导出用户的专题摘编 (list and export the user's digests)")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="列出摘编 (list digests)")
    listing.add_argument("--deleted", action="store_true", help="包括已删除的摘编 (include deleted digests)")
    listing.add_argument("--json", action="store_true", help="输出 JSON (print as JSON)")
    listing.set_defaults(handler=run_list)
    export = actions.add_parser("export", help="导出摘编并记入审计日志 (export a digest; the export is audited)")
    export.add_argument("digest", metavar="ID", help="摘编编号，或其唯一前缀 (digest id, or a unique prefix of it)")
    export.add_argument("--format", required=True, choices=FORMATS, help="导出格式 (output format)")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件 (file to write)")
    export.add_argument("--library", metavar="DIR",
                        help="引文所在的文献库：取其当前密级和密级顺序 (the library quoted: its current marks and "
                             "mark order; without it, the marks recorded with the items and the default order)")
    export.add_argument("--json", action="store_true", help="以 JSON 输出审计记录 (print the audit row as JSON)")
    export.set_defaults(handler=run_export)
    for action in (listing, export):
        action.add_argument("--user-dir", metavar="DIR",
                            help="用户数据库所在文件夹 (folder of the user database; default: the app's, or "
                                 "$HANLIN_USER_DIR)")


def run_list(args: argparse.Namespace) -> int:
    """Print the digests, most recently changed first."""
    rows = []
    if user_database_exists(args.user_dir):  # listing never creates the user database
        with contextlib.closing(DigestStore(args.user_dir)) as store:
            rows = [_summary(store, d.id) for d in store.digests(deleted=args.deleted)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for row in rows:
        mark = f"【{row['mark']}】" if row["mark"] else ""
        print(f"{row['id']}  {mark}{row['title']}  {row['issue']}  {row['items']} 条 items  "
              f"更新 updated {row['updated'][:19].replace('T', ' ')}{'  已删除 deleted' if row['deleted'] else ''}")
    if not rows:
        print("没有摘编 (no digests)")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export one digest and print where it went and its SHA-256."""
    with contextlib.ExitStack() as stack:
        store = stack.enter_context(contextlib.closing(DigestStore(args.user_dir)))
        notes = stack.enter_context(contextlib.closing(NoteStore(store.folder)))
        reader = stack.enter_context(CatalogReader(args.library)) if args.library else None
        entry = export_digest(store, resolve_id(store, args.digest), args.format, Path(args.output),
                              notes=notes, reader=reader)
    if args.json:
        print(json.dumps({**entry.__dict__, "item_ids": list(entry.item_ids)}, ensure_ascii=False, indent=1))
    else:
        print(f"已导出 exported: {entry.path}")
        print(f"  SHA-256: {entry.sha256}  ({entry.size} bytes, {entry.format})")
        print(f"  密级 mark: {entry.mark or '无 none'}  审计记录 audit row: {entry.id}")
    return 0


def user_database_exists(user_dir: str | None) -> bool:
    """Whether the user database is there (in `user_dir`, else the default folder)."""
    return (Path(user_dir) if user_dir else default_dir()).joinpath(DB_NAME).is_file()


def resolve_id(store: DigestStore, text: str) -> str:
    """A digest id from the id or a unique prefix of it (at least 4 characters); else `DigestError`."""
    if store.digest(text) is not None:
        return text
    matches = [d.id for d in store.digests(deleted=True) if len(text) >= 4 and d.id.startswith(text)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise DigestError(f"编号前缀 {text} 对应多个摘编，请写得更长 (the prefix {text} matches several digests)")
    raise DigestError(f"没有编号为 {text} 的摘编；hanlin digest list 列出全部 (no digest with id {text}: "
                      f"hanlin digest list shows them)")


class DigestSummary(TypedDict):
    """One digest as `hanlin digest list` shows it (`--json`: one object of the list)."""

    id: str
    title: str
    issue: str
    compiler: str
    organisation: str
    date: str
    mark: str
    sections: int
    items: int
    created: str
    updated: str
    deleted: bool


def _summary(store: DigestStore, digest_id: str) -> DigestSummary:
    outline = store.outline(digest_id)
    d = outline.digest
    return {"id": d.id, "title": d.title, "issue": d.issue, "compiler": d.compiler, "organisation": d.organisation,
            "date": d.date, "mark": d.mark, "sections": len(outline.sections), "items": len(outline.items()),
            "created": d.created, "updated": d.updated, "deleted": d.deleted}
