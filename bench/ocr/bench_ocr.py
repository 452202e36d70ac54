"""OCR engines side by side on the same scanned pages: seconds per page, peak memory, accuracy.

Pages: the three pages of `../shared/corpus/seeds/003-digest-compilation-scanned.pdf` (character
error rate against the first article of `003-digest-compilation.truth.json`, over the part those
pages hold), and page 1 of the real scans whose "scan probes" are in
`../shared/eval/real_meta_dev.json` (how many probe phrases the recognised text holds).

Engines, each in a fresh process of its own (its peak RSS is its own; tesseract's child processes
are counted in with `RUSAGE_CHILDREN`):

- ``hanlin``: `indexer.extract.ocr` as Hanlin runs it (PP-OCRv4 from the rapidocr-onnxruntime
  wheel; detector at 1280 px, recogniser at 32 px), one onnxruntime thread, and with two;
- ``rapidocr-default``: the same models through ``RapidOCR()`` with the package's default settings
  (the detector sees the page at 2000 px, lines read at 48 px, batches of 6) — the first try;
- ``tesseract``: Debian's tesseract with ``chi_sim`` (``--psm 3``, ``OMP_THREAD_LIMIT=1``) at 300 dpi.

    .venv/bin/python bench/ocr/bench_ocr.py [--engines hanlin,tesseract,...] [--readme bench/README.md]

Character error rate (CER): both texts NFKC-folded with whitespace removed and “ ” folded to ", so that an
engine that prints ASCII quotes is not counted wrong for it; the truth is cut where
the recognised text ends (the cut that aligns best), and CER = (deleted + substituted characters) /
truth characters; *noise* = inserted characters (running headers, page numbers) / truth characters.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "seeds" / "003-digest-compilation-scanned.pdf"
TRUTH = SHARED / "corpus" / "seeds" / "003-digest-compilation.truth.json"
META = SHARED / "eval" / "real_meta_dev.json"
ENGINES = ["hanlin", "hanlin-2threads", "tesseract", "rapidocr-default"]


def squash(text: str) -> str:
    """NFKC, no whitespace, and one double quote for “ ” and ": engines differ in quotes alone otherwise."""
    return "".join(unicodedata.normalize("NFKC", text).split()).translate(_QUOTES)


_QUOTES = str.maketrans({"“": '"', "”": '"'})


def cer(truth: str, got: str) -> tuple[float, float, int]:
    """(missing, noise, truth characters) of `got` against the start of `truth` it covers."""
    from rapidfuzz.distance import Levenshtein

    low, high = max(1, len(got) - 600), min(len(truth), len(got) + 600)
    end = min(range(low, high + 1), key=lambda e: Levenshtein.distance(truth[:e], got))
    ops = Levenshtein.editops(truth[:end], got)
    missing = sum(1 for o in ops if o.tag in ("delete", "replace"))
    noise = sum(1 for o in ops if o.tag == "insert")
    return missing / end, noise / end, end


def pages() -> list[tuple[Path, int, list[str]]]:
    """(file, page, probes) of every page measured: the seed's three pages, page 1 of each probed scan."""
    out: list[tuple[Path, int, list[str]]] = [(SEED, n, []) for n in (1, 2, 3)]
    data = json.loads(META.read_text(encoding="utf-8"))
    for name, truth in sorted(data.get("files", data).items()):
        if truth.get("text_layer") == "none" and truth.get("probe"):
            out.append((SHARED / "corpus" / "real" / name, 1, truth["probe"]))
    return out


# ---------------------------------------------------------------- engines (run in a child process)


def run_hanlin(path: Path, page: int, threads: int) -> str:
    from indexer.extract.ocr import ocr_layout, recognise

    (result,) = recognise(path, [page], threads)
    return "\n".join(line.text for line in ocr_layout(result).lines)


_DEFAULT = None


def run_rapidocr_default(path: Path, page: int) -> str:
    global _DEFAULT
    import numpy as np
    import pypdfium2
    from rapidocr_onnxruntime import RapidOCR

    if _DEFAULT is None:
        _DEFAULT = RapidOCR()
    pdf = pypdfium2.PdfDocument(str(path))
    image = pdf[page - 1].render(scale=200 / 72).to_numpy()[:, :, :3]
    found, _ = _DEFAULT(np.ascontiguousarray(image))
    pdf.close()
    return "\n".join(item[1] for item in found or [])


def run_tesseract(path: Path, page: int) -> str:
    import pypdfium2

    with tempfile.TemporaryDirectory() as folder:
        png = Path(folder) / "page.png"
        pdf = pypdfium2.PdfDocument(str(path))
        pdf[page - 1].render(scale=300 / 72, grayscale=True).to_pil().save(png)
        pdf.close()
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        done = subprocess.run(["tesseract", str(png), "-", "-l", "chi_sim", "--psm", "3"], capture_output=True,
                              text=True, env=env, check=True)
        return done.stdout


