"""Extraction throughput on the seed corpus: pages/s and peak memory, side by side.

Modes, each measured in a fresh process of its own (so peak RSS is that mode's alone):

- ``pdfium``: pypdfium2's raw text of the same pages, one process: the ceiling;
- ``inproc-pdfplumber``, ``inproc-pdfium``: `indexer.extract.pipeline.extract_pdf` in one
  process, no sandbox, with each glyph reader (``HANLIN_PDF_READER``);
- ``sandbox-1``: `indexer.extract.sandbox.extract_files` with one worker (pdfium reader);
- ``sandbox-N``: `extract_files` with one worker per core (the default; pdfium reader);
- ``sandbox-N-pdfplumber``: the same with the pdfplumber reader.

The files (`--set seeds`: the seed PDFs; `--set ingest`: the seeds and real/zh_policy,
zh_paper, zh_news, the ingest benchmark's files) are listed `--repeat` times (default 5) so
worker start-up is amortised as when indexing a library. Text pages are pages whose
extracted text is not blank. Peak RSS is `ru_maxrss` of the mode's process and the workers
it reaped. Seconds are wall time; `cpu s` is the CPU time of the mode's process and workers.

    .venv/bin/python bench/extract/bench_extract.py [--set seeds|ingest] [--repeat N] [--readme bench/README.md]

With `--readme`, the results table replaces the text between the
``<!-- bench-extract:start -->`` and ``<!-- bench-extract:end -->`` markers of that file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
INGEST = [SEEDS] + [CORPUS / "real" / name for name in ("zh_policy", "zh_paper", "zh_news")]
TAG = "bench-extract"  # its block in bench/README.md
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/: readme_block
from readme_block import write_block

READER_ENV = "HANLIN_PDF_READER"  # indexer.extract.glyphs.READER_ENV (not imported: modes start clean)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="times each file is listed")
    parser.add_argument("--set", choices=("seeds", "ingest"), default="seeds", help="which files")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="the seed folder (--set seeds)")
    parser.add_argument("--modes", help="comma-separated modes to run (default: all)")
    parser.add_argument("--readme", type=Path, help="write the results into this markdown file")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: run one mode, print JSON
    args = parser.parse_args(argv)
    files = pdf_files(args) * args.repeat
    if args.measure:
        print(json.dumps(MEASURES[args.measure.split("-")[0]](files, args.measure)))
        return 0
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    modes = ["pdfium", "inproc-pdfplumber", "inproc-pdfium", "sandbox-1", f"sandbox-{cores}",
             f"sandbox-{cores}-pdfplumber"]
    if args.modes:
        modes = [m.replace("N", str(cores)) for m in args.modes.split(",")]
    rows = [run_mode(mode, args) for mode in modes]
    table = render(rows, args, len(files), load, os.getloadavg()[0])
    print(table)
    if args.readme:
        write_block(args.readme, TAG, table)
    return 0


def pdf_files(args: argparse.Namespace) -> list[Path]:
    folders = [args.seeds] if args.set == "seeds" else INGEST
    return sorted(p for folder in folders for p in folder.iterdir() if p.suffix.lower() == ".pdf")


def run_mode(mode: str, args: argparse.Namespace) -> dict:
    """Measure one mode in a child process; add the child's peak RSS and CPU time (workers included)."""
    command = [
        sys.executable,
        __file__,
        "--measure",
        mode,
        "--repeat",
        str(args.repeat),
        "--set",
        args.set,
        "--seeds",
        str(args.seeds),
    ]
    reader = "pdfplumber" if mode.endswith("pdfplumber") else "pdfium"
    env = dict(os.environ, **{READER_ENV: reader})
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    if proc.returncode != 0:
        raise SystemExit(f"mode {mode} failed with exit status {proc.returncode}")
    row = json.loads(output)
    row.update(mode=mode, peak_rss_mb=usage.ru_maxrss / 1024, cpu=usage.ru_utime + usage.ru_stime)
    print(f"{mode}: {row}", file=sys.stderr)
    return row


