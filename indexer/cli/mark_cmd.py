"""`hanlin mark set|clear|list|levels`: classification marks on a library's documents (librarian).

A target is a document id (as `hanlin search --json` prints it) or the path of a catalogued
file (every document in it). Exit statuses: 0 done; 2 an unknown mark, document or file, or a
mark list that drops a mark in use; 4 the library cannot be opened or is read-only.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Mapping

from indexer.cli.args import library_dir
from indexer.library.library import Library


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `mark` sub-command and its actions."""
    parser = subparsers.add_parser("mark", help="文档密级标识 (classification marks on documents)",
                                   description="设置、清除和列出文档的密级标识 (set, clear and list the "
                                               "classification marks of a library's documents)")
    actions = parser.add_subparsers(dest="action", required=True)
    setting = actions.add_parser("set", help="给文档设置密级 (mark documents)")
    setting.add_argument("mark", metavar="MARK", help="密级，须在密级列表中 (a mark from the library's list)")
    setting.add_argument("targets", nargs="+", metavar="TARGET", help="文档编号或文件路径 (document id or file path)")
    setting.set_defaults(handler=run_set)
    clearing = actions.add_parser("clear", help="清除文档的密级 (remove documents' marks)")
    clearing.add_argument("targets", nargs="+", metavar="TARGET", help="文档编号或文件路径 (document id or file path)")
    clearing.set_defaults(handler=run_clear)
    listing = actions.add_parser("list", help="列出已标密级的文档 (list marked documents)")
    listing.set_defaults(handler=run_list)
    levels = actions.add_parser("levels", help="显示或设置密级列表 (show or set the ordered mark list)")
    levels.add_argument("--set", nargs="+", dest="levels", metavar="MARK",
                        help="新的密级列表，由低到高 (the new list, lowest first)")
    levels.set_defaults(handler=run_levels)
    for action in (setting, clearing, listing, levels):
        action.add_argument("--library", required=True, type=library_dir, metavar="DIR", help="文献库目录 (library folder)")
        action.add_argument("--json", action="store_true", help="输出 JSON (print as JSON)")


def run_set(args: argparse.Namespace) -> int:
    """Mark every document the targets name."""
    with Library.open(args.library) as library:
        ids = _resolve(library, args.targets)
        marked = library.set_mark(ids, args.mark)
    _report(args, {"mark": args.mark, "documents": marked}, f"已标为 marked {args.mark}: {len(marked)} 个文档 documents")
    return 0


def run_clear(args: argparse.Namespace) -> int:
    """Remove the marks of every document the targets name."""
    with Library.open(args.library) as library:
        cleared = library.clear_mark(_resolve(library, args.targets))
    _report(args, {"documents": cleared}, f"已清除密级 cleared: {len(cleared)} 个文档 documents")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print every marked document."""
    with Library.open(args.library, read_only=True) as library:
        marked = library.marked_documents()
    if args.json:
        print(json.dumps([m.__dict__ for m in marked], ensure_ascii=False, indent=1))
        return 0
    for m in marked:
        when = datetime.datetime.fromtimestamp(m.set_at).isoformat(sep=" ", timespec="seconds") if m.set_at else ""
        print(f"{m.mark}\t{m.doc_id}\t{m.title}\t{m.path}\t{m.set_by} {when}".rstrip())
    if not marked:
        print("没有已标密级的文档 (no marked documents)")
    return 0


def run_levels(args: argparse.Namespace) -> int:
    """Print the mark list, or replace it."""
    with Library.open(args.library, read_only=not args.levels) as library:
        levels = library.set_mark_levels(args.levels) if args.levels else library.mark_levels()
    _report(args, {"levels": list(levels.levels)}, " < ".join(levels.levels))
    return 0


def _resolve(library: Library, targets: list[str]) -> list[str]:
    return list(dict.fromkeys(doc_id for target in targets for doc_id in library.documents_of(target)))


def _report(args: argparse.Namespace, facts: Mapping[str, object], line: str) -> None:
    print(json.dumps(facts, ensure_ascii=False) if args.json else line)
