"""`hanlin bundle create|verify|install`: signed library bundles (see docs/bundles.md).

Exit statuses: 0 done; 2 bad usage or no usable signing key; 4 the library cannot be read or
written; 5 the bundle was refused (the message names the check that failed).
"""

from __future__ import annotations

import argparse
import json

from indexer.bundles import bundle
from indexer.cli.args import library_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `bundle` sub-command and its actions."""
    parser = subparsers.add_parser("bundle", help="签名文献包 (signed library bundles)",
                                   description="打包、校验和安装签名文献包 (create, verify and install signed "
                                               "library bundles)")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="把文献库打成签名文献包 (bundle a library and sign it)")
    create.add_argument("--library", required=True, type=library_dir, metavar="DIR", help="文献库文件夹 (library folder)")
    create.add_argument("-o", "--out", required=True, metavar="FILE", help="文献包文件 (bundle file to write)")
    create.add_argument("--key", metavar="NAME", help="签名密钥 (signing key; default: the only key)")
    create.add_argument("--json", action="store_true", help="以 JSON 输出 (print JSON)")
    create.set_defaults(handler=run_create)
    verify = actions.add_parser("verify", help="校验文献包 (check a bundle's signature and contents)")
    verify.add_argument("file", metavar="FILE", help="文献包文件 (bundle file)")
    verify.add_argument("--json", action="store_true", help="以 JSON 输出 (print JSON)")
    verify.set_defaults(handler=run_verify)
    install = actions.add_parser("install", help="校验并安装文献包 (verify and install a bundle, read-only)")
    install.add_argument("file", metavar="FILE", help="文献包文件 (bundle file)")
    install.add_argument("--library", required=True, type=library_dir, metavar="DIR", help="安装到此文件夹 (library folder)")
    install.add_argument("--force", action="store_true",
                         help="替换不是由文献包安装的文件夹 (replace a folder not installed from a bundle)")
    install.add_argument("--allow-downgrade", action="store_true",
                         help="允许安装比已安装的更旧的文献包 (allow an older bundle of the same library)")
    install.add_argument("--json", action="store_true", help="以 JSON 输出 (print JSON)")
    install.set_defaults(handler=run_install)


def run_create(args: argparse.Namespace) -> int:
    """Bundle and sign a library."""
    info = bundle.create_bundle(args.library, args.out, key_name=args.key)
    _print(f"已创建文献包 bundle created: {info.path}", info, args.json)
    return 0


def run_verify(args: argparse.Namespace) -> int:
    """Verify a bundle; a refusal propagates as `BundleError` (exit status 5)."""
    info = bundle.verify_bundle(args.file)
    _print(f"文献包有效 bundle verified: {info.path}", info, args.json)
    return 0


def run_install(args: argparse.Namespace) -> int:
    """Verify and install a bundle."""
    info = bundle.install_bundle(args.file, args.library, force=args.force, allow_downgrade=args.allow_downgrade)
    _print(f"已安装到 installed into: {args.library}（只读 read-only）", info, args.json)
    return 0


def _print(headline: str, info: bundle.BundleInfo, as_json: bool) -> None:
    facts = info.summary()
    if as_json:
        print(json.dumps(facts, ensure_ascii=False, indent=1))
        return
    print(headline)
    print(f"  文献库 library id: {facts['library_id']}  创建于 created: {facts['created_at']}")
    print(f"  文档 documents: {facts['documents']}  段落 passages: {facts['passages']}  文件 files: {facts['files']}"
          f"  ({facts['members']} 个成员 members, {facts['bytes']} bytes)")
    print(f"  签名 signed by: {facts['key_name'] or '-'}  指纹 fingerprint: {facts['fingerprint']}")
