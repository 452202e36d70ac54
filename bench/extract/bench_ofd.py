"""OFD extraction throughput beside PDF: pages/s of the OFD reader and of pdfium on the seed PDFs.

Modes, each in a fresh process (so peak RSS is that mode's alone), files listed `--repeat` times:

- ``ofd-inproc``: `indexer.extract.formats.extract_ofd` (our OFD reader → layout → passages) in one
  process on the readable files of ../shared/corpus/real/ofd (OCR off: the image-only page is counted
  as a page, not recognised);
- ``ofd-reader``: the OFD reader alone (`OfdDocument.read` of every page: glyphs, no layout);
- ``pdf-inproc``: `indexer.extract.pipeline.extract_pdf` (pdfium reader) on the seed PDFs, the
  same stages after the glyphs;
- ``ofd-sandbox-1``: `indexer.extract.sandbox.extract_files` with one worker on the OFD files (what
  `hanlin index` does, worker start-up included).

    .venv/bin/python bench/extract/bench_ofd.py [--repeat N] [--readme bench/README.md]

With `--readme`, the table replaces the text between ``<!-- bench-ofd:start -->`` and
``<!-- bench-ofd:end -->``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import SEEDS, machine
from readme_block import write_block

OFD = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real" / "ofd"
TAG = "bench-ofd"
MODES = ("ofd-reader", "ofd-inproc", "pdf-inproc", "ofd-sandbox-1")


def ofd_files() -> list[Path]:
    return sorted(p for p in OFD.glob("*.ofd") if p.name != "truncated_broken.ofd")


def pdf_files() -> list[Path]:
    return sorted(p for p in SEEDS.iterdir() if p.suffix.lower() == ".pdf")


def measure(mode: str, repeat: int) -> dict:
    from indexer.extract.formats import extract_ofd
    from indexer.extract.ofd import OfdDocument
    from indexer.extract.pipeline import extract_pdf
    from indexer.extract.sandbox import extract_files

    files = (pdf_files() if mode.startswith("pdf") else ofd_files()) * repeat
    pages = text_pages = 0
    started = time.perf_counter()
    if mode == "ofd-reader":
        for path in files:
            with OfdDocument(path) as document:
                for index in range(document.pages):
                    text_pages += bool(document.read(index).chars)
                    pages += 1
    elif mode == "ofd-sandbox-1":
        for _, outcome in extract_files(files, workers=1, ocr=False):
            if not isinstance(outcome, Exception):
                pages += outcome.pages
                text_pages += sum(1 for text in outcome.page_texts if text.strip())
    else:
        extract = extract_pdf if mode == "pdf-inproc" else extract_ofd
        for path in files:
            result = extract(path)
            pages += result.pages
            text_pages += sum(1 for text in result.page_texts if text.strip())
    return {"pages": pages, "text_pages": text_pages, "files": len(files), "seconds": time.perf_counter() - started}


def run(mode: str, repeat: int) -> dict:
    proc = subprocess.Popen([sys.executable, __file__, "--measure", mode, "--repeat", str(repeat)],
                            stdout=subprocess.PIPE, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"mode {mode} failed")
    row = json.loads(output)
    row.update(mode=mode, peak_rss_mb=usage.ru_maxrss / 1024)
    print(f"{mode}: {row}", file=sys.stderr)
    return row


def render(rows: list[dict], repeat: int) -> str:
    lines = [(f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; each file listed {repeat} times "
             f"({len(ofd_files())} readable OFD files of real/ofd, {len(pdf_files())} seed PDFs)."), "",
             "| mode | files | pages | text pages | seconds | pages/s | peak RSS MB |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        rate = row["pages"] / row["seconds"] if row["seconds"] else 0.0
        lines.append(f"| {row['mode']} | {row['files']} | {row['pages']} | {row['text_pages']} | "
                     f"{row['seconds']:.2f} | {rate:.0f} | {row['peak_rss_mb']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="times each file is listed")
    parser.add_argument("--readme", type=Path, help="write the table into this markdown file")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.repeat)))
        return 0
    table = render([run(mode, args.repeat) for mode in MODES], args.repeat)
    print(table)
    if args.readme:
        write_block(args.readme, TAG, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
