"""`hanlin analyze --library DIR [QUERY…] [--json | --csv TABLE | --xlsx FILE] [--top N]`.

The numbers of the 分析 view (`indexer.insight`): documents by year, type, source and issuer,
top authors and institutions, the policy timeline, the keyword network and its clusters, burst
terms — over the whole library, or over the documents a query finds (the search's language).
"""

from __future__ import annotations

import argparse
import json
import sys

from indexer.cli.args import library_dir, positive
from indexer.errors import HanlinError
from indexer.insight.report import Analysis

#: The tables `--csv` can print (`Analysis.tables`).
TABLES = ("counts_year", "counts_doc_type", "counts_source", "counts_issuer", "authors", "institutions", "timeline",
          "network", "bursts")


class _UsageError(HanlinError):
    exit_code = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `analyze` sub-command."""
    p = subparsers.add_parser(
        "analyze", help="文献计量与政策时间线 (bibliometrics and policy timelines of a library)",
        description="统计整个文献库或某次检索命中的文献：年份、类型、来源、发文机关，核心作者与机构，政策时间线，"
                    "关键词共现网络与聚类，突现词 (analyse the whole library or the documents a query finds)")
    p.add_argument("query", nargs="*", help="检索式，省略则分析整个文献库 (a query; none: the whole library)")
    p.add_argument("--library", required=True, type=library_dir, metavar="DIR", help="文献库文件夹 (library folder)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="以 JSON 输出全部结果 (print everything as JSON)")
    out.add_argument("--csv", choices=TABLES, metavar="TABLE",
                     help="以 CSV 输出一张表 (print one table as CSV): " + ", ".join(TABLES))
    out.add_argument("--xlsx", metavar="FILE", help="把全部表格写入一个 XLSX 文件 (write every table to an XLSX file)")
    p.add_argument("--top", type=positive(int, 10_000), default=20, metavar="N",
                   help="作者、机构各列前几名 (authors and institutions to list, default 20)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Analyse and print (or write the workbook)."""
    from indexer.insight.library import analyse_library

    analysis = analyse_library(args.library, " ".join(args.query), top=args.top)
    if args.json:
        json.dump(analysis.to_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args.csv:
        from indexer.insight.tables import csv_text

        sys.stdout.write(csv_text(analysis.tables()[args.csv]))
    elif args.xlsx:
        from indexer.insight.tables import write_xlsx

        write_xlsx(args.xlsx, analysis.tables())
        print(f"已写入 written: {args.xlsx}")
    else:
        print(summary(analysis))
    return 0


def summary(analysis: Analysis, shown: int = 10) -> str:
    """The analysis as readable lines: the first `shown` of each part."""
    scope = f"“{analysis.scope}”命中的 {analysis.documents} 篇文献" if analysis.scope else \
        f"整个文献库 {analysis.documents} 篇文献"
    lines = [f"分析 analysis: {scope} (documents)"]
    labels = {"year": "年份 year", "doc_type": "类型 type", "source": "来源 source", "issuer": "发文机关 issuer"}
    for dimension, label in labels.items():
        items = list(analysis.counts[dimension].items())
        if dimension != "year":
            items = items[:shown]
        lines.append(f"{label}: " + "  ".join(f"{value or '（未知）'} {n}" for value, n in items))
    lines.append("核心作者 authors: " + "  ".join(
        f"{a.name} {a.documents}" + (f"（{a.institutions[0]}）" if a.institutions else "") for a in analysis.authors[:shown]))
    lines.append("机构 institutions: " + "  ".join(f"{i.name} {i.documents}" for i in analysis.institutions[:shown]))
    lines.append(f"政策时间线 timeline: {len(analysis.timeline)} 件 (documents)")
    for entry in analysis.timeline[:shown]:
        lines.append(f"  {entry.date or '（日期未知）'}  {'、'.join(entry.issuers) or '（机关未知）'}  "
                     f"{entry.doc_number}  {entry.title}".rstrip())
    lines.append(f"关键词共现 network: {len(analysis.network.nodes)} 个词 terms, {len(analysis.network.edges)} 条边 edges")
    for number, members in enumerate(analysis.network.clusters[:shown], 1):
        lines.append(f"  聚类 cluster {number}: " + "、".join(members[:8]))
    lines.append("突现词 bursts: " + "  ".join(f"{b.term} {b.start}–{b.end} ({b.weight:.2f})"
                                            for b in analysis.bursts[:shown]))
    return "\n".join(lines)
