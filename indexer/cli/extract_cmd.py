"""`hanlin extract FILE...`: extract PDFs (in sandboxed worker processes) and show the result.

With `--json`, one file prints exactly `ExtractResult.to_json()`; several files print a JSON
list in the order given, a file that failed appearing as `{"file", "error": {"reason",
"message"}}`. A file that cannot be read gets one line on stderr and exit status 3 (1 when
the cause is an internal error).
"""

from __future__ import annotations

import argparse
import json
import sys

from indexer.cli.args import positive
from indexer.errors import ExtractionError
from indexer.extract.model import ExtractResult, PageWarning
from indexer.extract.sandbox import Outcome, extract_files
from indexer.meta import DocumentMeta

EXIT_UNREADABLE = ExtractionError.exit_code
EXIT_INTERNAL = 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `extract` sub-command to the `hanlin` parser."""
    parser = sub.add_parser(
        "extract",
        help="提取 PDF 的文档、元数据和段落 (extract documents, metadata and passages)",
        description="提取 PDF 的文档、元数据和段落 (extract documents, metadata and passages from PDFs)",
    )
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="PDF、OFD、Word、网页或文本文件 (PDF, OFD, .docx/.doc/.wps, .html/.htm, .txt/.md files)")
    parser.add_argument("--json", action="store_true", help="输出 JSON (print the result as JSON)")
    parser.add_argument(
        "--timeout-per-page",
        type=positive(float),
        default=2.0,
        metavar="S",
        help="每页时间上限，秒 (time limit per page, seconds; default 2)",
    )
    parser.add_argument(
        "--min-timeout",
        type=positive(float),
        default=60.0,
        metavar="S",
        help="每个文件至少给的时间，秒 (time any file may take at least; default 60)",
    )
    parser.add_argument(
        "--memory-mb",
        type=positive(int),
        default=2048,
        metavar="N",
        help="每个工作进程的内存上限，MB (address-space cap per worker, MB; default 2048)",
    )
    parser.add_argument("--no-ocr", action="store_true",
                        help="不对扫描页和文字层不可用的页面进行 OCR 识别 "
                        "(do not recognise pages without a usable text layer)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Extract every file, print the results, and return the exit status."""
    outcomes = dict(
        extract_files(
            args.files,
            timeout_per_page=args.timeout_per_page,
            min_timeout=args.min_timeout,
            memory_limit_mb=args.memory_mb,
            ocr=not args.no_ocr,
        )
    )
    ordered = [(path, outcomes[path]) for path in dict.fromkeys(args.files)]
    errors = [o for _, o in ordered if isinstance(o, ExtractionError)]
    for error in errors:
        print(f"hanlin extract: {error.file}: {error.message} [{error.reason}]", file=sys.stderr)
    if args.json:
        _print_json(ordered)
    else:
        for path, outcome in ordered:
            if isinstance(outcome, ExtractResult):
                print(summary(outcome))
    if any(e.reason == "internal" for e in errors):
        return EXIT_INTERNAL
    return EXIT_UNREADABLE if errors else 0


def _print_json(ordered: list[tuple[str, Outcome]]) -> None:
    items = [
        o.to_json()
        if isinstance(o, ExtractResult)
        else {"file": path, "error": {"reason": o.reason, "message": o.message}}
        for path, o in ordered
    ]
    if len(items) == 1:
        if isinstance(ordered[0][1], ExtractionError):
            return  # the error is on stderr; stdout stays empty for a failed single file
        print(json.dumps(items[0], ensure_ascii=False, indent=1))
        return
    print(json.dumps(items, ensure_ascii=False, indent=1))


def summary(result: ExtractResult) -> str:
    """A readable account of one file: documents with their titles and pages, then warnings."""
    lines = [
        (
            f"{result.file}  ({result.pages} 页 pages, {len(result.documents)} 篇文档 documents, "
            f"sha256 {result.sha256[:12]})"
        )
    ]
    for number, doc in enumerate(result.documents, 1):
        facts = [doc.doc_type] + [str(f) for f in (doc.year, doc.doc_number) if f]
        pages = f"p.{doc.first_page}" + (f"–{doc.last_page}" if doc.last_page != doc.first_page else "")
        lines.append(
            f"  {number}. {doc.title or '（无标题 untitled）'}  [{', '.join(facts)}]  "
            f"{pages}, {len(doc.passages)} 段 passages"
        )
        meta = doc.meta
        for label, value in (("作者 authors", "、".join(meta.authors)), ("作者单位 affiliations", "；".join(meta.affiliations)),
                             ("发文机关 issuer", meta.issuer), ("日期 date", meta.date),
                             ("来源 source", " ".join(p for p in (meta.source, "" if meta.journal else meta.issue) if p)),
                             ("卷 期 页 volume, issue, pages", _volume_issue_pages(meta)),
                             ("学位 degree", "，".join(p for p in (meta.degree, meta.institution,
                                                                  meta.supervisor and f"导师 {meta.supervisor}") if p))):
            if value:
                lines.append(f"     {label}: {value}")
    lines.extend(_warning_lines(result))
    return "\n".join(lines)


def _volume_issue_pages(meta: DocumentMeta) -> str:
    """"第12卷 第1期 第1-8页" for a journal article ('' when none is known)."""
    if not meta.journal:
        return ""
    parts = [f"第{meta.volume}卷" if meta.volume else "", f"第{meta.issue}期" if meta.issue else "",
             f"第{meta.pages}页" if meta.pages else ""]
    return " ".join(p for p in parts if p)


def _warning_lines(result: ExtractResult) -> list[str]:
    """Warnings grouped by code: one line per code with its pages, then the first message."""
    if not result.warnings:
        return []
    by_code: dict[str, list[PageWarning]] = {}
    for warning in result.warnings:
        by_code.setdefault(warning.code, []).append(warning)
    lines = [f"  警告 warnings: {len(result.warnings)}"]
    for code, same in by_code.items():
        pages = ", ".join(str(w.page) for w in same[:12] if w.page) + (" …" if len(same) > 12 else "")
        where = f" (p. {pages})" if pages else ""
        lines.append(f"    {code} ×{len(same)}{where}: {same[0].message}")
    return lines
