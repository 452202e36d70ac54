"""Search benchmark: Hanlin's Whoosh index against SQLite FTS5 over the same jieba tokens.

A corpus of N passages (default 100,000) is made from the seed passages
(`../shared/corpus/seeds`, extracted with `indexer.extract.pipeline.extract_pdf`) by replication with
perturbations: sentences shuffled and dropped, numbers changed, two-character Han pieces
swapped for others from the seeds, so the vocabulary grows as a real library's does. Each
phase runs in its own process so that its peak RSS (`ru_maxrss`) is its own:

* ``whoosh``: build the index through `SearchIndex.writer()` in commits as `hanlin index`
  makes them (`indexer.library.library.commit_threshold`: 2,000 passages, then each commit as large as
  the index so far), then time `SearchIndex.search(limit=20)` — the full search a user gets:
  strict AND, any-term fallback, facets over every match, snippets.
* ``fts5``: the same passages in an FTS5 table whose text is the same jieba tokens
  (`analysis.index_words`) joined by spaces; words as FTS5 terms, phrases as FTS5 phrases of
  their jieba words (which, unlike Hanlin, misses phrases that cut across words), filters in SQL.

Queries: 50 word queries (one or two words of the index's vocabulary), 50 exact phrases
(random 2–8 character substrings of passages, quoted), 50 filtered queries (a word plus a
year range and a document type). Reported: build time, size on disk against the UTF-8 size
of the passage text, peak RSS, latency p50/p95.

usage: bench_search.py [--passages 100000] [--out bench/out/search] [--readme bench/README.md]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
BATCH = 5000
TYPES = ["policy", "paper", "news", "digest", "other"]
TYPE_NAMES = {"policy": "政策", "paper": "论文", "news": "新闻", "digest": "汇编", "other": "其他"}


# ---------------------------------------------------------------------------- corpus


def seed_passages() -> list[dict]:
    from indexer.extract.pipeline import extract_pdf

    out = []
    for pdf in sorted(SEEDS.glob("*.pdf")):
        result = extract_pdf(pdf)
        for doc in result.documents:
            for p in doc.passages:
                if len(p.text) >= 40:
                    out.append({"text": p.text, "title": doc.title, "source": doc.source})
    return out


def make_corpus(seeds: list[dict], n: int, rnd: random.Random) -> list[dict]:
    pieces = [m for s in seeds for m in re.findall(r"[\u4e00-\u9fff]{2}", s["text"])]
    rows = []
    doc = 0
    while len(rows) < n:
        doc += 1
        seed_doc = rnd.choice(seeds)
        year, doc_type = rnd.randint(2000, 2025), rnd.choice(TYPES)
        for ordinal in range(rnd.randint(5, 30)):
            base = rnd.choice(seeds)["text"]
            rows.append({
                "passage_id": f"d{doc}-{ordinal}", "doc_id": f"d{doc}", "file_sha256": f"sha{doc}",
                "file": f"/bench/{doc}.pdf", "page": 1 + ordinal // 3, "end_page": 1 + ordinal // 3,
                "start": 0, "end": 0, "ordinal": ordinal, "text": perturb(base, pieces, rnd),
                "title": f"{seed_doc['title']}（{doc}）", "authors": [], "source": seed_doc["source"],
                "keywords": [], "abstract": "", "year": year, "doc_type": doc_type, "doc_number": "",
            })
            if len(rows) >= n:
                break
    for row in rows:
        row["end"] = len(row["text"])
    return rows


def perturb(text: str, pieces: list[str], rnd: random.Random) -> str:
    sentences = [s for s in re.split(r"(?<=[。！？；])", text) if s]
    rnd.shuffle(sentences)
    if len(sentences) > 2 and rnd.random() < 0.5:
        sentences.pop(rnd.randrange(len(sentences)))
    text = "".join(sentences)
    text = re.sub(r"\d+", lambda m: str(rnd.randint(1, 10 ** len(m.group()))), text)
    chars = list(text)
    for _ in range(max(1, len(chars) // 25)):
        i = rnd.randrange(max(1, len(chars) - 1))
        if "\u4e00" <= chars[i] <= "\u9fff" and "\u4e00" <= chars[i + 1] <= "\u9fff":
            chars[i:i + 2] = rnd.choice(pieces)
    return "".join(chars)[:1200]


def make_queries(rows: list[dict], rnd: random.Random) -> dict[str, list[str]]:
    from indexer.search import analysis
    sample = rnd.sample(rows, 400)
    words = [w.text for r in sample[:200] for w in analysis.index_words(r["text"])
             if len(w.text) >= 2 and not w.text.isascii()]
    word_queries = []
    for _ in range(50):
        k = rnd.choice([1, 2])
        word_queries.append(" ".join(rnd.sample(words, k)))
    phrases = []
    for r in sample[200:]:
        text = "".join(r["text"].split())
        k = rnd.randint(2, 8)
        if len(text) <= k:
            continue
        i = rnd.randrange(len(text) - k)
        sub = text[i:i + k]
        if re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", sub) and re.search(r"[\u4e00-\u9fff]", sub):
            phrases.append(f'"{sub}"')
        if len(phrases) == 50:
            break
    filtered = []
    for _ in range(50):
        low = rnd.randint(2000, 2020)
        filtered.append(f"{rnd.choice(words)} 年份:{low}-{low + 5} 类型:{TYPE_NAMES[rnd.choice(TYPES)]}")
    return {"word": word_queries, "phrase": phrases, "filtered": filtered}


# ---------------------------------------------------------------------------- phases


def phase_whoosh_build(work: Path) -> dict:
    from indexer.library.library import commit_threshold
    from indexer.search import IndexedPassage, SearchIndex, analysis

    analysis.init_segmenter()
    started, cpu = time.perf_counter(), time.process_time()
    index = SearchIndex.recreate(work / "whoosh")
    rows = iter_corpus(work)
    indexed, done = 0, False
    while not done:  # commits as `hanlin index` makes them (`commit_threshold`)
        goal = indexed + commit_threshold(indexed)
        with index.writer() as writer:
            added = writer.add_all(IndexedPassage.from_row(row) for row in itertools.islice(rows, goal - indexed))
        indexed += added
        done = indexed < goal
        print(f"whoosh: {indexed} passages, {time.perf_counter() - started:.0f} s, "
              f"{index.segment_count()} segments", file=sys.stderr, flush=True)
    build = time.perf_counter() - started
    build_cpu = time.process_time() - cpu
    segments = index.segment_count()
    index.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the segmenting workers, once joined
    result = {"build_s": build, "build_cpu_s": build_cpu, "size": folder_size(work / "whoosh"),
              "build_children_cpu_s": children.ru_utime + children.ru_stime,
              "segments": segments, "rss_mb": rss_mb()}
    (work / "whoosh_build.json").write_text(json.dumps(result), encoding="utf-8")
    return result


def phase_whoosh(work: Path) -> dict:
    from indexer.search import SearchIndex, analysis

    build = json.loads((work / "whoosh_build.json").read_text(encoding="utf-8"))
    queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    analysis.init_segmenter()
    index = SearchIndex.open(work / "whoosh", create=False)
    index.search("科技", limit=20)  # open the searcher once, as an application would
    latency, totals = {}, {}
    for kind, qs in queries.items():
        times = []
        for q in qs:
            t = time.perf_counter()
            results = index.search(q, limit=20)
            times.append((time.perf_counter() - t) * 1000)
            totals.setdefault(kind, []).append(results.total)
        latency[kind] = times
    anon = rss_anon_mb()
    index.close()
    return {**build, "latency": latency, "totals": totals, "query_rss_mb": rss_mb(), "query_rss_anon_mb": anon}


def phase_fts5(work: Path) -> dict:
    from indexer.search import analysis
    from indexer.search import query as ql
    queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    analysis.init_segmenter()
    path = work / "fts5.db"
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE p USING fts5(tokens, text UNINDEXED, passage_id UNINDEXED, "
               "year UNINDEXED, doc_type UNINDEXED, tokenize='unicode61')")
    rows = iter_corpus(work)
    while batch := list(itertools.islice(rows, BATCH)):
        db.executemany("INSERT INTO p VALUES (?, ?, ?, ?, ?)", [
            (" ".join(w.text for w in analysis.index_words(r["text"])), r["text"], r["passage_id"],
             r["year"], r["doc_type"]) for r in batch])
        db.commit()
    build = time.perf_counter() - started
    latency, totals = {}, {}
    for kind, qs in queries.items():
        times = []
        for q in qs:
            sql, args = fts_query(ql.parse(q), analysis)
            t = time.perf_counter()
            hits = db.execute(sql + " ORDER BY rank LIMIT 20", args).fetchall()
            total = db.execute(sql.replace("SELECT passage_id, text", "SELECT count(*)"), args).fetchone()[0]
            times.append((time.perf_counter() - t) * 1000)
            totals.setdefault(kind, []).append(total)
            del hits
        latency[kind] = times
    db.close()
    return {"build_s": build, "size": path.stat().st_size, "latency": latency, "totals": totals,
            "rss_mb": rss_mb()}


def fts_query(node, analysis) -> tuple[str, list]:
    """The FTS5 equivalent of a benchmark query: words ANDed, a phrase as its jieba words, filters in SQL."""
    from indexer.search import query as ql
    items = node.items if isinstance(node, ql.And) else (node,)
    match, where, args = [], [], []
    for item in items:
        if isinstance(item, ql.YearRange):
            where.append("year BETWEEN ? AND ?")
            args += [item.low, item.high]
        elif item.field == "type":
            where.append("doc_type = ?")
            args.append(item.text)
        else:
            words = analysis.query_words(item.text)
            match.append('"' + " ".join(w.replace('"', '""') for w in words) + '"')
    sql = "SELECT passage_id, text FROM p WHERE p MATCH ?"
    return sql + "".join(f" AND {w}" for w in where), [" AND ".join(match)] + args


# ---------------------------------------------------------------------------- report


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def rss_anon_mb() -> float:
    """Anonymous resident memory of this process now (not the memory-mapped index files)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def iter_corpus(work: Path):
    with (work / "corpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def synth_corpus(n: int, seed: int, work: Path, rnd: random.Random) -> tuple[list[dict], int]:
    """`n` passages from ../shared/tools/synth_passages.py (jieba's vocabulary and frequencies), written to
    corpus.jsonl as index rows; returns a sample of 400 rows (for the queries) and the text's UTF-8 bytes."""
    tool = REPO.parent / "shared" / "tools" / "synth_passages.py"
    proc = subprocess.Popen([sys.executable, str(tool), "--passages", str(n), "--seed", str(seed), "--out", "-"],
                            stdout=subprocess.PIPE, text=True, encoding="utf-8")
    assert proc.stdout is not None
    sample: list[dict] = []
    text_bytes = 0
    ordinals: dict[int, int] = {}
    with (work / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for i, line in enumerate(proc.stdout):
            s = json.loads(line)
            doc = s["doc"]
            ordinal = ordinals[doc] = ordinals.get(doc, -1) + 1
            row = {"passage_id": f"s{i}", "doc_id": f"d{doc}", "file_sha256": f"sha{doc}", "file": f"/bench/{doc}.pdf",
                   "page": 1 + ordinal // 3, "end_page": 1 + ordinal // 3, "start": 0, "end": 0, "ordinal": ordinal,
                   "text": s["text"], "title": s["title"], "authors": [], "source": s["source"], "keywords": [],
                   "abstract": "", "year": s["year"],
                   "doc_type": s["doc_type"] if s["doc_type"] in TYPES else "other", "doc_number": s["doc_number"]}
            text_bytes += len(s["text"].encode("utf-8"))
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            if len(sample) < 400:
                sample.append(row)
            elif rnd.random() < 400 / (i + 1):
                sample[rnd.randrange(400)] = row
    if proc.wait() != 0:
        raise SystemExit("synth_passages.py failed")
    return sample, text_bytes


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def report(meta: dict, results: dict) -> str:
    text_mb = meta["text_bytes"] / 1e6
    kind = ("synthetic passages (`../shared/tools/synth_passages.py`: jieba's vocabulary and word frequencies)"
            if meta.get("corpus") == "synth" else
            f"{meta.get('seed_passages', '?')} seed passages replicated with perturbations")
    lines = [
        (f"Corpus: {meta['passages']:,} {kind}, {text_mb:.1f} MB of UTF-8 passage text; {meta['cpus']} CPUs "
         f"shared with other work; {meta['date']}."),
        "",
        ("| engine | build (passages/s) | size on disk | size / text | peak RSS | word p50 / p95 | phrase p50 / p95 "
         "| filtered p50 / p95 |"),
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in results.items():
        rate = meta["passages"] / r["build_s"]
        build = f"{r['build_s']:.0f} s ({rate:,.0f}/s"
        if "build_children_cpu_s" in r:
            build += f"; CPU {r['build_cpu_s']:.0f} s + {r['build_children_cpu_s']:.0f} s segmenting)"
        else:
            build += f"; CPU {r['build_cpu_s']:.0f} s)" if "build_cpu_s" in r else ")"
        memory = f"{r['rss_mb']:.0f} MB"
        if "query_rss_mb" in r:
            memory += f" build, {r['query_rss_mb']:.0f} MB search"
        if "query_rss_anon_mb" in r:
            memory += f" (anonymous {r['query_rss_anon_mb']:.0f} MB)"
        cells = [name, build, f"{r['size'] / 1e6:.1f} MB", f"{r['size'] / meta['text_bytes']:.2f}×", memory]
        for kind in ("word", "phrase", "filtered"):
            t = r["latency"][kind]
            cells.append(f"{pct(t, 50):.1f} / {pct(t, 95):.1f} ms")
        lines.append("| " + " | ".join(cells) + " |")
    w = results.get("Hanlin (Whoosh)")
    if w:
        fts = results.get("SQLite FTS5 (jieba tokens)")
        engines = [w] if fts is None else [w, fts]
        lines += ["", f"Segments as `hanlin index` leaves them (`commit_threshold`, `tiered_merge`): {w['segments']}. "
                  f"Median hits per query ({'Whoosh' if fts is None else 'Whoosh / FTS5'}): " + ", ".join(
                      f"{k} " + " / ".join(f"{statistics.median(e['totals'][k]):.0f}" for e in engines)
                      for k in ("word", "phrase", "filtered")) + "."]
    return "\n".join(lines)


def write_readme(readme: Path, table: str, corpus: str, passages: int) -> None:
    """Put `table` in the README block of this corpus and size: ``bench-search`` (replicated) or
    ``bench-search-synth`` up to 200,000 passages, ``bench-search-<corpus>-<size>`` above (a new
    block goes after the corpus's first one), so that the sizes stand side by side."""
    sys.path.insert(0, str(REPO / "bench"))
    from readme_block import write_block

    first = "bench-search" if corpus == "replicated" else f"bench-search-{corpus}"
    size = f"{passages // 1_000_000}m" if passages % 1_000_000 == 0 else f"{passages // 1000}k"
    tag = first if passages <= 200_000 else f"{first}-{size}"
    write_block(readme, tag, table, after=first)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "search"))
    ap.add_argument("--readme")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--corpus", choices=("replicated", "synth"), default="replicated",
                    help="seed passages replicated with perturbations, or ../shared/tools/synth_passages.py")
    ap.add_argument("--phase", choices=("whoosh-build", "whoosh", "fts5"))
    ap.add_argument("--no-fts5", action="store_true", help="measure Hanlin only (FTS5's build segments everything again)")
    ap.add_argument("--reuse", action="store_true",
                    help="keep the corpus and the Whoosh index of a previous run (after query-side changes)")
    a = ap.parse_args()
    work = Path(a.out)
    if a.phase:
        phases = {"whoosh-build": phase_whoosh_build, "whoosh": phase_whoosh, "fts5": phase_fts5}
        result = phases[a.phase](work)
        print(json.dumps(result))
        return 0
    work.mkdir(parents=True, exist_ok=True)
    if a.reuse:
        meta = json.loads((work / "meta.json").read_text(encoding="utf-8"))
    else:
        rnd = random.Random(a.seed)
        if a.corpus == "synth":
            sample, text_bytes = synth_corpus(a.passages, a.seed, work, rnd)
            queries = make_queries(sample, rnd)
            meta = {"passages": a.passages, "corpus": "synth", "cpus": os.cpu_count(), "text_bytes": text_bytes,
                    "date": time.strftime("%Y-%m-%d")}
        else:
            seeds = seed_passages()
            rows = make_corpus(seeds, a.passages, rnd)
            with (work / "corpus.jsonl").open("w", encoding="utf-8") as out:
                out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
            queries = make_queries(rows, rnd)
            meta = {"passages": len(rows), "corpus": "replicated", "seed_passages": len(seeds),
                    "cpus": os.cpu_count(), "text_bytes": sum(len(r["text"].encode("utf-8")) for r in rows),
                    "date": time.strftime("%Y-%m-%d")}
        (work / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        (work / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    results = {}
    phases = [("Hanlin (Whoosh)", "whoosh"), ("SQLite FTS5 (jieba tokens)", "fts5")]
    if a.no_fts5:
        phases.pop()
    if not a.reuse:
        phases.insert(0, ("build", "whoosh-build"))
    for name, phase in phases:
        run = subprocess.run([sys.executable, __file__, "--phase", phase, "--out", str(work)],
                             stdout=subprocess.PIPE, text=True, encoding="utf-8", check=False)
        if run.returncode != 0:
            return 1
        if phase != "whoosh-build":
            results[name] = json.loads(run.stdout.strip().splitlines()[-1])
    (work / "results.json").write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False), "utf-8")
    table = report(meta, results)
    print(table)
    if a.readme:
        write_readme(Path(a.readme), table, meta.get("corpus", "replicated"), meta["passages"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
