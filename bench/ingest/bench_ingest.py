"""Whole-process ingest: `hanlin index` of the ingest set beside Recoll and pypdfium2's raw text.

The ingest set is the seed PDFs and the real Chinese policies, papers and news of the shared
corpus (`seeds`, `real/zh_policy`, `real/zh_paper`, `real/zh_news`: 37 PDFs, 1,019 pages).
Engines, each run as one process from start to exit into a new, empty index:

- ``hanlin-pdfium``: `hanlin index FOLDERS --library DIR --quiet --json` (the pdfium glyph
  reader, the default; one extraction worker per core);
- ``hanlin-noocr``: the same with ``--no-ocr`` (text layers only, as Recoll reads them);
- ``hanlin-pdfplumber``: the same with ``HANLIN_PDF_READER=pdfplumber``;
- ``recoll``: `recollindex -c CONFDIR -z` (Recoll, which reads PDFs through poppler's
  pdftotext), its own configuration under bench/out: ``topdirs`` = the folders,
  ``indexedmimetypes = application/pdf``;
- ``pdfium-text``: one Python process opening each file with pypdfium2 and reading every
  page's plain text (no layout, no segmentation, no index): the ceiling.

Each round runs every engine once, one after the other, in an order rotated from round to
round so that no engine always runs first or last; the figures are medians over the rounds.
Wall time, and CPU time and peak RSS of the process and the children it waited for, come
from `os.wait4`. *Text pages* are pages whose pypdfium2 text is not blank (the same count for
every engine).

    .venv/bin/python bench/ingest/bench_ingest.py [--rounds 3] [--engines ...] [--readme bench/README.md]

With `--readme`, the results table replaces the text between the ``<!-- bench-ingest:start -->``
and ``<!-- bench-ingest:end -->`` markers of that file. Raw results go to bench/out/ingest/.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
FOLDERS = [CORPUS / "seeds"] + [CORPUS / "real" / name for name in ("zh_policy", "zh_paper", "zh_news")]
OUT = REPO / "bench" / "out" / "ingest"
HANLIN = Path(sys.executable).with_name("hanlin")
ENGINES = ("hanlin-pdfium", "hanlin-noocr", "hanlin-pdfplumber", "recoll", "pdfium-text")
TAG = "bench-ingest"

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "extract"))
from bench_extract import machine
from readme_block import write_block


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, of: " + ", ".join(ENGINES))
    parser.add_argument("--readme", type=Path, help="write the results into this markdown file")
    parser.add_argument("--text-only", action="store_true", help=argparse.SUPPRESS)  # internal: the ceiling
    args = parser.parse_args(argv)
    files = pdf_files()
    if args.text_only:
        print(json.dumps(read_text(files)))
        return 0
    engines = args.engines.split(",")
    if "recoll" in engines and not shutil.which("recollindex"):
        print("recollindex not found (apt-get install recoll): Recoll left out", file=sys.stderr)
        engines.remove("recoll")
    OUT.mkdir(parents=True, exist_ok=True)
    compile_package()
    census = read_text(files)
    load = os.getloadavg()[0]
    runs: dict[str, list[dict]] = {engine: [] for engine in engines}
    for number in range(args.rounds):
        order = engines[number % len(engines):] + engines[:number % len(engines)]
        for engine in order:
            result = RUNNERS[engine.split("-")[0]](engine)
            result["round"] = number + 1
            runs[engine].append(result)
            print(f"round {number + 1} {engine}: {result}", file=sys.stderr)
    (OUT / "runs.json").write_text(json.dumps({"census": census, "runs": runs}, indent=1, ensure_ascii=False))
    table = render(census, runs, args.rounds, load, os.getloadavg()[0])
    print(table)
    if args.readme:
        write_block(args.readme, TAG, table)
    return 0


def compile_package() -> None:
    """Compile Hanlin's modules to bytecode (``__pycache__``, ignored by git) before the rounds.

    An installed program runs from bytecode: pip compiles the packages it installs, the
    installers ship it, and an editable install writes it on its first run. Where
    PYTHONDONTWRITEBYTECODE is set (as on the machines these figures come from), nothing
    writes it, and every round would compile the modules again in the command and in each
    extraction worker (about 0.25 s of CPU for the whole package).
    """
    if not compileall.compile_dir(REPO / "indexer", quiet=1):
        raise SystemExit("bench_ingest: Hanlin's modules do not compile")


def pdf_files() -> list[Path]:
    """The ingest set, as `hanlin index` finds it (``*.pdf`` in any case)."""
    return sorted(p for folder in FOLDERS for p in folder.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())


def read_text(files: list[Path]) -> dict:
    """Every page's plain text through pypdfium2: pages, text pages, characters, seconds."""
    import pypdfium2 as pdfium

    pages = text_pages = chars = 0
    started = time.perf_counter()
    for path in files:
        document = pdfium.PdfDocument(path)
        try:
            for page in document:
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
                page.close()
                pages += 1
                text_pages += bool(text.strip())
                chars += len(text)
        finally:
            document.close()
    return {"files": len(files), "pages": pages, "text_pages": text_pages, "chars": chars,
            "seconds": time.perf_counter() - started}