def measure(engine: str) -> dict[str, object]:
    """Run one engine over every page (after one warm-up page); the figures as JSON."""
    run = {
        "hanlin": lambda p, n: run_hanlin(p, n, 1),
        "hanlin-2threads": lambda p, n: run_hanlin(p, n, 2),
        "rapidocr-default": run_rapidocr_default,
        "tesseract": run_tesseract,
    }[engine]
    todo = pages()
    run(todo[0][0], todo[0][1])  # loads the models: not counted
    rows = []
    for path, number, probes in todo:
        wall, cpu = time.perf_counter(), _cpu()
        text = run(path, number)
        rows.append({"file": path.name, "page": number, "seconds": time.perf_counter() - wall, "cpu": _cpu() - cpu,
                     "text": text, "probes": probes})
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"engine": engine, "rows": rows, "peak_rss_mb": peak / 1024}


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


# ---------------------------------------------------------------- the parent: run, score, report


def score(result: dict) -> dict[str, object]:
    truth = squash(json.loads(TRUTH.read_text(encoding="utf-8"))["articles"][0]["text"])
    seed = [r for r in result["rows"] if r["file"] == SEED.name]
    missing, noise, span = cer(truth, squash("".join(r["text"] for r in seed)))
    probed = [r for r in result["rows"] if r["probes"]]
    found = sum(1 for r in probed for p in r["probes"] if squash(p).casefold() in squash(r["text"]).casefold())
    probes = sum(len(r["probes"]) for r in probed)
    files = sum(1 for r in probed if any(squash(p).casefold() in squash(r["text"]).casefold() for p in r["probes"]))
    rows = result["rows"]
    return {
        "engine": result["engine"],
        "seed_s_page": sum(r["seconds"] for r in seed) / len(seed),
        "seed_cpu_page": sum(r["cpu"] for r in seed) / len(seed),
        "all_s_page": sum(r["seconds"] for r in rows) / len(rows),
        "pages": len(rows),
        "cer": missing, "noise": noise, "span": span,
        "probes": f"{found}/{probes}", "files": f"{files}/{len(probed)}",
        "peak_rss_mb": result["peak_rss_mb"],
    }


def table(scores: list[dict[str, object]], load: tuple[str, str]) -> str:
    head = (f"Run {time.strftime('%Y-%m-%d')} on {_cpu_name()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; load average {load[0]} before, {load[1]} after (other sessions share "
            "the CPU: wall times are noisy, CPU seconds less so).\n\n")
    header = ("| engine | seed s/page (wall) | seed CPU s/page | all pages s/page | CER seed | noise | "
              "probes found (files) | peak RSS MB |")
    lines = [header, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for s in scores:
        lines.append(f"| {s['engine']} | {s['seed_s_page']:.2f} | {s['seed_cpu_page']:.2f} | {s['all_s_page']:.2f} | "
                     f"{s['cer']:.4f} | {s['noise']:.4f} | {s['probes']} ({s['files']}) | {s['peak_rss_mb']:.0f} |")
    span = scores[0]["span"] if scores else 0
    return head + "\n".join(lines) + (f"\n\nCER over the {span} truth characters the three seed pages hold; "
                                      f"{scores[0]['pages'] if scores else 0} pages in all.\n")


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def write_readme(readme: Path, text: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/: readme_block
    from readme_block import write_block

    write_block(readme, "bench-ocr", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--readme", type=Path, help="replace the bench-ocr block of this file with the table")
    parser.add_argument("--json-out", type=Path)
    parser.add_argument("--rescore", type=Path, help="score the results of an earlier --json-out again, run nothing")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rescore:
        saved = json.loads(args.rescore.read_text(encoding="utf-8"))
        print(table([score(r) for r in saved["results"]], tuple(saved.get("load", ("?", "?")))))
        return 0
    if args.child:
        print(json.dumps(measure(args.child), ensure_ascii=False))
        return 0
    engines = [e for e in args.engines.split(",") if e]
    if "tesseract" in engines and not shutil.which("tesseract"):
        print("bench_ocr: tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim): skipped",
              file=sys.stderr)
        engines.remove("tesseract")
    before = _load()
    results = []
    for engine in engines:
        done = subprocess.run([sys.executable, __file__, "--child", engine], capture_output=True, text=True,
                              check=False, cwd=REPO)
        if done.returncode != 0:
            print(f"bench_ocr: {engine} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
            continue
        results.append(json.loads(done.stdout))
        print(f"bench_ocr: {engine} done", file=sys.stderr)
    scores = [score(r) for r in results]
    text = table(scores, (before, _load()))
    print(text)
    if args.json_out:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps({"scores": scores, "results": results, "load": [before, _load()]},
                                            ensure_ascii=False, indent=1),
                                 encoding="utf-8")
    if args.readme:
        write_readme(args.readme, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
