"""`hanlin index PATH... --library DIR`: add PDFs to a library, incrementally.

Progress goes to stderr (a bar on a terminal, periodic lines otherwise); the summary goes to
stdout (JSON with `--json`). The exit status is 0 whenever the library is usable, even if some
files could not be extracted: they are listed, and stay in the catalogue with their error.
Folders and paths that could not be looked at (no permission, too long, a FIFO or device named
``*.pdf``) are listed too (``unreadable``). When no PDF was found and some path given does not
exist or cannot be read, the status is 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from indexer.cli.args import library_dir, positive
from indexer.library.progress import COMMIT_MAX_PASSAGES, COMMIT_MIN_PASSAGES, ProgressPrinter

if TYPE_CHECKING:
    from indexer.library.library import IndexSummary

EXIT_NO_INPUT = 2
FAILURES_SHOWN = 50


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `index` sub-command to the `hanlin` parser."""
    parser = sub.add_parser(
        "index",
        help="把 PDF 加入文献库，增量更新 (add PDFs to a library, incrementally)",
        description="把文件或文件夹（递归查找 PDF、OFD、Word、网页和文本文件）加入文献库；未变的文件跳过 "
        "(add files or folders, searched recursively for *.pdf, *.ofd, *.docx, *.doc, *.wps, *.html, *.htm, "
        "*.txt, *.md, to a library; unchanged files are skipped)",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="PDF 文件或文件夹 (PDF files or folders)")
    parser.add_argument("--library", required=True, type=library_dir, metavar="DIR", help="文献库目录 (library folder)")
    parser.add_argument("--prune", action="store_true",
                        help="从库中删除已不存在的文件 (drop files that no longer exist)")
    parser.add_argument("--workers", type=positive(int, 256), metavar="N",
                        help="提取进程数，默认为 CPU 核数 (extraction processes; default: number of cores)")
    parser.add_argument("--retry-failed", action="store_true",
                        help="重新提取以前失败的文件 (extract files that failed before again, even if unchanged)")
    parser.add_argument("--commit-every", type=positive(int), default=None, metavar="N",
                        help=f"每 N 个文件提交一次索引；默认待写段落达到 {COMMIT_MIN_PASSAGES} 与已索引段落数中"
                        f"较大者（至多 {COMMIT_MAX_PASSAGES}）时提交 (commit the index every N files; by default when "
                        f"the passages waiting reach {COMMIT_MIN_PASSAGES:,} or the number already indexed, "
                        f"whichever is larger, at most {COMMIT_MAX_PASSAGES:,})")
    parser.add_argument("--no-ocr", action="store_true",
                        help="本次不对扫描页和文字层不可用的页面进行 OCR 识别；这些文件列为无可检索文字 "
                        "(this run does not recognise pages without a usable text layer; their files are "
                        "listed as having no searchable text)")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出摘要 (print the summary as JSON)")
    parser.add_argument("--quiet", action="store_true", help="不显示进度 (no progress on stderr)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Index the paths; print the summary; 0 when the library is usable."""
    from indexer.extract.sandbox import StartedWorkers, pool_size

    printer = None if args.quiet else ProgressPrinter(sys.stderr)
    # The extraction workers start first: their start-up (Python, the extraction modules: about
    # half a second of CPU each) overlaps loading the library's modules, opening the library and
    # finding the files. The run stops those it does not need.
    with StartedWorkers(pool_size(args.workers, sys.maxsize)) as started:
        from indexer.library.library import Library

        with Library.open(args.library, create=True) as library:
            try:
                summary = library.add(args.paths, prune=args.prune, workers=args.workers,
                                      on_progress=printer, commit_files=args.commit_every,
                                      retry_failed=args.retry_failed, ocr=False if args.no_ocr else None,
                                      started=started)
            finally:
                if printer is not None:
                    printer.finish()
    for path in summary.missing:
        print(f"hanlin index: {path}: 路径不存在 (no such file or folder)", file=sys.stderr)
    if args.json:
        print(json.dumps(summary_json(summary), ensure_ascii=False, indent=1))
    else:
        print(summary_text(summary))
    if (summary.missing or summary.unreadable) and not summary.found:
        return EXIT_NO_INPUT
    return 0


def summary_json(summary: IndexSummary) -> dict[str, Any]:
    """The summary as plain JSON data."""
    return {
        "found": summary.found,
        "indexed": len(summary.indexed),
        "skipped": summary.skipped,
        "duplicates": summary.duplicates,
        "failed": [{"path": f.path, "reason": f.reason, "message": f.message} for f in summary.failed],
        "no_text": [{"path": f.path, "message": f.message} for f in summary.no_text],
        "pruned": summary.pruned,
        "missing": summary.missing,
        "unreadable": [{"path": u.path, "reason": u.reason, "message": u.message} for u in summary.unreadable],
        "pages": summary.pages,
        "documents": summary.documents,
        "passages": summary.passages,
        "seconds": round(summary.seconds, 2),
    }


def summary_text(summary: IndexSummary) -> str:
    """A few lines: counts, then each failed file with its reason."""
    lines = [
        f"找到 found {summary.found} 个文件 files；新索引 indexed {len(summary.indexed)}"
        f"（{summary.documents} 篇文档 documents, {summary.passages} 段 passages, {summary.pages} 页 pages）；"
        f"未变跳过 skipped {summary.skipped}；重复 duplicates {summary.duplicates}；"
        f"失败 failed {len(summary.failed)}"
        + (f"；无可检索文字 no searchable text {len(summary.no_text)}" if summary.no_text else "")
        + (f"；未读取 unreadable {len(summary.unreadable)}" if summary.unreadable else "")
        + (f"；已移除 pruned {summary.pruned}" if summary.pruned else "")
        + f"；用时 {summary.seconds:.1f} 秒 s"
    ]
    for problem in summary.unreadable[:FAILURES_SHOWN]:
        lines.append(f"  未读取 unreadable: {problem.path}: {problem.message} [{problem.reason}]")
    if len(summary.unreadable) > FAILURES_SHOWN:
        lines.append(f"  … 另有 {len(summary.unreadable) - FAILURES_SHOWN} 个路径未能读取 "
                     "(more paths could not be read: see --json)")
    for item in summary.no_text[:FAILURES_SHOWN]:
        lines.append(f"  无可检索文字 no searchable text: {item.path}: {item.message}")
    for failure in summary.failed[:FAILURES_SHOWN]:
        lines.append(f"  失败 failed: {failure.path}: {failure.message} [{failure.reason}]")
    if len(summary.failed) > FAILURES_SHOWN:
        lines.append(f"  … 另有 {len(summary.failed) - FAILURES_SHOWN} 个失败，见 hanlin status "
                     "(more failures: see hanlin status)")
    return "\n".join(lines)