def measure_pdfium(files: list[Path], mode: str) -> dict:
    import pypdfium2 as pdfium

    pages = text_pages = 0
    started = time.perf_counter()
    for path in files:
        document = pdfium.PdfDocument(path)
        for page in document:
            textpage = page.get_textpage()
            text_pages += bool(textpage.get_text_range().strip())
            pages += 1
            textpage.close()
            page.close()
        document.close()
    return {"pages": pages, "text_pages": text_pages, "seconds": time.perf_counter() - started}


def measure_inproc(files: list[Path], mode: str) -> dict:
    from indexer.errors import ExtractionError
    from indexer.extract.pipeline import extract_pdf

    pages = text_pages = 0
    started = time.perf_counter()
    for path in files:
        try:
            result = extract_pdf(path)
        except ExtractionError:
            continue
        pages += result.pages
        text_pages += sum(1 for text in result.page_texts if text.strip())
    return {"pages": pages, "text_pages": text_pages, "seconds": time.perf_counter() - started}


def measure_sandbox(files: list[Path], mode: str) -> dict:
    from indexer.errors import ExtractionError
    from indexer.extract.sandbox import extract_files

    pages = text_pages = failed = 0
    started = time.perf_counter()
    for _, outcome in extract_files(files, workers=int(mode.split("-")[1]), timeout_per_page=60):
        if isinstance(outcome, ExtractionError):
            failed += 1
            continue
        pages += outcome.pages
        text_pages += sum(1 for text in outcome.page_texts if text.strip())
    return {
        "pages": pages,
        "text_pages": text_pages,
        "failed": failed,
        "seconds": time.perf_counter() - started,
    }


MEASURES = {"pdfium": measure_pdfium, "inproc": measure_inproc, "sandbox": measure_sandbox}


def render(
    rows: list[dict], args: argparse.Namespace, files: int, load_before: float, load_after: float
) -> str:
    names = {
        "pdfium": "pypdfium2 raw text, 1 process (ceiling)",
        "inproc-pdfplumber": "extract_pdf in-process, 1 core, pdfplumber reader",
        "inproc-pdfium": "extract_pdf in-process, 1 core, pdfium reader",
        "sandbox-1": "extract_files, 1 worker, pdfium reader",
    }
    lines = [
        (
            f"Run {datetime.date.today().isoformat()} on {machine()}; load average {load_before:.2f} before, "
            f"{load_after:.2f} after (other processes share the CPU: figures are noisy)."
        ),
        "",
        (
            f"{'Seed corpus' if args.set == 'seeds' else 'Ingest set (seeds + real/zh_policy, zh_paper, zh_news)'} "
            f"({files // args.repeat} files listed {args.repeat}×, {files} files):"
        ),
        "",
        "| mode | pages | text pages | seconds | cpu s | pages/s | text pages/s | peak RSS MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        name = names.get(r["mode"])
        if name is None:
            workers = r["mode"].split("-")[1]
            reader = "pdfplumber" if r["mode"].endswith("pdfplumber") else "pdfium"
            name = f"extract_files, {workers} workers (all cores), {reader} reader"
        lines.append(
            f"| {name} | {r['pages']} | {r['text_pages']} | {r['seconds']:.1f} | {r['cpu']:.1f} "
            f"| {r['pages'] / r['seconds']:.1f} | {r['text_pages'] / r['seconds']:.1f} | {r['peak_rss_mb']:.0f} |"
        )
    lines += [
        "",
        (
            f"Reproduce: `.venv/bin/python bench/extract/bench_extract.py --set {args.set} --repeat "
            f"{args.repeat}` (add `--readme bench/README.md` to update this table)."
        ),
    ]
    return "\n".join(lines)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"


if __name__ == "__main__":
    sys.exit(main())
