"""`hanlin audit`: the export audit log, read only (entry point ``hanlin.commands``).

Lists every digest export recorded in the user database, oldest first: when (UTC), who,
format, digest, item count, file, SHA-256 and cover mark. There is no command that changes
or deletes a row, and the database refuses it (`userdata.db`). No Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import json

from userdata.digest.cli_digest import user_database_exists
from userdata.digest.store import DigestStore


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `audit` sub-command."""
    parser = subparsers.add_parser("audit", help="摘编导出审计日志 (the digest export audit log)",
                                   description="列出摘编导出的审计记录（只读）(list the digest export audit log; "
                                               "read only)")
    parser.add_argument("--digest", metavar="ID", help="只列出此摘编的导出 (only this digest's exports)")
    parser.add_argument("--json", action="store_true", help="输出 JSON (print as JSON)")
    parser.add_argument("--user-dir", metavar="DIR",
                        help="用户数据库所在文件夹 (folder of the user database; default: the app's, or "
                             "$HANLIN_USER_DIR)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the audit rows."""
    entries = []
    if user_database_exists(args.user_dir):  # reading the log never creates the user database
        with contextlib.closing(DigestStore(args.user_dir)) as store:
            entries = store.audit.entries(args.digest)
    if args.json:
        print(json.dumps([{**e.__dict__, "item_ids": list(e.item_ids)} for e in entries], ensure_ascii=False,
                         indent=1))
        return 0
    for e in entries:
        mark = f"【{e.mark}】" if e.mark else ""
        print(f"{e.id}\t{e.at}\t{e.user}\t{e.format}\t{mark}{e.digest_title} ({e.digest_id[:8]}, "
              f"{len(e.item_ids)} 条 items)\t{e.path}\t{e.sha256}")
    if not entries:
        print("没有导出记录 (no exports recorded)")
    return 0
