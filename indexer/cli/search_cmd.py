"""`hanlin search QUERY --library DIR [--json] [--limit N] [--sort relevance|date] [--grouped] [--no-expand]`.

Prints the best passages for a query (see docs/search.md for the query language). Bad
query syntax exits with status 2 and a message; a library that cannot be opened, 4.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys

from indexer.cli.args import library_dir, positive
from indexer.search.results import MATCH_ANY, SearchResults


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `search` sub-command."""
    p = subparsers.add_parser("search", help="检索文献库 search a library",
                              description="检索文献库中的段落 (search the passages of a library); "
                                          "query syntax: docs/search.md")
    p.add_argument("query", nargs="+", help="检索式, e.g. 科技安全 \"新安全格局\" 年份:2020-2025")
    p.add_argument("--library", required=True, type=library_dir, metavar="DIR", help="文献库文件夹 (library folder)")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 (print JSON)")
    p.add_argument("--limit", type=positive(int), default=20, metavar="N", help="最多显示几条 (hits to show, default 20)")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance",
                   help="按相关度或年份排序 (sort by relevance or by year, newest first)")
    p.add_argument("--grouped", action="store_true",
                   help="每篇文献一条，附其它命中段落 (one hit per document)")
    p.add_argument("--no-expand", dest="expand", action="store_false",
                   help="不用同义词和缩略语扩展检索 (do not also search synonyms and abbreviations)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Search and print; errors propagate as `HanlinError` for the dispatcher."""
    from indexer.library.searching import search_library

    query = " ".join(args.query)
    results = search_library(args.library, query, limit=args.limit, sort=args.sort, grouped=args.grouped,
                             expand=args.expand)
    if args.json:
        json.dump(results.to_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_text(results, bold=sys.stdout.isatty())
    return 0


def _print_text(results: SearchResults, bold: bool) -> None:
    unit = "篇文献" if results.grouped else "个段落"
    print(f"“{results.query}”：{results.total} {unit}命中 ({results.elapsed_ms:.0f} ms)")
    if results.expansions:
        print("  也检索了 (also searched)：" + "、".join(results.also_searched()) + "  (--no-expand 关闭 turns it off)")
    if results.ignored:
        print("  未作为检索词 (question words left out)：" + "、".join(results.ignored))
    if results.any_total:
        print(f"  另有 {results.any_total} 个段落只含部分检索词，列在后面 (partial matches follow)")
    shown_any = False
    for rank, hit in enumerate(results.hits, 1):
        if hit.match == MATCH_ANY and not shown_any:
            print("— 以下只含部分检索词 (matching only some terms) —")
            shown_any = True
        year = f" {hit.year}" if hit.year else ""
        print(f"{rank:>2}. {hit.doc_title or '(无标题)'}{year}  [{hit.file} 第{hit.page}页]  {hit.score:.2f}")
        if hit.versions:
            years = "、".join(str(v["year"]) for v in hit.versions if v["year"])
            print(f"    另有 {len(hit.versions)} 个相近版本 (near-duplicate versions)" + (f"：{years}" if years else ""))
        print("    " + _plain(hit.highlight, bold).replace("\n", " "))
        for more in hit.more:
            print(f"    · 第{more['page']}页: " + _plain(more["highlight"], bold).replace("\n", " ")[:80])
    if not results.hits:
        print("没有找到结果 (no hits).")
        if results.suggestions:
            print("可以试试 (try): " + " ／ ".join(results.suggestions))
    if results.facets.get("doc_type"):
        print("类型: " + "  ".join(f"{k} {v}" for k, v in results.facets["doc_type"].items()))
    if results.facets.get("year"):
        print("年份: " + "  ".join(f"{k} {v}" for k, v in list(results.facets["year"].items())[:8]))


def _plain(highlight: str, bold: bool) -> str:
    opened, closed = ("\033[1m", "\033[0m") if bold else ("【", "】")
    text = re.sub(r"<b>", opened, highlight)
    text = re.sub(r"</b>", closed, text)
    return html.unescape(text)
