"""Memory on a long file: a generated 1,000-page Chinese PDF extracted in one worker.

The file is written with reportlab into bench/out/ (ignored by git): each page carries a
running header, a page number and about 900 characters of body text in two paragraphs.
It is extracted through `indexer.extract.sandbox.extract_one` in a child process, and the child's
peak RSS (its own and its worker's, `ru_maxrss` via `os.wait4`) is reported next to the
time taken, so "memory stays flat" is a measured claim, not a hope.

    .venv/bin/python bench/extract/bench_long_file.py [--pages 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "bench" / "out"
PARAGRAPH = ("科技情报机构应当主动融入创新决策链条，通过建设专题数据库、开展技术预见和竞争情报分析，"
             "为地方政府研判产业技术路线、识别关键核心技术风险提供及时可靠的支撑。") * 3


def make_pdf(path: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    per_line = 38
    for number in range(1, pages + 1):
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(width / 2, height - 30, "科技决策参考 2025年第8期")
        canvas.drawCentredString(width / 2, 30, f"— {number} —")
        canvas.setFont("STSong-Light", 11)
        y = height - 80
        for text in (f"第{number}节 " + PARAGRAPH, PARAGRAPH):
            for start in range(0, len(text), per_line):
                canvas.drawString(60, y, text[start:start + per_line])
                y -= 17
            y -= 10
        canvas.showPage()
    canvas.save()


def child(path: str) -> None:
    sys.path.insert(0, str(REPO))
    from indexer.extract.sandbox import extract_one

    started = time.perf_counter()
    result = extract_one(path, timeout_per_page=2.0)
    print(json.dumps({
        "seconds": time.perf_counter() - started,
        "pages": result.pages,
        "passages": sum(len(d.passages) for d in result.documents),
        "characters": sum(len(t) for t in result.page_texts),
    }))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"long-{args.pages}p.pdf"
    if not path.exists():
        make_pdf(path, args.pages)
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(path)], stdout=subprocess.PIPE, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        print(output, file=sys.stderr)
        return 1
    row = json.loads(output)
    row["peak_rss_mb"] = usage.ru_maxrss / 1024
    row["file_mb"] = path.stat().st_size / 1e6
    print(f"{row['pages']} pages ({row['file_mb']:.1f} MB), {row['characters']} characters, "
          f"{row['passages']} passages: {row['seconds']:.1f} s, peak RSS {row['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
