"""`hanlin keys create|export|trust|untrust|list`: librarian signing keys and trusted keys.

Keys live in the user's configuration folder (see `indexer.bundles.keys`). A staff machine trusts a
librarian's public key (``hanlin keys trust FILE``) after comparing its fingerprint with the
librarian over a channel they trust; from then on it installs bundles signed with it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from indexer import fs
from indexer.bundles import keys


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `keys` sub-command and its actions."""
    parser = subparsers.add_parser("keys", help="签名密钥和受信任的密钥 (signing keys and trusted keys)",
                                   description="管理文献包签名密钥 (manage the keys that sign library bundles)")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="新建签名密钥 (create a signing key pair)")
    create.add_argument("--name", required=True, help="密钥名称 (key name, e.g. 资料室)")
    create.add_argument("--out", metavar="DIR", help="把公钥另存到此目录 (also write the public key here)")
    create.set_defaults(handler=run_create)
    export = actions.add_parser("export", help="导出公钥 (print or write a public key)")
    export.add_argument("--name", help="密钥名称 (key name; default: the only key)")
    export.add_argument("-o", "--out", metavar="FILE", help="写入文件 (write to this file)")
    export.set_defaults(handler=run_export)
    trust = actions.add_parser("trust", help="信任某个馆员的公钥 (trust a librarian's public key)")
    trust.add_argument("pubfile", metavar="PUBFILE", help="公钥文件 (.pub)")
    trust.set_defaults(handler=run_trust)
    untrust = actions.add_parser("untrust", help="不再信任某个公钥 (stop trusting a key)")
    untrust.add_argument("key_id", metavar="KEY_ID", help="密钥编号或其前缀，至少 8 位 (key id or a prefix of 8+ digits)")
    untrust.set_defaults(handler=run_untrust)
    listing = actions.add_parser("list", help="列出密钥 (list own and trusted keys)")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出 (print JSON)")
    listing.set_defaults(handler=run_list)


def run_create(args: argparse.Namespace) -> int:
    """Create a key pair; print where it went and its fingerprint."""
    public = keys.create_key(args.name)
    print(f"已创建密钥 created key {public.name}: {keys.keys_dir() / (public.name + '.key')} (0600)")
    if args.out:
        out = Path(args.out) / f"{public.name}.pub"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(public.line(), encoding="utf-8")
        print(f"公钥 public key: {out}")
    print(f"指纹 fingerprint: {public.fingerprint}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Print (or write) the public key of one of this user's keys."""
    _, public = keys.load_private(keys.default_key_name(args.name))
    if args.out:
        _write_public(Path(args.out), public.line())
        print(f"公钥 public key: {args.out}  指纹 fingerprint: {public.fingerprint}", file=sys.stderr)
    else:
        sys.stdout.write(public.line())
    return 0


def run_trust(args: argparse.Namespace) -> int:
    """Trust a public key file; print its fingerprint for the user to compare."""
    public = keys.read_public(args.pubfile)
    keys.trust_key(public)
    print(f"已信任 trusted {public.name or '(未命名 unnamed)'}  指纹 fingerprint: {public.fingerprint}")
    print("请与馆员核对指纹 (compare this fingerprint with the librarian's)")
    return 0


def run_untrust(args: argparse.Namespace) -> int:
    """Remove a key from the trusted keys."""
    if not keys.untrust_key(args.key_id):
        raise keys.SigningKeyError(f"没有这个受信任的密钥 (no trusted key with id {args.key_id!r})")
    print(f"已不再信任 no longer trusted: {args.key_id}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """List this user's keys and the trusted keys."""
    own = []
    for name in keys.own_keys():
        _, public = keys.load_private(name)
        own.append({"name": name, "key_id": public.key_id, "fingerprint": public.fingerprint})
    trusted = [{"name": k.name, "key_id": k.key_id, "fingerprint": k.fingerprint} for k in keys.trusted_keys()]
    if args.json:
        print(json.dumps({"own": own, "trusted": trusted}, ensure_ascii=False, indent=1))
        return 0
    print("本机签名密钥 own signing keys:" + ("" if own else " 无 none"))
    for k in own:
        print(f"  {k['name']}  {k['fingerprint']}")
    print("受信任的密钥 trusted keys:" + ("" if trusted else " 无 none"))
    for k in trusted:
        print(f"  {k['name'] or '-'}  {k['fingerprint']}  ({k['key_id']})")
    return 0


def _write_public(path: Path, line: str) -> None:
    """Write a public key file through `fs.replacing`; a folder, device, pipe or socket is refused."""
    try:
        with fs.replacing(path) as tmp:
            tmp.write_text(line, encoding="utf-8")
    except OSError as exc:
        raise keys.SigningKeyError(f"无法写入公钥文件 {path}：{fs.storage_problem(exc)} "
                                   f"(cannot write the public key file)") from exc
