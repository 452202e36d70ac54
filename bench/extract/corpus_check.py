"""Run every PDF of the shared corpus through `hanlin extract --json` and check it behaves.

For each file: no traceback, done within the wall-time limit (default 300 s) and the
address-space cap (default 3 GB, passed as `--memory-mb`), scanned files flagged as having
no text layer, encrypted files said to be encrypted. Prints one row per file, then a summary;
exits 1 if any check failed.

    .venv/bin/python bench/extract/corpus_check.py [CORPUS_DIR] [--jobs N] [--json-out FILE]

Expectations come from `real/SOURCES.tsv` (its text-layer column and descriptions) and from
the file names of the other folders (`*scanned*`, `enc_user*`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
HANLIN = Path(sys.executable).with_name("hanlin")
NO_TEXT_CODES = {"no_text", "no_text_layer"}


@dataclass
class Row:
    """What happened to one file."""

    file: str
    status: str = ""  # ok, no_text, or the failure reason (encrypted, corrupt, timeout, …)
    pages: int = 0
    seconds: float = 0.0
    max_rss_mb: float = 0.0
    exit: int = 0
    no_text_pages: int = 0
    warnings: dict[str, int] = field(default_factory=dict)
    expect: str = ""  # "encrypted", "no_text" or ""
    problems: list[str] = field(default_factory=list)
    message: str = ""


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    files = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() == ".pdf")
    expectations = load_expectations(args.corpus)
    print(f"{len(files)} PDF files under {args.corpus}, {args.jobs} at a time", file=sys.stderr)

    def check(path: Path) -> Row:
        row = run_one(path, args)
        row.file = str(path.relative_to(args.corpus))
        row.expect = expectations.get(row.file) or expect_from_name(path)
        judge(row, args)
        print(f"  {row.seconds:6.1f}s {row.status:10} {row.file}", file=sys.stderr, flush=True)
        return row

    started = time.monotonic()
    with ThreadPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(check, files))
    print_table(rows)
    print_summary(rows, time.monotonic() - started)
    if args.json_out:
        args.json_out.write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
    return 1 if any(r.problems for r in rows) else 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=1, help="files run at the same time (default 1)")
    parser.add_argument("--limit-seconds", type=float, default=300.0, help="wall time per file")
    parser.add_argument("--memory-mb", type=int, default=3072, help="address-space cap per worker")
    parser.add_argument("--json-out", type=Path, help="also write the rows as JSON")
    return parser.parse_args(argv)


def run_one(path: Path, args: argparse.Namespace) -> Row:
    """Run `hanlin extract PATH --json` and measure wall time and peak RSS (worker included)."""
    command = [str(HANLIN), "extract", str(path), "--json", "--memory-mb", str(args.memory_mb)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(command, stdout=out, stderr=err, start_new_session=True)
        killer = threading.Timer(args.limit_seconds, kill_group, (proc.pid,))
        killer.start()
        # wait4, not proc.wait: its rusage covers hanlin and the worker processes it reaped
        _, status, usage = os.wait4(proc.pid, 0)
        killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        row = Row(file=str(path), exit=proc.returncode, seconds=time.monotonic() - started)
        row.max_rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
        out.seek(0)
        err.seek(0)
        read_outcome(row, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
    return row


def kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def read_outcome(row: Row, stdout: str, stderr: str) -> None:
    if "Traceback" in stderr:
        row.problems.append("traceback")
    if row.exit == 0:
        data = json.loads(stdout)
        row.pages = data["pages"]
        for warning in data["warnings"]:
            row.warnings[warning["code"]] = row.warnings.get(warning["code"], 0) + 1
        row.no_text_pages = sum(1 for w in data["warnings"] if w["code"] in NO_TEXT_CODES and w["page"])
        whole_file = "no_text_layer" in row.warnings or 0 < row.pages == row.no_text_pages
        row.status = "no_text" if whole_file else "ok"
    else:
        found = re.search(r"\[(\w+)\]\s*$", stderr.strip())
        row.status = found.group(1) if found else f"exit {row.exit}"
        row.message = stderr.strip().splitlines()[-1][:300] if stderr.strip() else ""


def judge(row: Row, args: argparse.Namespace) -> None:
    if row.seconds > args.limit_seconds:
        row.problems.append("over time")
    if row.max_rss_mb > args.memory_mb:
        row.problems.append("over memory")
    if row.exit not in (0, 3):
        row.problems.append(f"exit status {row.exit}")
    if row.expect == "encrypted" and row.status != "encrypted":
        row.problems.append("encrypted file not reported as encrypted")
    if row.expect == "no_text" and row.status not in ("no_text", "empty"):  # "empty": a PDF with no pages
        row.problems.append("scanned file not flagged as without text layer")


def load_expectations(corpus: Path) -> dict[str, str]:
    """`{relative path: expectation}` from real/SOURCES.tsv."""
    sources = corpus / "real" / "SOURCES.tsv"
    if not sources.exists():
        return {}
    expectations = {}
    with sources.open(encoding="utf-8", newline="") as f:
        for record in csv.DictReader(f, delimiter="\t"):
            path = f"real/{record['rel_path']}"
            text = record["text_extractable_first3pages"]
            description = record["description"].lower()
            # pdfminer's password error has an empty message; a crypt filter it cannot read names itself
            error = record["pdfplumber_page1_first80_or_exception"].partition("PdfminerException:")[2]
            if text.startswith("no"):
                expectations[path] = "no_text"
            elif (
                "error" in text
                and re.search(r"encrypt|password", description)
                and (not error.strip() or "crypt" in error)
            ):
                expectations[path] = "encrypted"
    return expectations


def expect_from_name(path: Path) -> str:
    if "scanned" in path.stem:
        return "no_text"
    if path.stem.startswith("enc_user"):
        return "encrypted"
    return ""


def print_table(rows: list[Row]) -> None:
    print(f"{'file':70} {'status':10} {'pages':>5} {'s':>7} {'RSS MB':>7}  notes")
    for r in rows:
        notes = ", ".join(f"{c}×{n}" for c, n in sorted(r.warnings.items()))
        if r.problems:
            notes = "PROBLEM: " + "; ".join(r.problems) + (f" | {notes}" if notes else "")
        print(f"{r.file[:70]:70} {r.status:10} {r.pages:5} {r.seconds:7.1f} {r.max_rss_mb:7.0f}  {notes}")


def print_summary(rows: list[Row], wall: float) -> None:
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    slowest = max(rows, key=lambda r: r.seconds)
    biggest = max(rows, key=lambda r: r.max_rss_mb)
    partial = [r for r in rows if r.status == "ok" and r.no_text_pages]
    print()
    print(f"files: {len(rows)}   " + "   ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    print(f"files with text but some pages without a text layer: {len(partial)}")
    print(f"pages extracted: {sum(r.pages for r in rows)}   wall time: {wall:.0f} s")
    print(f"slowest: {slowest.file} {slowest.seconds:.1f} s ({slowest.pages} pages)")
    print(f"largest peak RSS: {biggest.file} {biggest.max_rss_mb:.0f} MB")
    problems = [r for r in rows if r.problems]
    print(f"problems: {len(problems)}")
    for r in problems:
        print(f"  {r.file}: {'; '.join(r.problems)} (status {r.status}) {r.message[:120]}")


if __name__ == "__main__":
    sys.exit(main())