def run_hanlin(engine: str) -> dict:
    variant = engine.split("-", 1)[1]
    reader = "pdfium" if variant == "noocr" else variant
    library = OUT / f"library-{variant}"
    shutil.rmtree(library, ignore_errors=True)
    env = dict(os.environ, HANLIN_PDF_READER=reader, HANLIN_CONFIG_DIR=str(OUT / "config"),
               HANLIN_USER_DIR=str(OUT / "user"))
    figures, out = timed_rusage([str(HANLIN), "index", *map(str, FOLDERS), "--library", str(library),
                                 "--quiet", "--json", *(["--no-ocr"] if variant == "noocr" else [])], env)
    summary = json.loads(out)
    figures.update({key: summary[key] for key in ("indexed", "pages", "documents", "passages")},
                   failed=len(summary["failed"]))
    return figures


def run_recoll(engine: str) -> dict:
    config = OUT / "recoll"
    shutil.rmtree(config, ignore_errors=True)
    config.mkdir(parents=True)
    (config / "recoll.conf").write_text(
        "topdirs = " + " ".join(str(folder) for folder in FOLDERS) + "\nindexedmimetypes = application/pdf\n",
        encoding="utf-8")
    figures, _ = timed_rusage(["recollindex", "-c", str(config), "-z"])
    return figures


def run_text(engine: str) -> dict:
    figures, out = timed_rusage([sys.executable, __file__, "--text-only"])
    figures["text_pages"] = json.loads(out)["text_pages"]
    return figures


def timed_rusage(command: list[str], env: dict[str, str] | None = None) -> tuple[dict, str]:
    """`timed`, reaping the process with `os.wait4` so its rusage (children included) is known."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    out = proc.stdout.read().decode("utf-8")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{command[0]} failed with exit status {proc.returncode}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}, out


RUNNERS = {"hanlin": run_hanlin, "recoll": run_recoll, "pdfium": run_text}


def render(census: dict, runs: dict[str, list[dict]], rounds: int, load_before: float, load_after: float) -> str:
    names = {
        "hanlin-pdfium": "`hanlin index`, pdfium reader (default)",
        "hanlin-noocr": "`hanlin index --no-ocr`, pdfium reader",
        "hanlin-pdfplumber": "`hanlin index`, pdfplumber reader",
        "recoll": "`recollindex` (Recoll 1.34, pdftotext)",
        "pdfium-text": "pypdfium2 plain text, 1 process (ceiling)",
    }
    median = {engine: {key: statistics.median(r[key] for r in rows) for key in ("seconds", "cpu", "peak_rss_mb")}
              for engine, rows in runs.items() if rows}
    recoll = median.get("recoll", {}).get("seconds")
    lines = [
        (
            f"Run {datetime.date.today().isoformat()} on {machine()}; load average {load_before:.2f} before, "
            f"{load_after:.2f} after (other work shares the CPU: figures are noisy)."
        ),
        "",
        (
            f"Ingest set: {census['files']} PDFs, {census['pages']} pages, {census['text_pages']} text pages "
            f"(seeds + real/zh_policy, zh_paper, zh_news). {rounds} rounds, engines alternating; medians. "
            "Hanlin's modules are compiled to bytecode first, as an installed program runs."
        ),
        "",
        ("| engine | seconds (each round) | median s | CPU s | pages/s | text pages/s | × Recoll's time "
         "| × Recoll, per round | peak RSS MB |"),
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for engine, rows in runs.items():
        if not rows:
            continue
        m = median[engine]
        ratio = f"{m['seconds'] / recoll:.2f}" if recoll else "–"
        paired = paired_ratio(rows, runs.get("recoll") or [])
        each = ", ".join(f"{r['seconds']:.1f}" for r in rows)
        lines.append(
            f"| {names.get(engine, engine)} | {each} | {m['seconds']:.1f} | {m['cpu']:.1f} "
            f"| {census['pages'] / m['seconds']:.0f} | {census['text_pages'] / m['seconds']:.0f} | {ratio} "
            f"| {paired} | {m['peak_rss_mb']:.0f} |"
        )
    hanlin = runs.get("hanlin-pdfium") or []
    if hanlin:
        last = hanlin[-1]
        lines += ["", (f"`hanlin index` (pdfium) indexed {last['indexed']} files, {last['documents']} documents, "
                       f"{last['passages']} passages; {last['failed']} failed.")]
    lines += ["", ("*× Recoll, per round*: the median over the rounds of the engine's time over Recoll's in the "
                   "same round, which the machine's drift from minute to minute disturbs less than a ratio "
                   "of medians taken over the whole run.")]
    lines += ["", ("Reproduce: `.venv/bin/python bench/ingest/bench_ingest.py --rounds "
              f"{rounds}` (add `--readme bench/README.md` to update this table).")]
    return "\n".join(lines)


def paired_ratio(rows: list[dict], recoll: list[dict]) -> str:
    """The median, over the rounds both ran in, of an engine's seconds over Recoll's."""
    by_round = {r["round"]: r["seconds"] for r in recoll}
    ratios = [r["seconds"] / by_round[r["round"]] for r in rows if r["round"] in by_round]
    return f"{statistics.median(ratios):.2f}" if ratios else "–"


if __name__ == "__main__":
    sys.exit(main())
