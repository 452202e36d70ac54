"""`hanlin synonyms list|add|remove`: a library's own synonyms and abbreviations (librarian).

Searches also look for the forms of the shipped dictionary (`indexer/resources/dict/synonyms.txt`)
and of the library's own entries, stored in its catalogue (bundles carry them). An entry is a line
``甲 = 乙 = 丙`` (each finds the others) or ``甲 => 乙`` (甲 finds 乙 only). Exit statuses: 0 done;
2 a malformed entry or one not in the list; 4 the library cannot be opened or is read-only.
"""

from __future__ import annotations

import argparse
import json
import sys

from indexer.cli.args import library_dir
from indexer.errors import QuerySyntaxError
from indexer.library.library import Library


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `synonyms` sub-command and its actions."""
    parser = subparsers.add_parser("synonyms", help="文献库自定义同义词 (a library's own synonyms)",
                                   description="列出、添加、删除文献库自己的同义词和缩略语 (list, add and remove "
                                               "the library's own synonyms and abbreviations)")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="列出 (list the dictionary's version and the library's entries)")
    listing.set_defaults(handler=run_list)
    adding = actions.add_parser("add", help="添加一条 (add an entry)")
    adding.add_argument("entry", metavar="ENTRY", help="例如 e.g. \"科工局 = 国防科工局\" 或 or \"北大 => 北京大学\"")
    adding.set_defaults(handler=run_add)
    removing = actions.add_parser("remove", help="删除一条 (remove an entry, as listed)")
    removing.add_argument("entry", metavar="ENTRY", help="列出的那一行 (the line as listed)")
    removing.set_defaults(handler=run_remove)
    for action in (listing, adding, removing):
        action.add_argument("--library", required=True, type=library_dir, metavar="DIR", help="文献库目录 (library folder)")
        action.add_argument("--json", action="store_true", help="输出 JSON (print as JSON)")


def run_list(args: argparse.Namespace) -> int:
    """Print the shipped dictionary's version and size, and the library's own entries."""
    from indexer.search.synonyms import shipped

    with Library.open(args.library) as library:
        own = _lines(library.own_synonyms())
    dictionary = shipped()
    if args.json:
        json.dump({"dictionary_version": dictionary.version, "dictionary_entries": len(dictionary), "own": own},
                  sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(f"内置词典 shipped dictionary: 第 {dictionary.version} 版 version, {len(dictionary)} 条 entries")
    print(f"本库自定义 own entries: {len(own)}")
    for line in own:
        print("  " + line)
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Add one entry (checked) to the library's own list."""
    entry = " ".join(args.entry.split())
    with Library.open(args.library) as library:
        own = _lines(library.own_synonyms())
        if entry not in own:
            library.set_own_synonyms("\n".join([*own, entry]))
    return _done(args, "已添加 added", entry)


def run_remove(args: argparse.Namespace) -> int:
    """Remove one entry, written as `list` prints it."""
    entry = " ".join(args.entry.split())
    with Library.open(args.library) as library:
        own = _lines(library.own_synonyms())
        if entry not in own:
            raise QuerySyntaxError(f"本库没有这一条：{entry} (no such entry in the library's list)")
        library.set_own_synonyms("\n".join(line for line in own if line != entry))
    return _done(args, "已删除 removed", entry)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _done(args: argparse.Namespace, verb: str, entry: str) -> int:
    if args.json:
        json.dump({"entry": entry}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(f"{verb}: {entry}")
    return 0
