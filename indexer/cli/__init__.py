"""The `hanlin` command line: a thin adapter over the `indexer` library.

Each sub-command lives in its own module exposing `register(subparsers)`; this module
parses arguments, dispatches, and turns our exceptions into messages and exit codes.
The built-in modules are `COMMAND_MODULES`; other packages add sub-commands through the
entry-point group ``hanlin.commands`` (name = sub-command, value = a module with
`register`), which is how the digest commands of `desktop` (Qt-free modules) reach the CLI
without `indexer` importing `desktop`. A plug-in that fails to load is reported on stderr
and left out; the built-in commands still work. Exit codes:

    0  success (for `index`: the library is usable, even if some files failed)
    1  unexpected internal error
    2  bad usage, bad query syntax, an unknown classification mark or document
    3  a file could not be extracted (`extract` on a single file)
    4  the library cannot be opened or written
    5  a library bundle was refused (the message names the failed check)
    6  a digest does not exist, or its export file (or an analysis table) cannot be written
    7  a digest export was refused: its classification mark is missing or too low
    8  the user database (notes.db) cannot be opened: damaged, from a newer Hanlin, or unreadable
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import threading
from typing import TYPE_CHECKING, NoReturn

from indexer.errors import HanlinError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "hanlin.commands"
COMMAND_MODULES = (
    "extract_cmd", "index_cmd", "search_cmd", "status_cmd", "bundle_cmd", "keys_cmd", "mark_cmd", "synonyms_cmd",
    "analyze_cmd",
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every available sub-command registered.

    With `command`, the name of a built-in sub-command, only that one is registered: its module
    alone is imported (the others import the library, the extractors, the analysis: a third of a
    second before `hanlin search` could start). Any other name gets the whole parser.
    """
    if command is not None and f"{command}_cmd" in COMMAND_MODULES:
        parser, sub = _empty_parser()
        importlib.import_module(f"indexer.cli.{command}_cmd").register(sub)
        if command in sub.choices:
            return parser
    parser, sub = _empty_parser()
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"indexer.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"indexer.cli.{name}":
                raise
            continue
        module.register(sub)
    for entry in plugin_commands():
        if entry.name in sub.choices:
            continue  # a built-in command of that name wins
        try:
            module = entry.load()
        except Exception as exc:  # noqa: BLE001 -- a broken plug-in must not take the built-in commands down
            print(f"hanlin: 无法加载命令 {entry.name}（{entry.value}）(cannot load the {entry.name} command: "
                  f"{type(exc).__name__}: {exc})", file=sys.stderr)
            continue
        module.register(sub)
    return parser


def _empty_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction[argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(prog="hanlin", description="翰林 Hanlin: offline Chinese PDF retrieval")
    return parser, parser.add_subparsers(dest="command", required=True)


def plugin_commands() -> list[EntryPoint]:
    """The ``hanlin.commands`` entry points of the installed distributions, by name, without repeats.

    `importlib.metadata` is imported here: a built-in command never asks (its import is about
    30 ms of every run).
    """
    from importlib.metadata import entry_points

    found: dict[str, EntryPoint] = {}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(entry.name, entry)
    return [found[name] for name in sorted(found)]


def console_main() -> NoReturn:
    """The `hanlin` console script: `main`, then a quick exit.

    When a command returns, what it opened is closed (libraries, indexes, worker processes);
    the interpreter's own teardown, freeing every module and object one by one, would still
    cost about 0.08 s of CPU per run (`hanlin index` of the ingest set), paid by every command
    a script runs. Output is flushed and logging shut down first; while a thread of the command
    other than a daemon one is still running, the usual exit waits for it instead.
    """
    code = main()
    if any(t is not threading.main_thread() and not t.daemon for t in threading.enumerate()):
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away, or the stream was closed
            pass
    logging.shutdown()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """The `hanlin` command line: run the command `argv` (default: `sys.argv`) gives; its exit status."""
    _utf8_stdio()
    given = sys.argv[1:] if argv is None else argv
    parser = build_parser(given[0] if given and not given[0].startswith("-") else None)
    args = parser.parse_args(argv)
    undecodable = _undecodable_text_argument(args)
    if undecodable:
        parser.error(f"参数 {undecodable} 不是有效的 UTF-8 文字 (the argument {undecodable} is not valid UTF-8 text; "
                     "only the names of files and folders to read may be)")
    try:
        return int(args.handler(args) or 0)
    except HanlinError as exc:
        print(f"hanlin: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("hanlin: 已中断 interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`hanlin search … | head`): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


#: Arguments naming files or folders that are read: their names may be any bytes the file system
#: allows (Python hands over the undecodable ones as surrogate escapes). Every other argument is
#: text that ends up in a database, a document or a message, and must be valid UTF-8.
PATH_ARGUMENTS = frozenset({"paths", "files", "file", "library", "user_dir", "pubfile"})


def _undecodable_text_argument(args: argparse.Namespace) -> str | None:
    """The name of the first text argument that holds bytes which are not UTF-8, if any."""
    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS:
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str) and not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return name
    return None


def _utf8_stdio() -> None:
    """Chinese output must not depend on the console's locale (Windows, C locale).

    A file name that is not valid UTF-8 reaches us with surrogate escapes; they are written as
    ``\\udcff``, which JSON reads back as the same `str` (`os.fsencode` gives the bytes).
    """
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


if __name__ == "__main__":
    sys.exit(main())
